"""Server-rendered SVG charts: horizontal bars, one row per outlet, month or editor.

No script and no inline style (the CSP forbids both): colours and type come from
classes in static/newsdrift/analytics.css, geometry from SVG attributes. Each chart is
`role="img"` named by its <title> and described by its <desc>; every bar has a <title>
of its own (the figure behind it) and the page puts a data table beside each chart.
All text goes through format_html, so outlet and account names are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 400
LABEL_END = 118  # labels are right-aligned to here
BAR_START = 122
BAR_WIDTH = 200
ROW = 20
BAR_HEIGHT = 13
TOP = 6
LABEL_CHARS = 19  # longer labels are cut in the picture (the table has them whole)


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    values: tuple[float, ...]  # one per series
    note: str  # written after the bar ("120 comparisons", "4.2")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[Row],
    series: Sequence[str],
    classes: Sequence[str],
    *,
    shares: bool = False,
) -> SafeString:
    """Horizontal bars, stacked when there are several series.

    With `shares`, every bar is as long as the whole and its parts are shares of its
    row's total (a distribution); otherwise lengths are to the largest row's total.
    """
    height = TOP * 2 + ROW * max(len(rows), 1)
    largest = max((sum(r.values) for r in rows), default=0) or 1
    parts = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        total = sum(row.values) or 1
        scale = BAR_WIDTH / (total if shares else largest)
        x = float(BAR_START)
        segments = []
        for value, name, css in zip(row.values, series, classes, strict=True):
            if not value:
                continue
            width = value * scale
            share = f" ({value * 100 / total:.0f}%)" if shares else ""
            segments.append(
                format_html(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {} {}{}</title></rect>",
                    css,
                    f"{x:.1f}",
                    y + (ROW - BAR_HEIGHT) // 2,
                    f"{max(width, 0.5):.1f}",
                    BAR_HEIGHT,
                    row.label,
                    _number(value),
                    name,
                    share,
                )
            )
            x += width
        text_y = y + ROW // 2 + 4
        parts.append(
            format_html(
                '<g><text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>{}'
                '<text class="chart-note" x="{}" y="{}">{}</text></g>',
                LABEL_END,
                text_y,
                _short(row.label),
                SafeString("".join(segments)),
                f"{(BAR_START + BAR_WIDTH if shares else x) + 4:.1f}",
                text_y,
                row.note,
            )
        )
    if not rows:
        parts.append(
            format_html(
                '<text class="chart-note" x="{}" y="{}">Nothing to show for these filters.</text>',
                BAR_START,
                TOP + ROW // 2 + 4,
            )
        )
    return format_html(
        '<svg class="chart" id="{}" role="img" aria-labelledby="{}-title {}-desc" '
        'viewBox="0 0 {} {}" preserveAspectRatio="xMinYMin meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        chart_id,
        chart_id,
        chart_id,
        WIDTH,
        height,
        chart_id,
        title,
        chart_id,
        desc,
        SafeString("".join(parts)),
    )


def legend(series: Sequence[str], classes: Sequence[str]) -> SafeString:
    """The key of a stacked chart: a swatch and a name per series."""
    return format_html(
        '<ul class="chart-legend">{}</ul>',
        format_html_join(
            "",
            '<li><span class="swatch {}" aria-hidden="true"></span>{}</li>',
            zip(classes, series, strict=True),
        ),
    )
