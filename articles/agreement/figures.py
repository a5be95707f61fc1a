"""The agreement page's figures: per comparison, per pair of editors, per outlet and
per category, over the double reviews whose two reviews are both handed in.

The rows are read in a fixed number of queries (articles.agreement.sheets) and pooled
in Python: a pair's kappa is the kappa of all its items together, not an average of
per-comparison kappas (a comparison of three units would weigh as much as one of
eighty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from articles.analysis.categories import category_label
from articles.models import lead_subquery, title_or_lead

from . import kappa
from .items import Items, paired_items
from .models import BlindReview, DoubleReview
from .sheets import load_pairs

MEASURES = (
    ("suggestions", "Suggestions accepted or dismissed"),
    ("units", "Units flagged or not"),
    ("categories", "Flag categories"),
)


@dataclass(frozen=True, slots=True)
class Filters:
    start: date | None = None
    end: date | None = None
    outlet: str = ""
    editor: int | None = None


@dataclass
class Group:
    """A set of double reviews pooled together (a comparison, a pair, an outlet)."""

    key: str
    label: str
    comparisons: int = 0
    items: Items = field(default_factory=Items)

    def figures(self) -> list[tuple[str, str, kappa.Agreement]]:
        return [
            (code, label, kappa.agreement(getattr(self.items, code))) for code, label in MEASURES
        ]


@dataclass
class Report:
    comparisons: list[Group]
    pairs: list[Group]
    outlets: list[Group]
    categories: list[tuple[str, str, kappa.Agreement]]
    overall: Group

    @property
    def overall_list(self) -> list[Group]:
        return [self.overall]


def finished(filters: Filters) -> QuerySet[DoubleReview]:
    """Double reviews with both reviews handed in, filtered (by the date the second
    one was handed in, the retranslation's outlet, one of the two editors)."""
    rows = DoubleReview.objects.exclude(state=DoubleReview.State.OPEN)
    if filters.start:
        rows = rows.filter(ready_at__gte=_aware(filters.start, time.min))
    if filters.end:
        rows = rows.filter(ready_at__lte=_aware(filters.end, time.max))
    if filters.outlet:
        rows = rows.filter(comparison__retranslation__outlet=filters.outlet)
    if filters.editor:
        rows = rows.filter(reviews__reviewer_id=filters.editor)
    return (
        rows.select_related("comparison__source", "comparison__retranslation")
        .annotate(source_lead=lead_subquery("comparison__source"))
        .prefetch_related("reviews__reviewer")
        .order_by("-ready_at", "-id")
        .distinct()
    )


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def report(filters: Filters) -> Report:
    """Every figure of the page (and its CSV), in a fixed number of queries."""
    pairs = load_pairs(list(finished(filters)))
    comparisons: list[Group] = []
    by_pair: dict[str, Group] = {}
    by_outlet: dict[str, Group] = {}
    overall = Group("all", "All double reviews")
    for pair in pairs:
        dr = pair.double_review
        first, second = pair.sides()
        items = paired_items(
            pair.units, pair.suggestions, pair.sheets[first.pk], pair.sheets[second.pk]
        )
        names = sorted([first.reviewer.get_username(), second.reviewer.get_username()])
        outlet = dr.comparison.retranslation.outlet or "(no outlet)"
        comparison = Group(
            str(dr.comparison_id),
            f"#{dr.comparison_id} {title_or_lead(dr.comparison.source.title, dr.source_lead)}"
            f" ({' & '.join(names)})",
        )
        for group in (
            comparison,
            by_pair.setdefault(" & ".join(names), Group(" & ".join(names), " & ".join(names))),
            by_outlet.setdefault(outlet, Group(outlet, outlet)),
            overall,
        ):
            group.comparisons += 1
            group.items.extend(items)
        comparisons.append(comparison)
    categories = [
        (code, category_label(code), kappa.agreement(pairs_))
        for code, pairs_ in sorted(overall.items.by_category.items())
    ]
    return Report(
        comparisons=comparisons,
        pairs=sorted(by_pair.values(), key=lambda g: g.key),
        outlets=sorted(by_outlet.values(), key=lambda g: g.key),
        categories=categories,
        overall=overall,
    )


def outlets() -> list[str]:
    """The outlets of retranslations that have a finished double review (one query)."""
    return sorted(
        set(
            DoubleReview.objects.exclude(state=DoubleReview.State.OPEN)
            .exclude(comparison__retranslation__outlet="")
            .values_list("comparison__retranslation__outlet", flat=True)
        )
    )


def editors() -> list[tuple[int, str]]:
    """(id, username) of the editors of finished double reviews (one query)."""
    rows = (
        BlindReview.objects.exclude(double_review__state=DoubleReview.State.OPEN)
        .values_list("reviewer_id", "reviewer__username")
        .distinct()
    )
    return sorted(set(rows), key=lambda row: row[1])
