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

from django.utils.html import conditional_escape, format_html, format_html_join
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
    A chart has a few thousand bars at most: the pieces of text are escaped once each
    (conditional_escape) and joined, rather than a format_html call per bar.
    """
    height = TOP * 2 + ROW * max(len(rows), 1)
    largest = max((sum(r.values) for r in rows), default=0) or 1
    names = [conditional_escape(name) for name in series]
    css = [conditional_escape(c) for c in classes]
    parts = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        total = sum(row.values) or 1
        scale = BAR_WIDTH / (total if shares else largest)
        label = conditional_escape(row.label)
        x = float(BAR_START)
        bar_y = y + (ROW - BAR_HEIGHT) // 2
        segments = []
        for value, name, cls in zip(row.values, names, css, strict=True):
            if not value:
                continue
            width = value * scale
            share = f" ({value * 100 / total:.0f}%)" if shares else ""
            # Every piece is escaped above or a number formatted here.
            segments.append(
                f'<rect class="{cls}" x="{x:.1f}" y="{bar_y}" width="{max(width, 0.5):.1f}" '
                f'height="{BAR_HEIGHT}"><title>{label}: {_number(value)} {name}{share}</title>'
                "</rect>"
            )
            x += width
        text_y = y + ROW // 2 + 4
        note_x = (BAR_START + BAR_WIDTH if shares else x) + 4
        parts.append(
            f'<g><text class="chart-label" x="{LABEL_END}" y="{text_y}" text-anchor="end">'
            f"{conditional_escape(_short(row.label))}</text>{''.join(segments)}"
            f'<text class="chart-note" x="{note_x:.1f}" y="{text_y}">'
            f"{conditional_escape(row.note)}</text></g>"
        )
    if not rows:
        parts.append(
            f'<text class="chart-note" x="{BAR_START}" y="{TOP + ROW // 2 + 4}">'
            "Nothing to show for these filters.</text>"
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
        SafeString("".join(parts)),  # built above from escaped pieces and numbers
    )


def table(caption_id: str, caption: str, header: Sequence[str], rows: Sequence[list]) -> SafeString:
    """A chart's data table: the first column row headers, the others figures."""
    numeric = ' class="num"'
    head = "".join(
        f'<th scope="col"{numeric if i else ""}>{conditional_escape(name)}</th>'
        for i, name in enumerate(header)
    )
    body = "".join(
        f'<tr><th scope="row">{conditional_escape(row[0])}</th>'
        + "".join(f'<td class="num">{conditional_escape(v)}</td>' for v in row[1:])
        + "</tr>"
        for row in rows
    )
    if not rows:
        body = (
            f'<tr><td colspan="{len(header)}" class="empty">'
            "Nothing to show for these filters.</td></tr>"
        )
    return format_html(
        '<table class="grid compact"><caption id="{}" class="visually-hidden">{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        caption_id,
        caption,
        SafeString(head),  # built above from escaped pieces
        SafeString(body),
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
