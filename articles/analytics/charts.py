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
    Every piece goes through format_html (a chart has a few hundred bars: the page's
    CPU is a few milliseconds more than joining escaped pieces by hand, and no string
    is ever marked safe here).
    """
    height = TOP * 2 + ROW * max(len(rows), 1)
    largest = max((sum(r.values) for r in rows), default=0) or 1
    groups = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        total = sum(row.values) or 1
        scale = BAR_WIDTH / (total if shares else largest)
        x = float(BAR_START)
        bar_y = y + (ROW - BAR_HEIGHT) // 2
        segments = []
        for value, name, cls in zip(row.values, series, classes, strict=True):
            if not value:
                continue
            width = value * scale
            share = f" ({value * 100 / total:.0f}%)" if shares else ""
            segments.append(
                (
                    cls,
                    f"{x:.1f}",
                    bar_y,
                    f"{max(width, 0.5):.1f}",
                    BAR_HEIGHT,
                    f"{row.label}: {_number(value)} {name}{share}",
                )
            )
            x += width
        text_y = y + ROW // 2 + 4
        note_x = (BAR_START + BAR_WIDTH if shares else x) + 4
        groups.append(
            format_html(
                '<g><text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>{}'
                '<text class="chart-note" x="{}" y="{}">{}</text></g>',
                LABEL_END,
                text_y,
                _short(row.label),
                format_html_join(
                    "",
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title>'
                    "</rect>",
                    segments,
                ),
                f"{note_x:.1f}",
                text_y,
                row.note,
            )
        )
    if not rows:
        groups.append(
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
        format_html_join("", "{}", ((group,) for group in groups)),
    )


def table(caption_id: str, caption: str, header: Sequence[str], rows: Sequence[list]) -> SafeString:
    """A chart's data table: the first column row headers, the others figures."""
    head = format_html_join(
        "",
        "{}",
        (
            (
                format_html('<th scope="col" class="num">{}</th>', name)
                if i
                else format_html('<th scope="col">{}</th>', name),
            )
            for i, name in enumerate(header)
        ),
    )
    if rows:
        body = format_html_join(
            "",
            '<tr><th scope="row">{}</th>{}</tr>',
            (
                (row[0], format_html_join("", '<td class="num">{}</td>', ((v,) for v in row[1:])))
                for row in rows
            ),
        )
    else:
        body = format_html(
            '<tr><td colspan="{}" class="empty">Nothing to show for these filters.</td></tr>',
            len(header),
        )
    return format_html(
        '<table class="grid compact"><caption id="{}" class="visually-hidden">{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        caption_id,
        caption,
        head,
        body,
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
