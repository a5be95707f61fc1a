"""The CSV report: one row per flag, for a corrections log or a spreadsheet.

The tuning columns say what the newsroom's tuning did to the comparison's analysis
(the same on each of its rows); a comparison with no flag but suppressed suggestions
gets one row with the flag columns empty, so that the suppression is not lost.

Comments (report format 1.1) are rows of their own after the comparison's flags:
`row_kind` says what a row is ("flag", "comment", or "comparison" for that tuning-only
row), and a comment row fills the comparison's columns, the unit's position and
number (empty for a comment on the whole comparison) and the `comment_*` columns,
leaving the flag columns empty.

Spreadsheet applications run a cell that starts with =, +, -, @, a tab or a carriage
return as a formula; article text and notes are untrusted, so such a cell is prefixed
with an apostrophe (') and shown as text (docs/report-format.md, "CSV").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime

from articles.reports.data import ComparisonReport

# Excel reads a UTF-8 file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"

COLUMNS = (
    "comparison_id",
    "comparison_title",
    "comparison_status",
    "drift_score",
    "unit_position",
    "unit_kind",
    "review_state",
    "reviewed_by",
    "reviewed_at",
    "source_text",
    "target_text",
    "category",
    "category_label",
    "severity",
    "origin",
    "status",
    "source_span",
    "target_span",
    "note",
    "author",
    "created_at",
    "updated_at",
    # Added later, at the end so that readers of the earlier columns are not disturbed.
    "unit_number",
    "closed_open_reason",
    "suggestions_suppressed",
    "tuning",
    # Added with format 1.1 (the discussion).
    "row_kind",
    "comment_id",
    "comment_reply_to",
    "comment_author",
    "comment_created_at",
    "comment_text",
    # Added with the approval stage (articles/assignments): the same on each row.
    "comparison_reviewer",
    "comparison_reviewed_at",
    "approver",
    "approved_at",
    "send_backs",
)
_COMMENT_COLUMNS = 5

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """The cell as text a spreadsheet shows, never runs."""
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def tuning_summary(report: ComparisonReport) -> str:
    """What the tuning did, in one cell: "2 suppressed by the ignore list: A ↔ B; ..."."""
    return "; ".join(f"{t.count} {t.kind_label.lower()}: {t.label}" for t in report.tuning)


def stage_cells(report: ComparisonReport) -> list[str]:
    """Who marked the comparison done and when (the units' own reviewed_by and
    reviewed_at are other columns), the approver and when, the send-backs in one cell."""
    stages = report.stages
    sent = "; ".join(
        f"{_time(s.at)} by {s.by or ''}{f' to {s.reviewer}' if s.reviewer else ''}: {s.note}"
        for s in stages.send_backs
    )
    return [
        neutralise(stages.reviewer or ""),
        _time(stages.reviewed_at),
        neutralise(stages.approver or ""),
        _time(stages.approved_at),
        neutralise(sent),
    ]


def rows(report: ComparisonReport) -> Iterator[list[str]]:
    """The rows of one comparison, each ending with the comparison's stages."""
    stage = stage_cells(report)
    for row in _rows(report):
        yield [*row, *stage]


def _rows(report: ComparisonReport) -> Iterator[list[str]]:
    """Every flag, whatever its status, in unit order, then the comments."""
    tuning = [str(report.suggestions_suppressed), neutralise(tuning_summary(report))]
    head = [str(report.id), neutralise(report.title), report.status]
    score = f"{report.summary.drift_score:.2f}"
    reason = neutralise(report.closed_open_reason)
    no_comment = [""] * _COMMENT_COLUMNS
    if report.tuning and not any(unit.flags for unit in report.units):
        yield [*head, score, *[""] * 18, "", reason, *tuning, "comparison", *no_comment]
    for unit in report.units:
        for flag in unit.flags:
            yield [
                str(report.id),
                neutralise(report.title),
                report.status,
                f"{report.summary.drift_score:.2f}",
                str(unit.position),
                unit.kind,
                unit.review_state,
                neutralise(unit.reviewed_by or ""),
                _time(unit.reviewed_at),
                neutralise(unit.source_text),
                neutralise(unit.target_text),
                flag.category,
                neutralise(flag.category_label),
                flag.severity,
                flag.origin,
                flag.status,
                neutralise(flag.source_span),
                neutralise(flag.target_span),
                neutralise(flag.note),
                neutralise(flag.author or ""),
                _time(flag.created_at),
                _time(flag.updated_at),
                str(unit.number),
                reason,
                *tuning,
                "flag",
                *no_comment,
            ]
    for comment in report.comments:
        position = "" if comment.unit_position is None else str(comment.unit_position)
        number = "" if comment.unit_number is None else str(comment.unit_number)
        yield [
            *head,
            score,
            position,
            *[""] * 17,
            number,
            reason,
            *tuning,
            "comment",
            str(comment.id),
            "" if comment.reply_to is None else str(comment.reply_to),
            neutralise(comment.author or ""),
            _time(comment.created_at),
            neutralise(comment.text),
        ]


class _Line:
    """A file-like object that hands back what csv.writer writes."""

    def write(self, value: str) -> str:
        return value


def stream(reports: Iterable[ComparisonReport]) -> Iterator[str]:
    """The CSV document in pieces: the header, then one piece per comparison."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield BOM + writer.writerow(COLUMNS)
    for report in reports:
        piece = "".join(writer.writerow(row) for row in rows(report))
        if piece:
            yield piece


def render(reports: Iterable[ComparisonReport]) -> str:
    return "".join(stream(reports))


def _time(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""
