"""The PDF report, drawn with fpdf2: the same summary, chart, drift strip and flagged
units as the HTML report.

Nothing is fetched while rendering: the only files read are the two fonts shipped in
`articles/reports/fonts/` (Debian's Noto Sans and Noto Sans Arabic, with their licence
and provenance; their character coverage is read once per process), no image is ever
drawn, and article text is only ever passed to fpdf2 as text, so a URL or an <img>
tag in an article prints as the characters it is.

fpdf2's core fonts are Latin-1 only, so the report embeds Noto Sans (Latin, Greek,
Cyrillic, typographic quotes and dashes) with Noto Sans Arabic as the fallback, and
shapes text with HarfBuzz (`uharfbuzz`) so Arabic names join and read right to left.
A character neither font has is printed as its code point, e.g. [U+2605], never
dropped silently.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from articles.analysis.categories import SEVERITIES
from articles.reports import marking
from articles.reports.data import ComparisonReport, FlagInfo, UnitInfo, generated_at

FONT = "NotoSans"
FALLBACK_FONT = "NotoSansArabic"

INK = (27, 34, 48)
MUTED = (93, 102, 117)
LINE = (216, 220, 227)
SOFT = (244, 246, 249)
ACCENT = (31, 78, 150)
MARK_INK = (140, 20, 35)
# The review pages' colours (static/newsdrift/app.css and report.css).
COLOURS = {
    "critical": (142, 47, 111),
    "major": (194, 77, 0),
    "minor": (230, 167, 0),
    "flagged": (47, 58, 87),
    "suggested": (143, 179, 224),
    "ok": (0, 122, 89),
    "unreviewed": (213, 217, 224),
}
STRIP_LEGEND = ("critical", "major", "minor", "flagged", "suggested", "ok", "unreviewed")

# fontTools logs every step of subsetting the embedded fonts at INFO: one report
# would fill the log with glyph lists.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# (family, fpdf2 style, file): the regular and bold weight of each font.
FONT_FILES = (
    (FONT, "", "NotoSans-Regular.ttf"),
    (FONT, "B", "NotoSans-Bold.ttf"),
    (FALLBACK_FONT, "", "NotoSansArabic-Regular.ttf"),
    (FALLBACK_FONT, "B", "NotoSansArabic-Bold.ttf"),
)


def font_files() -> tuple[Path, ...]:
    """The Noto Sans and Noto Sans Arabic font files shipped with newsdrift."""
    return tuple(FONTS_DIR / name for _family, _style, name in FONT_FILES)


@functools.cache
def covered_characters() -> frozenset[int]:
    """Every code point the fonts can draw (both weights of a font cover the same)."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in font_files():
        with TTFont(path, lazy=True) as font:
            covered.update(font.getBestCmap())
    return frozenset(covered)


# Arrows editors type in notes ("Maroto → Malotto"), which the fonts do not draw: their
# ASCII spelling reads as the arrow did, where [U+2192] would not.
_ASCII_STAND_INS = {"→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "⇐": "<=", "⇔": "<=>"}


def printable(text: str) -> str:
    """`text` with what no font can draw spelled out as [U+XXXX] (an arrow as ->), and
    controls removed."""
    covered = covered_characters()
    cleaned = _CONTROL.sub(" ", text or "")
    return "".join(
        ch if ord(ch) in covered or ch in "\n " else _ASCII_STAND_INS.get(ch, f"[U+{ord(ch):04X}]")
        for ch in cleaned
    )


# The footer's stand-in for the number of pages, which fpdf2 replaces wherever it occurs
# on a page. Its default, "{nb}", can be in an article, a title or a note, where it would
# silently become a number: two control characters cannot, since `printable` removes
# them from every text the report prints.
PAGE_COUNT_ALIAS = "\x1e\x1f"


class ReportPDF(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.alias_nb_pages(PAGE_COUNT_ALIAS)
        for family, style, name in FONT_FILES:
            self.add_font(family, style, FONTS_DIR / name)
        self.set_fallback_fonts([FALLBACK_FONT], exact_match=False)
        self.set_text_shaping(True)
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=16)
        self.set_title(printable(title))
        self.set_author("newsdrift")
        self.set_creator("newsdrift")
        self.report_title = printable(title)
        self.generated = generated_at()
        self.set_font(FONT, size=10)

    # Page furniture -------------------------------------------------------------
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(
            0, 5, _clip(self, self.report_title, self.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_draw_color(*LINE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(
            0,
            5,
            f"newsdrift review report · generated {self.generated:%Y-%m-%d %H:%M} UTC",
            align="L",
        )
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {PAGE_COUNT_ALIAS}", align="R")

    # Text helpers ---------------------------------------------------------------
    def bold(self, on: bool = True) -> None:
        """The bold weight on or off, keeping the family, size and underline."""
        style = ("B" if on else "") + ("U" if self.underline else "")
        self.set_font(self.font_family, style=style, size=self.font_size_pt)

    def heading(self, text: str, size: float = 11, colour=INK) -> None:
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        self.bold()
        # Headings ragged right: justified, a two-line title spreads its first line.
        self.multi_cell(
            0, size * 0.5, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.bold(False)

    def paragraph(self, text: str, size: float = 9.5, colour=INK, height: float = 4.8) -> None:
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, height, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def marked_text(self, pieces: list[tuple[str, bool]], height: float = 4.8) -> None:
        """Flowing text with the words at issue underlined in red."""
        self.set_font(FONT, size=9.5)
        for piece, is_marked in pieces:
            if is_marked:
                self.set_text_color(*MARK_INK)
                self.set_font(FONT, style="U", size=9.5)
                self.bold()
                self.write(height, printable(piece))
                self.bold(False)
                self.set_font(FONT, size=9.5)
                self.set_text_color(*INK)
            else:
                self.set_text_color(*INK)
                self.write(height, printable(piece))
        self.ln(height)


def render(reports: Iterable[ComparisonReport], *, title: str) -> bytes:
    pdf = ReportPDF(title)
    count = 0
    for report in reports:
        pdf.add_page()
        _report(pdf, report)
        count += 1
    if not count:
        pdf.add_page()
        pdf.heading(title, 16)
        pdf.paragraph("No comparison matches the selection.", colour=MUTED)
    return bytes(pdf.output())


def _report(pdf: ReportPDF, report: ComparisonReport) -> None:
    s = report.summary
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color(*ACCENT)
    pdf.bold()
    pdf.cell(
        0,
        4,
        f"NEWSDRIFT · REVIEW REPORT · COMPARISON {report.id}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.bold(False)
    pdf.ln(1)
    pdf.heading(report.title, 16)
    meta = [report.status_label.upper(), f"imported {report.created_at:%Y-%m-%d}"]
    if report.last_activity_at:
        who = f" by {report.last_editor}" if report.last_editor else ""
        meta.append(f"last reviewed {report.last_activity_at:%Y-%m-%d %H:%M} UTC{who}")
    pdf.paragraph("   ·   ".join(meta), size=8.5, colour=MUTED)
    if report.closed_open_reason:
        pdf.paragraph(f"Closed with things still open. Reason: {report.closed_open_reason}", size=9)
    for line in report.stages.lines():
        pdf.paragraph(line, size=8.5, colour=MUTED)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(4)

    by_severity = s.confirmed_by_severity()
    _figures(
        pdf,
        [
            (
                f"{s.drift_score:.2f}",
                "DRIFT SCORE",
                f"{s.penalty_points} pts / {s.source_words} words",
            ),
            (str(s.units), "UNITS", f"{s.reviewed_units} reviewed"),
            (str(s.flagged_units), "FLAGGED", "units to correct"),
            (
                str(s.confirmed_flags),
                "CONFIRMED",
                " · ".join(f"{by_severity[x]} {x}" for x in reversed(SEVERITIES) if by_severity[x])
                or "none yet",
            ),
            (
                str(s.flags_by_status["suggested"]),
                "PENDING SUGGESTIONS",
                f"{s.flags_by_status['dismissed']} dismissed",
            ),
        ],
    )
    _articles(pdf, report)
    _chart(pdf, report)
    _strip(pdf, report)
    _tuning(pdf, report)

    flagged = report.flagged_units
    _section(pdf, f"Flagged units — {len(flagged)} to correct")
    if not flagged:
        pdf.paragraph("No unit is flagged.", colour=MUTED)
    for unit in flagged:
        _unit(pdf, unit, unit.confirmed_flags)
    open_units = report.units_with_open_suggestions
    if open_units:
        _section(pdf, f"Suggestions awaiting review — {len(open_units)} units")
        for unit in open_units:
            _unit(pdf, unit, unit.suggested_flags)
    _comments(pdf, report)


def _comments(pdf: ReportPDF, report: ComparisonReport) -> None:
    """The discussion, oldest first (only when there is one)."""
    if not report.comments:
        return
    _section(pdf, f"Discussion — {len(report.comments)} comments")
    for comment in report.comments:
        who = comment.author or "an account since removed"
        reply = f", reply to comment {comment.reply_to}" if comment.reply_to else ""
        edited = " (edited)" if comment.edited_at and not comment.deleted else ""
        when = comment.created_at.strftime("%d %b %Y %H:%M")
        pdf.paragraph(
            f"Comment {comment.id} by {who} on {comment.where}, {when}{reply}{edited}",
            size=8.5,
            colour=MUTED,
        )
        pdf.paragraph("Deleted by its author." if comment.deleted else comment.text, size=9.5)
        pdf.ln(1)


def _figures(pdf: ReportPDF, figures: list[tuple[str, str, str]]) -> None:
    gap = 3
    width = (pdf.epw - gap * (len(figures) - 1)) / len(figures)
    top = pdf.get_y()
    for index, (value, label, hint) in enumerate(figures):
        x = pdf.l_margin + index * (width + gap)
        dark = index == 0
        pdf.set_fill_color(*(INK if dark else SOFT))
        pdf.set_draw_color(*(INK if dark else LINE))
        pdf.set_line_width(0.2)
        pdf.rect(x, top, width, 19, style="DF")
        pdf.set_xy(x + 2.5, top + 1.5)
        pdf.set_font(FONT, size=15)
        pdf.set_text_color(*((255, 255, 255) if dark else INK))
        pdf.bold()
        pdf.cell(width - 5, 7, value)
        pdf.bold(False)
        pdf.set_xy(x + 2.5, top + 9)
        pdf.set_font(FONT, size=6.5)
        pdf.set_text_color(*((201, 209, 222) if dark else MUTED))
        pdf.cell(width - 5, 3.5, label)
        pdf.set_xy(x + 2.5, top + 13)
        pdf.cell(width - 5, 3.5, _clip(pdf, hint, width - 5))
    pdf.set_xy(pdf.l_margin, top + 23)


def _articles(pdf: ReportPDF, report: ComparisonReport) -> None:
    for label, article in (("SOURCE", report.source), ("RETRANSLATION", report.retranslation)):
        pdf.set_font(FONT, size=7)
        pdf.set_text_color(*ACCENT)
        pdf.bold()
        pdf.cell(28, 4.5, label)
        pdf.bold(False)
        pdf.set_font(FONT, size=9)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 4.5, printable(article.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        details = [article.outlet or "no outlet"]
        if article.byline:
            details.append(article.byline)
        if article.published_at:
            details.append(f"published {article.published_at:%Y-%m-%d}")
        details.append(f"{article.word_count} words")
        details.append(f"sha256 {article.sha256[:16]}…")
        pdf.set_x(pdf.l_margin + 28)
        pdf.set_font(FONT, size=7.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4, printable(" · ".join(details)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if article.url:
            pdf.set_x(pdf.l_margin + 28)
            # The URL as text: printed, never a link.
            pdf.multi_cell(0, 4, printable(article.url), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    pdf.ln(1)


def _tuning(pdf: ReportPDF, report: ComparisonReport) -> None:
    """What the newsroom's tuning did to the analysis (only when it did something)."""
    if not report.tuning:
        return
    _section(
        pdf,
        f"Tuning of the analysis — {report.suggestions_suppressed} suppressed, "
        f"{report.suggestions_lowered} lowered",
    )
    pdf.paragraph(f"Analysis version {report.analysis_version}", size=8.5, colour=MUTED)
    for effect in report.tuning:
        # The report fonts have no "↔" (the ignore list's pairs): spelled as ASCII.
        label = effect.label.replace("↔", "<->")
        pdf.paragraph(f"{effect.count} {effect.kind_label.lower()}: {label}", size=9)


def _section(pdf: ReportPDF, title: str) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, size=10.5)
    pdf.set_text_color(*INK)
    pdf.bold()
    pdf.cell(0, 6, printable(title.upper()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.bold(False)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


def _chart(pdf: ReportPDF, report: ComparisonReport) -> None:
    rows = report.summary.chart_rows()
    _section(pdf, "Confirmed flags by category and severity")
    if not rows:
        pdf.paragraph("No confirmed flags yet.", colour=MUTED)
        return
    label_width, count_width, row_height, bar_height = 38, 10, 6, 4
    bar_space = pdf.epw - label_width - count_width
    biggest = max(total for *_, total in rows)
    if pdf.get_y() + len(rows) * row_height + 10 > pdf.h - 16:
        pdf.add_page()
    for _code, label, counts, total in rows:
        y = pdf.get_y()
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*INK)
        pdf.cell(label_width - 2, row_height, label, align="R")
        x = pdf.l_margin + label_width
        for severity in SEVERITIES:
            if counts[severity]:
                width = counts[severity] * bar_space / biggest
                pdf.set_fill_color(*COLOURS[severity])
                pdf.rect(x, y + (row_height - bar_height) / 2, width, bar_height, style="F")
                x += width
        pdf.set_xy(x + 1.5, y)
        pdf.bold()
        pdf.cell(count_width, row_height, str(total))
        pdf.bold(False)
        pdf.set_xy(pdf.l_margin, y + row_height)
    _legend(pdf, [(x, x.capitalize()) for x in SEVERITIES])


def _strip(pdf: ReportPDF, report: ComparisonReport) -> None:
    _section(pdf, "Drift strip — one mark per unit, in article order")
    units = report.units
    y = pdf.get_y()
    pdf.set_fill_color(*SOFT)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.rect(pdf.l_margin, y, pdf.epw, 7, style="DF")
    if units:
        step = pdf.epw / len(units)
        for index, unit in enumerate(units):
            pdf.set_fill_color(*COLOURS[unit.strip_state])
            pdf.rect(pdf.l_margin + index * step, y, max(step * 0.9, 0.2), 7, style="F")
    pdf.set_y(y + 8.5)
    _legend(
        pdf,
        [
            ("critical", "Critical"),
            ("major", "Major"),
            ("minor", "Minor"),
            ("flagged", "Flagged"),
            ("suggested", "Suggestion pending"),
            ("ok", "OK"),
            ("unreviewed", "Unreviewed"),
        ],
    )


def _legend(pdf: ReportPDF, items: list[tuple[str, str]]) -> None:
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color(*MUTED)
    x = pdf.l_margin
    y = pdf.get_y() + 1
    for key, label in items:
        pdf.set_fill_color(*COLOURS[key])
        pdf.rect(x, y + 0.8, 3, 3, style="F")
        pdf.set_xy(x + 4, y)
        width = pdf.get_string_width(label) + 2
        pdf.cell(width, 4.5, label)
        x += width + 8
    pdf.set_xy(pdf.l_margin, y + 7)


def _unit(pdf: ReportPDF, unit: UnitInfo, flags: list[FlagInfo]) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    top = pdf.get_y()
    state = unit.strip_state
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(*INK)
    pdf.bold()
    pdf.cell(18, 5, f"Unit {unit.number}")
    pdf.bold(False)
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color(*MUTED)
    tags = [unit.kind.upper()]
    if unit.is_title:
        tags.append("TITLE")
    if unit.moved:
        tags.append("MOVED")
    tags.append(unit.review_state.upper())
    tags.append(f"similarity {unit.similarity:.2f}")
    pdf.cell(0, 5, "  ·  ".join(tags), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for label, text, spans, positions in (
        ("Source", unit.source_text, [f.source_span for f in flags], unit.source_positions),
        ("Retranslation", unit.target_text, [f.target_span for f in flags], unit.target_positions),
    ):
        pdf.set_font(FONT, size=7)
        pdf.set_text_color(*ACCENT)
        plural = "S" if len(positions) > 1 else ""
        where = f" · SENTENCE{plural} " + ", ".join(map(str, positions)) if positions else ""
        pdf.bold()
        pdf.cell(0, 4, f"{label.upper()}{where}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.bold(False)
        if text:
            pdf.marked_text(marking.segments(" ".join(text.split()), spans))
        else:
            pdf.paragraph(f"(no {label.lower()} sentence)", colour=MUTED)
    for flag in flags:
        _flag(pdf, flag)
    bottom = pdf.get_y()
    if bottom > top:  # the unit fits its page: mark it with its colour on the left
        pdf.set_fill_color(*COLOURS.get(state, COLOURS["flagged"]))
        pdf.rect(pdf.l_margin - 4, top, 1.4, bottom - top, style="F")
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, bottom + 1.5, pdf.w - pdf.r_margin, bottom + 1.5)
    pdf.set_y(bottom + 3.5)


def _flag(pdf: ReportPDF, flag: FlagInfo) -> None:
    y = pdf.get_y() + 0.8
    pdf.set_fill_color(*COLOURS[flag.severity])
    pdf.rect(pdf.l_margin, y + 0.4, 15, 3.6, style="F")
    pdf.set_xy(pdf.l_margin, y)
    pdf.set_font(FONT, size=6.5)
    pdf.set_text_color(*((27, 34, 48) if flag.severity == "minor" else (255, 255, 255)))
    pdf.cell(15, 4.4, flag.severity.upper(), align="C")
    pdf.set_x(pdf.l_margin + 17)
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(*INK)
    # » rather than an arrow: Noto Sans has no arrows, and Latin-1 prints everywhere.
    words = " » ".join(f"“{w}”" for w in (flag.source_span, flag.target_span) if w.strip())
    origin = (
        f"added by {flag.author or 'an editor'}"
        if flag.origin == "editor"
        else f"analysis, {flag.status}" + (f" by {flag.author}" if flag.author else "")
    )
    line = (
        f"{flag.category_label}   {words}   ({origin})"
        if words
        else f"{flag.category_label}   ({origin})"
    )
    pdf.multi_cell(0, 4.4, printable(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if flag.note.strip():
        pdf.set_x(pdf.l_margin + 17)
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.2, printable("Note: " + flag.note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _clip(pdf: FPDF, text: str, width: float) -> str:
    text = printable(text)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"
