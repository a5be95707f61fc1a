"""The JSON report, format "newsdrift.report/1.1" (docs/report-format.md and its schema).

One comparison is one report object; a selection is an object whose `reports` list
holds one report object per comparison, written a report at a time so that a large
selection streams.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime

from articles.reports.data import (
    SCHEMA,
    ArticleInfo,
    CommentInfo,
    ComparisonReport,
    FlagInfo,
    StagesInfo,
    UnitInfo,
    generated_at,
)


def report_object(report: ComparisonReport, *, with_schema: bool = True) -> dict:
    summary = report.summary
    data = {
        "comparison": {
            "id": report.id,
            "title": report.title,
            "status": report.status,
            "created_at": _time(report.created_at),
            "analysed_at": _time(report.analysed_at),
            "last_activity_at": _time(report.last_activity_at),
            "last_editor": report.last_editor,
            "closed_open_reason": report.closed_open_reason,
            "stages": _stages(report.stages),
        },
        "source": _article(report.source),
        "retranslation": _article(report.retranslation),
        "summary": {
            "units": summary.units,
            "reviewed_units": summary.reviewed_units,
            "flagged_units": summary.flagged_units,
            "flags_by_status": summary.flags_by_status,
            "flags_by_origin": summary.flags_by_origin,
            "confirmed_flags": summary.confirmed_flags,
            "flags_by_category": {
                code: counts
                for code, counts in summary.confirmed_by_category.items()
                if any(counts.values())
            },
            "flags_by_severity": summary.confirmed_by_severity(),
            "drift_score": {
                "score": summary.drift_score,
                "penalty_points": summary.penalty_points,
                "source_words": summary.source_words,
            },
        },
        "units": [_unit(unit) for unit in report.units],
        "tuning": {
            "analysis_version": report.analysis_version,
            "suggestions_suppressed": report.suggestions_suppressed,
            "suggestions_lowered": report.suggestions_lowered,
            "effects": [
                {
                    "kind": t.kind,
                    "label": t.label,
                    "rule": t.rule,
                    "ignore_entry_id": t.ignore_entry_id,
                    "count": t.count,
                }
                for t in report.tuning
            ],
        },
        "comments": [_comment(comment) for comment in report.comments],
    }
    if with_schema:
        return {"schema": SCHEMA, **data}
    return data


def _stages(stages: StagesInfo) -> dict:
    return {
        "review_started_at": _time(stages.review_started_at),
        "reviewer": stages.reviewer,
        "reviewed_at": _time(stages.reviewed_at),
        "approver": stages.approver,
        "approved_at": _time(stages.approved_at),
        "send_backs": [
            {"at": _time(s.at), "by": s.by, "reviewer": s.reviewer, "note": s.note}
            for s in stages.send_backs
        ],
    }


def render_report(report: ComparisonReport) -> str:
    """One comparison's report as a JSON document."""
    return json.dumps(
        {**report_object(report), "generated_at": _time(generated_at())},
        ensure_ascii=False,
        indent=2,
    )


def stream_selection(
    reports: Iterable[ComparisonReport], described: dict | None = None
) -> Iterator[str]:
    """A selection's JSON document, in pieces: one piece (and one line) per report.

    The envelope is written by hand around json.dumps of each report so that only one
    report is ever held as a string; reports are compact, one per line, because a
    selection of the whole archive is for tools rather than for reading.
    """
    head = {
        "schema": SCHEMA,
        "generated_at": _time(generated_at()),
        "selection": described or {},
    }
    opening = json.dumps(head, ensure_ascii=False)
    yield opening[:-1] + ', "reports": ['
    separator = "\n"
    for report in reports:
        yield separator + json.dumps(
            report_object(report), ensure_ascii=False, separators=(",", ":")
        )
        separator = ",\n"
    yield "\n]}\n"


def _article(article: ArticleInfo) -> dict:
    return {
        "title": article.title,
        "outlet": article.outlet,
        "byline": article.byline,
        "url": article.url,
        "published_at": _time(article.published_at),
        "sha256": article.sha256,
        "word_count": article.word_count,
    }


def _unit(unit: UnitInfo) -> dict:
    return {
        "position": unit.position,
        "number": unit.number,
        "kind": unit.kind,
        "is_title": unit.is_title,
        "moved": unit.moved,
        "source_text": unit.source_text,
        "target_text": unit.target_text,
        "source_positions": unit.source_positions,
        "target_positions": unit.target_positions,
        "similarity": unit.similarity,
        "review_state": unit.review_state,
        "reviewed_by": unit.reviewed_by,
        "reviewed_at": _time(unit.reviewed_at),
        "flags": [_flag(flag) for flag in unit.flags],
    }


def _flag(flag: FlagInfo) -> dict:
    return {
        "category": flag.category,
        "category_label": flag.category_label,
        "severity": flag.severity,
        "origin": flag.origin,
        "status": flag.status,
        "source_span": flag.source_span,
        "target_span": flag.target_span,
        "reason": flag.reason,
        "note": flag.note,
        "author": flag.author,
        "created_at": _time(flag.created_at),
        "updated_at": _time(flag.updated_at),
    }


def _comment(comment: CommentInfo) -> dict:
    return {
        "id": comment.id,
        "unit_position": comment.unit_position,
        "unit_number": comment.unit_number,
        "reply_to": comment.reply_to,
        "author": comment.author,
        "text": comment.text,
        "mentions": comment.mentions,
        "created_at": _time(comment.created_at),
        "edited_at": _time(comment.edited_at),
        "deleted": comment.deleted,
    }


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
