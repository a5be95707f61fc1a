"""The analytics page's figures, read from the daily tables (never from the comparisons:
one query a chart, whatever the size of the archive).

Which filters each chart takes: the date range and the outlet apply to every chart
(the drift charts by the copy's day, throughput by the day of the decision); the
category applies to the charts made of flags (confirmed flags over time, and the
outlets that drift most, then ranked by that category's points alone). The drift
score distribution is of whole comparisons and takes no category.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth

from articles.analysis.categories import CATEGORIES, CATEGORY_CODES

from .aggregates import BUCKETS
from .models import DailyDecisions, DailyDrift, DailyFlags

BUCKET_LABELS = tuple(label for label, _ in BUCKETS)
RANKED_OUTLETS = 10  # the outlets that drift most: how many


class BadParameter(ValueError):
    """A filter value the page does not offer: the message names the parameter."""


@dataclass(frozen=True, slots=True)
class Filters:
    start: date | None = None
    end: date | None = None
    outlet: str = ""
    category: str = ""

    def params(self) -> dict[str, str]:
        """The filters as query parameters (empty ones left out)."""
        values = {
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            "outlet": self.outlet,
            "category": self.category,
        }
        return {name: value for name, value in values.items() if value}

    def days(self, rows: QuerySet) -> QuerySet:
        if self.start:
            rows = rows.filter(day__gte=self.start)
        if self.end:
            rows = rows.filter(day__lte=self.end)
        if self.outlet:
            rows = rows.filter(outlet=self.outlet)
        return rows

    def describe(self) -> str:
        """The filters in words, for the charts' text alternatives."""
        parts = []
        if self.start or self.end:
            parts.append(f"from {self.start or 'the first day'} to {self.end or 'the last day'}")
        if self.outlet:
            parts.append(f"outlet {self.outlet}")
        if self.category:
            parts.append(f"category {CATEGORIES[self.category][0]}")
        return ", ".join(parts) or "the whole archive"


def _date(params, name: str) -> date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{name}: “{value}” is not a date (YYYY-MM-DD)") from None


def parse_filters(params, outlets: list[str]) -> Filters:
    """The filters of a request's query; BadParameter names the first bad one."""
    start, end = _date(params, "from"), _date(params, "to")
    if start and end and end < start:
        raise BadParameter(f"to: {end} is before from ({start})")
    outlet = params.get("outlet", "")
    if outlet and outlet not in outlets:
        raise BadParameter(f"outlet: no comparison is from an outlet called “{outlet[:200]}”")
    category = params.get("category", "")
    if category and category not in CATEGORY_CODES:
        raise BadParameter(f"category: “{category[:100]}” is not a category")
    return Filters(start=start, end=end, outlet=outlet, category=category)


def outlets() -> list[str]:
    """Every named outlet with a comparison, for the filter (one query); copies with no
    outlet are counted in every chart as "(no outlet)" but cannot be chosen alone."""
    return list(
        DailyDrift.objects.filter(comparisons__gt=0)
        .exclude(outlet="")
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()
    )


# --- the charts' rows -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Distribution:
    """Comparisons in each drift-score band, for one outlet or one month."""

    label: str
    counts: tuple[int, ...]  # one per band of BUCKETS
    score_centi: int  # the sum of their scores × 100

    @property
    def comparisons(self) -> int:
        return sum(self.counts)

    @property
    def mean_score(self) -> float:
        return round(self.score_centi / 100 / self.comparisons, 2) if self.comparisons else 0.0


def _distribution(rows, label_of) -> list[Distribution]:
    counts: dict[object, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
    scores: dict[object, int] = defaultdict(int)
    for key, bucket, n, score in rows:
        counts[key][bucket] += n
        scores[key] += score
    return [
        Distribution(label_of(key), tuple(counts[key]), scores[key])
        for key in sorted(counts)
        if sum(counts[key])
    ]


def by_outlet(filters: Filters) -> list[Distribution]:
    rows = (
        filters.days(DailyDrift.objects.all())
        .values_list("outlet", "bucket")
        .annotate(n=Sum("comparisons"), score=Sum("score_centi"))
        .order_by()
    )
    return _distribution(rows, lambda outlet: outlet or "(no outlet)")


def month_label(month: date) -> str:
    return month.strftime("%Y-%m")


def _month(value) -> date:
    # TruncMonth of a date is a date on PostgreSQL and SQLite alike; be lenient.
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def by_month(filters: Filters) -> list[Distribution]:
    rows = (
        filters.days(DailyDrift.objects.all())
        .annotate(month=TruncMonth("day"))
        .values_list("month", "bucket")
        .annotate(n=Sum("comparisons"), score=Sum("score_centi"))
        .order_by()
    )
    return _distribution(((_month(m), b, n, s) for m, b, n, s in rows), month_label)


@dataclass(frozen=True, slots=True)
class MonthFlags:
    """Confirmed flags of one month, by category (only the categories shown)."""

    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


def flags_by_month(filters: Filters) -> tuple[list[str], list[MonthFlags]]:
    """The categories with a confirmed flag (codes, in the usual order) and each
    month's counts of them."""
    rows = filters.days(DailyFlags.objects.filter(confirmed__gt=0))
    if filters.category:
        rows = rows.filter(category=filters.category)
    grouped = (
        rows.annotate(month=TruncMonth("day"))
        .values_list("month", "category")
        .annotate(n=Sum("confirmed"))
        .order_by()
    )
    counts: dict[date, dict[str, int]] = defaultdict(dict)
    for month, category, n in grouped:
        if n:
            counts[_month(month)][category] = n
    shown = [c for c in CATEGORY_CODES if any(c in row for row in counts.values())]
    return shown, [
        MonthFlags(month_label(month), tuple(counts[month].get(c, 0) for c in shown))
        for month in sorted(counts)
    ]


@dataclass(frozen=True, slots=True)
class OutletDrift:
    """An outlet's mean drift score and the comparisons behind it."""

    outlet: str
    comparisons: int
    mean_score: float
    confirmed: int | None = None  # confirmed flags of the chosen category


def ranking(filters: Filters, distributions: list[Distribution]) -> list[OutletDrift]:
    """The outlets that drift most: by mean drift score (with a category, by the mean
    of that category's points per 100 words), most first; the comparisons behind
    each figure come from `distributions` (by_outlet's rows)."""
    if not filters.category:
        ranked = [OutletDrift(d.label, d.comparisons, d.mean_score) for d in distributions]
    else:
        rows = (
            filters.days(DailyFlags.objects.filter(category=filters.category))
            .values_list("outlet")
            .annotate(score=Sum("score_centi"), n=Sum("confirmed"))
            .order_by()
        )
        flagged = {outlet or "(no outlet)": (score, n) for outlet, score, n in rows}
        ranked = []
        for d in distributions:
            score, n = flagged.get(d.label, (0, 0))
            mean = round(score / 100 / d.comparisons, 2) if d.comparisons else 0.0
            ranked.append(OutletDrift(d.label, d.comparisons, mean, n))
    ranked.sort(key=lambda r: (-r.mean_score, -r.comparisons, r.outlet))
    return [r for r in ranked if r.mean_score > 0][:RANKED_OUTLETS]


@dataclass(frozen=True, slots=True)
class Throughput:
    """One editor's decided units, the days they decided on, and units per such day."""

    editor: str
    units: int
    days: int

    @property
    def per_day(self) -> float:
        return round(self.units / self.days, 1) if self.days else 0.0


def throughput(filters: Filters) -> list[Throughput]:
    rows = (
        filters.days(DailyDecisions.objects.filter(units__gt=0))
        .values_list("editor__username")
        .annotate(n=Sum("units"), days=Count("day", distinct=True))
        .order_by()
    )
    found = [Throughput(name, n, days) for name, n, days in rows]
    found.sort(key=lambda t: (-t.per_day, -t.units, t.editor))
    return found
