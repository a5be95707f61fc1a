"""The Markdown report: a readable summary, then every flagged unit with both
sentences, the words at issue in bold, and the editors' notes.

Article text and notes are untrusted: every character Markdown or HTML gives a meaning
to is backslash-escaped, line breaks are folded into spaces (so no text can open a
heading, list or block), and bare URLs are broken so no renderer turns them into links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from articles.analysis.categories import SEVERITIES
from articles.reports import marking
from articles.reports.data import ComparisonReport, FlagInfo, UnitInfo

# Every ASCII punctuation character CommonMark lets a backslash escape that can start
# markup: emphasis, code, links, images, HTML, entities, tables, headings, lists.
# (Line-start markers such as "-", "+" or "1." cannot occur: text never starts a line.)
_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()<>#!|~&])")
# GitHub's autolinks need no brackets: "http://", "www." and "name@host" become links.
_AUTOLINK_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|file|javascript|data):")
_AUTOLINK_DOT = re.compile(r"(?i)\b(www)\.")
_AT = re.compile(r"@")
_WHITESPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """`text` as literal Markdown: one line, nothing in it is markup."""
    return _escape_inline(text).strip()


def _escape_inline(text: str) -> str:
    # Runs of whitespace (line breaks included) become one space, kept at the ends so
    # that the pieces of a marked sentence join with their spaces.
    flat = _WHITESPACE.sub(" ", text or "")
    escaped = _SIGNIFICANT.sub(r"\\\1", flat)
    escaped = _AUTOLINK_SCHEME.sub(r"\1\\:", escaped)
    escaped = _AUTOLINK_DOT.sub(r"\1\\.", escaped)
    return _AT.sub(r"\\@", escaped)


def _marked(text: str, spans: Iterable[str]) -> str:
    pieces = []
    for piece, is_marked in marking.segments(" ".join((text or "").split()), spans):
        escaped = _escape_inline(piece)
        if is_marked and escaped.strip():
            # Bold must hug the words: keep the spaces outside the markers.
            lead = escaped[: len(escaped) - len(escaped.lstrip())]
            trail = escaped[len(escaped.rstrip()) :]
            escaped = f"{lead}**{escaped.strip()}**{trail}"
        pieces.append(escaped)
    return "".join(pieces)


def render_report(report: ComparisonReport, *, heading_level: int = 1) -> str:
    h = "#" * heading_level
    s = report.summary
    lines = [
        f"{h} Review report: {escape(report.title)}",
        "",
        f"Comparison {report.id} · status **{escape(report.status_label)}** · "
        f"drift score **{s.drift_score:.2f}** "
        f"({s.penalty_points} penalty points × 100 / {s.source_words} source words)",
        "",
        f"- **Source:** {escape(report.source.title)} — "
        f"{escape(report.source.outlet) or 'no outlet'}" + _optional(" — ", report.source.byline),
        f"- **Retranslation:** {escape(report.retranslation.title)} — "
        f"{escape(report.retranslation.outlet) or 'no outlet'}"
        + _optional(" — ", report.retranslation.byline),
        f"- **Units:** {s.units}, reviewed {s.reviewed_units}, flagged {s.flagged_units}",
        *_closed_open(report),
        f"- **Flags:** {s.flags_by_status['confirmed']} confirmed, "
        f"{s.flags_by_status['suggested']} suggested, {s.flags_by_status['dismissed']} dismissed",
        "",
    ]
    lines += _tuning_lines(report, h + "#")
    rows = s.chart_rows()
    lines += [f"{h}# Confirmed flags by category and severity", ""]
    if rows:
        lines.append(
            "| Category | " + " | ".join(x.capitalize() for x in SEVERITIES) + " | Total |"
        )
        lines.append("|---|" + "---:|" * (len(SEVERITIES) + 1))
        for _code, label, counts, total in rows:
            cells = " | ".join(str(counts[x]) for x in SEVERITIES)
            lines.append(f"| {escape(label)} | {cells} | {total} |")
    else:
        lines.append("No confirmed flags.")
    lines.append("")

    flagged = report.flagged_units
    lines += [f"{h}# Flagged units ({len(flagged)})", ""]
    if not flagged:
        lines += ["No unit is flagged.", ""]
    for unit in flagged:
        lines += _unit_lines(unit, h + "##", unit.confirmed_flags)

    open_units = report.units_with_open_suggestions
    if open_units:
        lines += [f"{h}# Suggestions awaiting review ({len(open_units)} units)", ""]
        for unit in open_units:
            lines += _unit_lines(unit, h + "##", unit.suggested_flags)
    lines += _comment_lines(report, h + "#")
    return "\n".join(lines).rstrip() + "\n"


def _comment_lines(report: ComparisonReport, heading: str) -> list[str]:
    """The discussion, oldest first (only when there is one); each comment one line."""
    if not report.comments:
        return []
    lines = [f"{heading} Discussion ({len(report.comments)} comments)", ""]
    for comment in report.comments:
        who = escape(comment.author or "an account since removed")
        when = comment.created_at.strftime("%Y-%m-%d %H:%M")
        reply = f", reply to comment {comment.reply_to}" if comment.reply_to else ""
        edited = " (edited)" if comment.edited_at and not comment.deleted else ""
        text = "*deleted by its author*" if comment.deleted else escape(comment.text)
        lines.append(
            f"- Comment {comment.id} by **{who}** on {comment.where}, {when}{reply}{edited}: {text}"
        )
    lines.append("")
    return lines


def render_selection(reports: Iterable[ComparisonReport]) -> str:
    parts = ["# newsdrift review reports", ""]
    count = 0
    for report in reports:
        parts.append(render_report(report, heading_level=2))
        count += 1
    if not count:
        parts.append("No comparison matches the selection.\n")
    return "\n".join(parts)


def _closed_open(report: ComparisonReport) -> list[str]:
    """The line saying it was closed with things open, and why (none otherwise), and
    the review and approval stages."""
    lines = [f"- {escape(line)}" for line in report.stages.lines()]
    if not report.closed_open_reason:
        return lines
    reason = f"- **Closed with things still open.** Reason: {escape(report.closed_open_reason)}"
    return [reason, *lines]


def _unit_lines(unit: UnitInfo, heading: str, flags: list[FlagInfo]) -> list[str]:
    title = f"{heading} Unit {unit.number} · {unit.kind}"
    if unit.is_title:
        title += " (title)"
    title += f" · {unit.review_state}"
    source = _marked(unit.source_text, [f.source_span for f in flags]) or "*(none)*"
    target = _marked(unit.target_text, [f.target_span for f in flags]) or "*(none)*"
    lines = [title, "", f"> **Source:** {source}", ">", f"> **Retranslation:** {target}", ""]
    for flag in flags:
        words = " → ".join(
            f"“{escape(w)}”" for w in (flag.source_span, flag.target_span) if w.strip()
        )
        line = (
            f"- **{escape(flag.category_label)}** ({flag.severity}, {flag.status}, "
            f"{'editor' if flag.origin == 'editor' else 'analysis'})"
        )
        if words:
            line += f": {words}"
        if flag.author:
            line += f" — {escape(flag.author)}"
        lines.append(line)
        if flag.note.strip():
            lines.append(f"  - Note: {escape(flag.note)}")
    if unit.reviewed_by:
        lines.append(f"- Reviewed by {escape(unit.reviewed_by)}")
    lines.append("")
    return lines


def _tuning_lines(report: ComparisonReport, heading: str) -> list[str]:
    """What the newsroom's tuning did to the analysis (only when it did something)."""
    if not report.tuning:
        return []
    lines = [
        f"{heading} Tuning of the analysis",
        "",
        f"{report.suggestions_suppressed} suggestion(s) suppressed, "
        f"{report.suggestions_lowered} lowered in severity "
        f"(analysis version {escape(report.analysis_version)}):",
        "",
    ]
    for effect in report.tuning:
        kind = escape(effect.kind_label.lower())
        lines.append(f"- {effect.count} {kind}: {escape(effect.label)}")
    return [*lines, ""]


def _optional(prefix: str, value: str) -> str:
    return f"{prefix}{escape(value)}" if value.strip() else ""
