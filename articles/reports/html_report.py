"""The HTML report: a print-ready page rendered from templates/reports/report.html.

The template autoescapes everything; this module only prepares what it shows: the
words at issue as (piece, marked) pairs, and the geometry of the two SVG figures (the
chart of confirmed flags and the drift strip) as numbers, so that no markup is built
in Python and no inline style is needed (the CSP is style-src 'self').
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static

from articles.analysis.categories import SEVERITIES
from articles.reports import marking
from articles.reports.data import ComparisonReport, FlagInfo, UnitInfo, generated_at

STYLESHEET = "newsdrift/report.css"

# Chart geometry, in SVG user units (the SVG scales to the page width).
CHART_WIDTH = 640
CHART_LABEL_WIDTH = 150
CHART_COUNT_WIDTH = 40
CHART_ROW_HEIGHT = 24
CHART_BAR_HEIGHT = 14
STRIP_HEIGHT = 10


@dataclass(frozen=True, slots=True)
class Bar:
    severity: str
    x: float
    width: float
    count: int


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    y: int
    text_y: int
    bars: list[Bar]
    total: int
    total_x: float


@dataclass(frozen=True, slots=True)
class StripMark:
    x: int
    state: str
    position: int
    label: str


@dataclass(frozen=True, slots=True)
class FlaggedUnit:
    unit: UnitInfo
    source: list[tuple[str, bool]]
    target: list[tuple[str, bool]]
    flags: list[FlagInfo]


def stylesheet_url(base_url: str | None = None) -> str:
    """The report stylesheet's URL: absolute when the page is read away from the site."""
    path = static(STYLESHEET)
    if base_url is None:
        return path
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def chart(report: ComparisonReport) -> dict:
    rows = report.summary.chart_rows()
    biggest = max((total for *_, total in rows), default=0)
    bar_space = CHART_WIDTH - CHART_LABEL_WIDTH - CHART_COUNT_WIDTH
    scale = bar_space / biggest if biggest else 0
    chart_rows = []
    for index, (_code, label, counts, total) in enumerate(rows):
        y = index * CHART_ROW_HEIGHT + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2
        x = float(CHART_LABEL_WIDTH)
        bars = []
        for severity in SEVERITIES:
            if counts[severity]:
                width = round(counts[severity] * scale, 2)
                bars.append(Bar(severity, round(x, 2), width, counts[severity]))
                x += width
        chart_rows.append(
            ChartRow(
                label=label,
                y=y,
                text_y=index * CHART_ROW_HEIGHT + CHART_ROW_HEIGHT // 2 + 4,
                bars=bars,
                total=total,
                total_x=round(x + 6, 2),
            )
        )
    return {
        "rows": chart_rows,
        "width": CHART_WIDTH,
        "height": max(len(chart_rows), 1) * CHART_ROW_HEIGHT,
        "bar_height": CHART_BAR_HEIGHT,
        "label_x": CHART_LABEL_WIDTH - 8,
    }


def strip(report: ComparisonReport) -> dict:
    marks = [
        StripMark(
            x=index,
            state=unit.strip_state,
            position=unit.position,
            label=f"Unit {unit.number}: {unit.strip_state}",
        )
        for index, unit in enumerate(report.units)
    ]
    return {"marks": marks, "width": max(len(marks), 1), "height": STRIP_HEIGHT}


def flagged_units(units: Iterable[UnitInfo], *, confirmed: bool = True) -> list[FlaggedUnit]:
    shown = []
    for unit in units:
        flags = unit.confirmed_flags if confirmed else unit.suggested_flags
        shown.append(
            FlaggedUnit(
                unit=unit,
                source=marking.segments(unit.source_text, [f.source_span for f in flags]),
                target=marking.segments(unit.target_text, [f.target_span for f in flags]),
                flags=flags,
            )
        )
    return shown


def report_context(report: ComparisonReport) -> dict:
    return {
        "report": report,
        "chart": chart(report),
        "strip": strip(report),
        "flagged": flagged_units(report.flagged_units),
        "open_suggestions": flagged_units(report.units_with_open_suggestions, confirmed=False),
        # Worst first, only the severities present: "2 major · 4 minor".
        "by_severity": [
            (severity, count)
            for severity, count in reversed(report.summary.confirmed_by_severity().items())
            if count
        ],
        "severities": SEVERITIES,
    }


def render(
    reports: Iterable[ComparisonReport],
    *,
    title: str,
    stylesheet: str | None = None,
    request=None,
) -> str:
    """The report page for one or several comparisons."""
    sections = [report_context(report) for report in reports]
    return render_to_string(
        "reports/report.html",
        {
            "title": title,
            "sections": sections,
            "stylesheet": stylesheet or stylesheet_url(settings.NEWSDRIFT_BASE_URL),
            "generated_at": generated_at(),
        },
        request=request,
    )
