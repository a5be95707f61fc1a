"""The analytics page's charts: for each, its picture, its legend, its data table (the
same rows its CSV download holds) and which filters it takes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from articles.analysis.categories import CATEGORIES

from . import charts, queries
from .queries import BUCKET_LABELS, Filters

BAND_CLASSES = tuple(f"band-{i}" for i in range(len(BUCKET_LABELS)))
DATES_AND_OUTLET = "date range and outlet"
ALL_FILTERS = "date range, outlet and category"


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # its CSV's `chart` parameter
    heading: str
    shows: str  # what it shows, in a sentence
    filters: str  # which filters apply
    svg: SafeString
    legend: SafeString | None
    header: list[str]
    rows: list[list]

    @property
    def table(self) -> SafeString:
        return charts.table(
            f"{self.key}-table-caption", f"{self.heading}: the figures", self.header, self.rows
        )


def _distribution_table(rows: list[queries.Distribution]) -> list[list]:
    return [[d.label, d.comparisons, *d.counts, f"{d.mean_score:.2f}"] for d in rows]


def _distribution_chart(key, heading, shows, first, rows, filters) -> Chart:
    total = sum(d.comparisons for d in rows)
    desc = (
        f"{total} comparisons ({filters.describe()}), in {len(rows)} "
        f"{'rows' if len(rows) != 1 else 'row'}; each bar splits one {first.lower()}'s "
        f"comparisons into drift score bands: {', '.join(BUCKET_LABELS)}."
    )
    return Chart(
        key=key,
        heading=heading,
        shows=shows,
        filters=DATES_AND_OUTLET,
        svg=charts.chart(
            f"chart-{key}",
            heading,
            desc,
            [charts.Row(d.label, d.counts, f"{d.comparisons}") for d in rows],
            [f"score {label}" for label in BUCKET_LABELS],
            BAND_CLASSES,
            shares=True,
        ),
        legend=charts.legend([f"Score {label}" for label in BUCKET_LABELS], BAND_CLASSES),
        header=[first, "Comparisons", *[f"Score {b}" for b in BUCKET_LABELS], "Mean score"],
        rows=_distribution_table(rows),
    )


def outlets_chart(filters: Filters, by_outlet: list | None = None) -> Chart:
    return _distribution_chart(
        "outlets",
        "Drift score by outlet",
        "How the drift scores of each outlet's copies spread over the score's bands "
        "(the number after each bar is its comparisons).",
        "Outlet",
        queries.by_outlet(filters) if by_outlet is None else by_outlet,
        filters,
    )


def months_chart(filters: Filters) -> Chart:
    return _distribution_chart(
        "months",
        "Drift score by month",
        "How the drift scores of each month's copies spread over the score's bands.",
        "Month",
        queries.by_month(filters),
        filters,
    )


def flags_chart(filters: Filters) -> Chart:
    codes, months = queries.flags_by_month(filters)
    labels = [CATEGORIES[c][0] for c in codes]
    classes = [f"cat-{list(CATEGORIES).index(c)}" for c in codes]
    total = sum(m.total for m in months)
    return Chart(
        key="flags",
        heading="Confirmed flags by category",
        shows="The flags editors confirmed in each month's copies, by category.",
        filters=ALL_FILTERS,
        svg=charts.chart(
            "chart-flags",
            "Confirmed flags by category",
            f"{total} confirmed flags ({filters.describe()}) over {len(months)} months; "
            f"each bar is a month, split by category: {', '.join(labels) or 'none'}.",
            [charts.Row(m.label, m.counts, str(m.total)) for m in months],
            labels,
            classes,
        ),
        legend=charts.legend(labels, classes) if labels else None,
        header=["Month", *labels, "Total"],
        rows=[[m.label, *m.counts, m.total] for m in months],
    )


def ranking_chart(filters: Filters, by_outlet: list | None = None) -> Chart:
    ranked = queries.ranking(
        filters, queries.by_outlet(filters) if by_outlet is None else by_outlet
    )
    what = (
        f"mean {CATEGORIES[filters.category][0].lower()} points per 100 words"
        if filters.category
        else "mean drift score"
    )
    header = ["Outlet", "Comparisons", what[0].upper() + what[1:]]
    if filters.category:
        header.append("Confirmed flags")
    return Chart(
        key="ranking",
        heading="Outlets that drift most",
        shows=f"The {queries.RANKED_OUTLETS} outlets with the highest {what}, with the "
        "number of comparisons behind each figure.",
        filters=ALL_FILTERS,
        svg=charts.chart(
            "chart-ranking",
            "Outlets that drift most",
            f"The outlets with the highest {what} ({filters.describe()}): "
            + (
                "; ".join(
                    f"{r.outlet} {r.mean_score:.2f} ({r.comparisons} comparisons)"
                    for r in ranked[:3]
                )
                or "none"
            )
            + ".",
            [
                charts.Row(r.outlet, (r.mean_score,), f"{r.mean_score:.2f} · n={r.comparisons}")
                for r in ranked
            ],
            [what],
            ["bar"],
        ),
        legend=None,
        header=header,
        rows=[
            [r.outlet, r.comparisons, f"{r.mean_score:.2f}"]
            + ([r.confirmed] if filters.category else [])
            for r in ranked
        ],
    )


def throughput_chart(filters: Filters) -> Chart:
    editors = queries.throughput(filters)
    return Chart(
        key="throughput",
        heading="Editors' throughput",
        shows="Units each editor decided (marked OK or flagged), per day on which they "
        "decided any, by the day of the decision.",
        filters=DATES_AND_OUTLET,
        svg=charts.chart(
            "chart-throughput",
            "Editors' throughput",
            f"Units decided per day by {len(editors)} editors ({filters.describe()}): "
            + ("; ".join(f"{t.editor} {t.per_day:g}" for t in editors[:3]) or "none")
            + ".",
            [charts.Row(t.editor, (t.per_day,), f"{t.per_day:g}/day") for t in editors],
            ["units per day"],
            ["bar"],
        ),
        legend=None,
        header=["Editor", "Units decided", "Days with decisions", "Units per day"],
        rows=[[t.editor, t.units, t.days, f"{t.per_day:g}"] for t in editors],
    )


CHARTS: dict[str, Callable[[Filters], Chart]] = {
    "outlets": outlets_chart,
    "months": months_chart,
    "flags": flags_chart,
    "ranking": ranking_chart,
    "throughput": throughput_chart,
}


def every_chart(filters: Filters) -> list[Chart]:
    """Every chart of the page (the outlets' figures are read once for two charts)."""
    by_outlet = queries.by_outlet(filters)
    return [
        outlets_chart(filters, by_outlet),
        months_chart(filters),
        flags_chart(filters),
        ranking_chart(filters, by_outlet),
        throughput_chart(filters),
    ]
