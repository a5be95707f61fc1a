"""Snapshots of units and flags for the audit trail, and writing audit events.

Every change an editor makes is one AuditEvent whose `before` and `after` hold the rows
it touched, in one JSON shape:

    {"units": {"<id>": {field: value} | null}, "flags": {"<id>": {...} | null},
     "layout": [[unit id, position], ...], "ledger": [...], "comparison": {...}}

`null` means "does not exist" (a flag the action created has a null `before`). Only
the keys an action touches are present. Undo (articles.review.undo) restores `before`.
The events of one bulk decision (articles.review.bulk) carry the same
`"bulk": {"id": …, "size": …, "units": …}` in their `after`: one undo takes them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Model

from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag

UNIT_STATE_FIELDS = ("review_state", "reviewed_by_id", "reviewed_at", "version")
UNIT_LAYOUT_FIELDS = ("position", *AlignmentUnit.ANALYSIS_FIELDS)
FLAG_FIELDS = (
    "unit_id",
    "category",
    "severity",
    "origin",
    "status",
    "source_span",
    "target_span",
    "reason",
    "rule",
    "note",
    "author_id",
    "created_at",
)
DATETIME_FIELDS = frozenset({"reviewed_at", "created_at"})


def _row(obj: Model, fields: Iterable[str]) -> dict[str, Any]:
    row = {}
    for name in fields:
        value = getattr(obj, name)
        row[name] = value.isoformat() if isinstance(value, datetime) else value
    return row


def unit_row(unit: AlignmentUnit, *, layout: bool = False) -> dict[str, Any]:
    """A unit's review state (and with `layout`, its sentences and texts too)."""
    return _row(unit, UNIT_STATE_FIELDS + (UNIT_LAYOUT_FIELDS if layout else ()))


def flag_row(flag: Flag) -> dict[str, Any]:
    return _row(flag, FLAG_FIELDS)


def from_row(row: dict[str, Any]) -> dict[str, Any]:
    """Field values of a stored row, ready for the ORM (datetimes parsed back)."""
    return {
        name: datetime.fromisoformat(value) if name in DATETIME_FIELDS and value else value
        for name, value in row.items()
    }


def snapshot(
    *,
    units: Iterable[AlignmentUnit] = (),
    flags: Iterable[Flag] = (),
    layout: bool = False,
    gone_units: Iterable[int] = (),
    gone_flags: Iterable[int] = (),
) -> dict[str, Any]:
    """The JSON shape above for these rows; `gone_*` are ids that do not exist (null)."""
    state: dict[str, Any] = {
        "units": {str(u.pk): unit_row(u, layout=layout) for u in units},
        "flags": {str(f.pk): flag_row(f) for f in flags},
    }
    state["units"].update({str(pk): None for pk in gone_units})
    state["flags"].update({str(pk): None for pk in gone_flags})
    return state


def layout_of(comparison: Comparison) -> list[list[int]]:
    """Every unit's id and position, in order (one query)."""
    return [
        [pk, position]
        for pk, position in comparison.units.order_by("position").values_list("id", "position")
    ]


def record(
    comparison: Comparison,
    actor,
    action: str,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    unit: AlignmentUnit | None = None,
    flag: Flag | None = None,
    unit_id: int | None = None,
) -> AuditEvent:
    """`unit_id` instead of `unit` names the unit without reading it (undo knows only its
    event's `unit_id`)."""
    concerns = {"unit": unit} if unit is not None or unit_id is None else {"unit_id": unit_id}
    return AuditEvent.objects.create(
        comparison=comparison,
        **concerns,
        flag=flag,
        actor=actor,
        action=action,
        before=before,
        after=after,
    )


# What each action is called on screen ("Undo: accepted a suggestion").
ACTION_LABELS = {
    "flag.accept": "accepted a suggestion",
    "flag.dismiss": "dismissed a flag",
    "flag.edit": "edited a flag",
    "flag.add": "added a flag",
    "unit.mark": "marked a unit",
    "unit.merge": "merged two units",
    "unit.split": "split a unit",
    "unit.link": "linked a sentence",
    "ledger.confirm": "confirmed a name",
    "comparison.done": "marked the comparison done",
    "comparison.reopen": "reopened the comparison",
    "comparison.status": "changed the comparison's status",
    "flag.admin_change": "changed a flag in the admin",
    "undo": "undid a change",
    "assignment.set": "assigned the comparison",
    "assignment.cleared": "unassigned the comparison",
    "comparison.approve": "approved the comparison",
    "comparison.send_back": "sent the comparison back to review",
    "comment.added": "commented",
    "comment.edited": "edited a comment",
    "comment.deleted": "deleted a comment",
    "double_review.request": "asked for a blind double review",
    "double_review.decide": "decided a suggestion in the blind review",
    "double_review.flag": "added a flag in the blind review",
    "double_review.unflag": "removed a flag in the blind review",
    "double_review.mark": "marked a unit in the blind review",
    "double_review.done": "handed in a blind review",
    "double_review.adjudicate": "adjudicated the double review",
    "double_review.withdraw": "withdrew the blind double review",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def event_label(event: AuditEvent) -> str:
    """What an event did, on screen: a bulk decision (articles.review.bulk) counts its
    flags ("dismissed 4 suggestions at once"), any other event is its action's label."""
    mark = (event.after or {}).get("bulk")
    if not mark or event.action not in ("flag.accept", "flag.dismiss"):
        return action_label(event.action)
    verb = "accepted" if event.action == "flag.accept" else "dismissed"
    size = mark.get("size", 0)
    return f"{verb} {size} suggestion{'s' if size != 1 else ''} at once"
