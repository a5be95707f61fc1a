"""Undo: an editor takes back their own last change on a comparison.

The audit event of that change holds the rows it touched before and after
(articles.review.audit). Undo refuses when someone changed those units since (their
versions moved on, or the alignment was changed again), so that it never silently
overwrites another editor's work; otherwise it puts the `before` rows back, marks the
event undone and records the undo itself as an event.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag
from articles.stories.names_store import refresh_names
from newsdrift.prepared_queries import prepared

from .audit import event_label, from_row, layout_of, record
from .errors import Conflict, ReviewError
from .units import touch_comparison

# Positions are unique per comparison: renumbering first moves every unit out of the
# way by this much (positions are non-negative, so not below zero).
POSITION_OFFSET = 1_000_000
UNDOABLE_NEVER = (
    "comparison.approve",
    "comparison.send_back",
    "assignment.set",
    "assignment.cleared",
)


# Comments are audited in the same trail but are no review change: undo neither takes
# them back nor counts them as someone's later change to a unit.
NOT_REVIEW_PREFIX = "comment."


def _undoable(comparison_pk: int, user_pk: int):
    """The user's events here that undo may take back: not undone yet, not an undo, and
    no step of a blind double review (articles.agreement: audited on the comparison, but
    changing no unit or flag) nor a comment."""
    return (
        AuditEvent.objects.filter(comparison_id=comparison_pk, actor_id=user_pk, undone=False)
        .exclude(action="undo")
        # Approving, sending back and assigning are not undone: they are taken back by
        # reopening, marking done again or reassigning, each audited in turn.
        .exclude(action__in=UNDOABLE_NEVER)
        .exclude(action__startswith="double_review.")
        .exclude(action__startswith=NOT_REVIEW_PREFIX)
    )


# Every step view asks whether there is something to undo, and every undo reads it:
# their SQL is built once (newsdrift.prepared_queries).
@prepared
def _latest_undoable(comparison_pk: int, user_pk: int):
    return _undoable(comparison_pk, user_pk).order_by("-at", "-id")[:1]


@prepared
def _any_undoable(comparison_pk: int, user_pk: int):
    return _undoable(comparison_pk, user_pk).values_list("pk", flat=True)[:1]


def last_undoable(comparison: Comparison, user) -> AuditEvent | None:
    """The user's latest change on this comparison that is not undone yet."""
    return next(iter(_latest_undoable(comparison.pk, user.pk)), None)


def has_undoable(comparison: Comparison, user) -> bool:
    """Whether the user has a change here to undo (the step view's Undo button), without
    reading the event's rows before and after, which a bulk decision makes long."""
    return bool(_any_undoable(comparison.pk, user.pk))


@transaction.atomic
def undo_last(*, user, comparison: Comparison) -> tuple[AuditEvent, int | None]:
    """Undo the user's last change; returns its event and the id of a unit it concerned."""
    event = last_undoable(comparison, user)
    if event is None:
        raise ReviewError("There is nothing of yours to undo on this comparison.")
    events = decision_of(comparison, event)
    before, after = merged(events, "before"), merged(events, "after")
    _check_unchanged_since(comparison, events[0], after, ignore={e.pk for e in events})
    restore(comparison, before, after)
    AuditEvent.objects.filter(pk__in=[e.pk for e in events]).update(undone=True)
    undid = {"undid": event.pk, "undid_action": event.action}
    if len(events) > 1:
        undid["undid_events"] = [e.pk for e in events]
    removed = {int(pk) for pk, row in before.get("units", {}).items() if row is None}
    record(
        comparison,
        user,
        "undo",
        # By its id: reading the unit only to name it cost a query (issue 18).
        unit_id=event.unit_id if event.unit_id not in removed else None,
        flag=None,
        before=after,
        after={**before, **undid},
    )
    touch_comparison(comparison, user)
    unit_ids = [int(pk) for pk, row in before.get("units", {}).items() if row is not None]
    # A bulk decision goes back to the unit it was made from.
    made_from = after.get("bulk", {}).get("unit")
    return event, (made_from or (unit_ids[0] if unit_ids else None))


def decision_of(comparison: Comparison, event: AuditEvent) -> list[AuditEvent]:
    """The events of the one decision `event` belongs to, oldest first: itself, or
    every event of a bulk decision (articles.review.bulk), which one undo takes back
    whole."""
    mark = (event.after or {}).get("bulk")
    if not mark:
        return [event]
    return list(
        comparison.audit.filter(actor_id=event.actor_id, undone=False, after__bulk__id=mark["id"])
        .select_related("unit")
        .order_by("id")
    )


def merged(events: list[AuditEvent], side: str) -> dict[str, Any]:
    """The `before` (or `after`) rows of several events as one: each names its own
    flag, and the units they share are in the same state in each."""
    rows: dict[str, Any] = {}
    for event in events:
        for key, value in (getattr(event, side) or {}).items():
            if isinstance(value, dict) and key in ("units", "flags"):
                rows.setdefault(key, {}).update(value)
            else:
                rows.setdefault(key, value)
    return rows


def _check_unchanged_since(
    comparison: Comparison, event: AuditEvent, after: dict, *, ignore: set[int] = frozenset()
) -> None:
    what = event_label(event)
    expected = {int(pk): row["version"] for pk, row in after.get("units", {}).items() if row}
    current = dict(AlignmentUnit.objects.filter(pk__in=expected).values_list("id", "version"))
    moved_on = [pk for pk, version in expected.items() if current.get(pk) != version]
    # Read the later events only when a unit moved on: undoing a change right after it
    # (nearly every undo) needs no more than the versions (issue 18).
    undone_since = (
        _units_only_undone_since(comparison, event, set(moved_on), ignore) if moved_on else set()
    )
    for pk in moved_on:
        if pk not in undone_since:
            raise Conflict(
                f"Cannot undo (you {what}): someone changed that unit since. "
                "Here it is as it is now.",
                unit_id=pk if pk in current else None,
            )
    if "layout" in after and layout_of(comparison) != after["layout"]:
        raise Conflict(
            f"Cannot undo (you {what}): the alignment of this comparison was changed since."
        )
    status = after.get("comparison", {}).get("status")
    if (
        status
        and Comparison.objects.filter(pk=comparison.pk).values_list("status", flat=True).get()
        != status
    ):
        raise Conflict(f"Cannot undo (you {what}): the comparison's status changed since.")


def _units_only_undone_since(
    comparison: Comparison, event: AuditEvent, units: set[int], ignore: set[int] = frozenset()
) -> set[int]:
    """The units whose every change after `event` has been undone again.

    An undo gives the units it restores a new version (so that a form still showing the
    undone state is refused); such a unit is back as `event` left it, and undoing
    `event` overwrites nobody's work.
    """
    changed_for_good: set[int] = set()
    for later in (
        comparison.audit.filter(id__gt=event.id)
        .exclude(action="undo")
        .exclude(action__startswith=NOT_REVIEW_PREFIX)
        .exclude(id__in=ignore)
    ):
        if later.undone:
            continue
        touched = {int(pk) for pk in (later.after or {}).get("units", {})}
        if later.unit_id:
            touched.add(later.unit_id)
        changed_for_good |= touched
    return units - changed_for_good


def restore(comparison: Comparison, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Make the rows named in `before` what they were (null: remove them)."""
    units_before: dict[str, Any] = before.get("units", {})
    units_after: dict[str, Any] = after.get("units", {})
    if "layout" in before:
        comparison.units.update(position=F("position") + POSITION_OFFSET)
    # Nothing to delete in nearly every undo: Django's delete() still builds its
    # collector and the related rows' queries for an empty list (issue 18).
    if created := [int(pk) for pk, row in units_before.items() if row is None]:
        AlignmentUnit.objects.filter(comparison=comparison, pk__in=created).delete()
    for pk, row in units_before.items():
        if row is None:
            continue
        fields = from_row(row)
        # A new version, so that a form still showing the undone state is refused too.
        later = (units_after.get(pk) or {}).get("version", 0)
        fields["version"] = max(fields["version"], later) + 1
        # Updated where it is, made again where the change removed it (a merge): the
        # UPDATE's row count tells which, without a query first (issue 18).
        if not AlignmentUnit.objects.filter(pk=int(pk), comparison=comparison).update(**fields):
            AlignmentUnit.objects.create(pk=int(pk), comparison=comparison, **fields)
    if "layout" in before:
        wanted = dict(before["layout"])
        units = list(comparison.units.only("id", "position"))
        for unit in units:
            unit.position = wanted[unit.pk]
        AlignmentUnit.objects.bulk_update(units, ["position"], batch_size=500)
    _restore_flags(before.get("flags", {}))
    if "ledger" in before:
        comparison.ledger = before["ledger"]
        Comparison.objects.filter(pk=comparison.pk).update(ledger=before["ledger"])
        refresh_names([comparison.pk])
    if status := before.get("comparison", {}).get("status"):
        fields = {"status": status}
        if "closed_open_reason" in before["comparison"]:
            fields["closed_open_reason"] = before["comparison"]["closed_open_reason"]
        Comparison.objects.filter(pk=comparison.pk).update(**fields)
        for name, value in fields.items():
            setattr(comparison, name, value)
    if approval := before.get("approval"):  # a reopening undone: approved again
        from articles.assignments.stages import restore_approval

        restore_approval(comparison, approval)


def _restore_flags(flags_before: dict[str, Any]) -> None:
    if removed := [int(pk) for pk, row in flags_before.items() if row is None]:
        Flag.objects.filter(pk__in=removed).delete()  # (as in `restore`: rarely any)
    rows = {int(pk): from_row(row) for pk, row in flags_before.items() if row is not None}
    for pk, fields in rows.items():
        # Made again where the change removed it (as `restore` does units).
        if not Flag.objects.filter(pk=pk).update(**fields):
            Flag.objects.create(pk=pk, **fields)
