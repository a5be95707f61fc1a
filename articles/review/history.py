"""A unit's history: the audit events that touched it, as lines an editor reads.

An event touched a unit when it names the unit (its `unit`), one of the unit's flags,
or when the unit's row is in its before/after snapshot (a name confirmed from the
ledger, a merge, an undo): see articles.review.audit for the snapshot's shape. One
query, whatever the number of events; the latest HISTORY_LIMIT are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from articles.analysis.categories import category_label
from articles.models import AlignmentUnit, AuditEvent

from .audit import action_label

HISTORY_LIMIT = 50

_STATE_WORDS = {"ok": "as OK", "flagged": "as flagged", "unreviewed": "as unreviewed (reopened)"}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    actor: str  # a username, or a phrase when the account is gone
    what: str  # "accepted a suggestion"
    detail: str  # "Name: “Maroto” → “Malotto”", or ""
    undone: bool


@dataclass(frozen=True, slots=True)
class UnitHistory:
    entries: list[HistoryEntry]
    more: bool  # older events exist beyond the ones shown


def _flag_detail(rows: dict[str, Any] | None) -> str:
    """The category and words of the first flag in a snapshot's flags."""
    for row in (rows or {}).values():
        if not row:
            continue
        words = " → ".join(
            f"“{row[side]}”" if row.get(side) else "—" for side in ("source_span", "target_span")
        )
        return f"{category_label(row.get('category', ''))}: {words}"
    return ""


def describe(event: AuditEvent) -> tuple[str, str]:
    """What the event did, and a detail from its snapshot (both plain text)."""
    before, after = event.before or {}, event.after or {}
    what = action_label(event.action)
    if event.action == "unit.mark":
        return what, _STATE_WORDS.get(after.get("state", ""), "")
    if event.action == "undo":
        undid = after.get("undid_action")
        return what, f"took back: {action_label(undid)}" if undid else ""
    if event.action == "ledger.confirm":
        entry = after.get("entry") or {}
        return what, f"“{entry.get('source', '')}” → “{entry.get('target', '')}”" if entry else ""
    if event.action.startswith("flag."):
        return what, _flag_detail(after.get("flags")) or _flag_detail(before.get("flags"))
    if event.action == "double_review.withdraw":
        return what, _withdrawn_detail((after.get("double_review") or {}).get("editors") or [])
    return what, ""


def _withdrawn_detail(editors: list[dict]) -> str:
    """What each editor of a withdrawn double review had done, e.g. "edna: handed in;
    otto: 3 decisions, 1 flag, 2 units reviewed"."""
    parts = []
    for editor in editors:
        if editor.get("handed_in"):
            parts.append(f"{editor.get('editor')}: handed in")
            continue
        decisions, flags, units = (
            editor.get(key, 0) for key in ("decisions", "flags", "units_reviewed")
        )
        parts.append(
            f"{editor.get('editor')}: {decisions} decision{'s' if decisions != 1 else ''}, "
            f"{flags} flag{'s' if flags != 1 else ''}, "
            f"{units} unit{'s' if units != 1 else ''} reviewed"
        )
    return "; ".join(parts)


def unit_history(unit: AlignmentUnit, limit: int = HISTORY_LIMIT) -> UnitHistory:
    """The events that touched `unit`, newest first (one query)."""
    key = str(unit.pk)
    events = list(
        AuditEvent.objects.filter(comparison_id=unit.comparison_id)
        .filter(
            Q(unit_id=unit.pk)
            | Q(flag__unit_id=unit.pk)
            | Q(before__units__has_key=key)
            | Q(after__units__has_key=key)
        )
        .select_related("actor")
        .order_by("-at", "-id")[: limit + 1]
    )
    entries = []
    for event in events[:limit]:
        what, detail = describe(event)
        actor = event.actor.get_username() if event.actor else "an account since removed"
        entries.append(HistoryEntry(event.at, actor, what, detail, event.undone))
    return UnitHistory(entries, more=len(events) > limit)
