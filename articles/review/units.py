"""Deciding about a unit (OK, flagged), finishing a comparison, and keeping the
comparison's status, last editor and last activity up to date after every change."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.models import AlignmentUnit, Comparison, Flag

from .audit import record, snapshot, unit_row
from .errors import Conflict, ReviewError
from .locking import claim_unit

Status = Comparison.Status
State = AlignmentUnit.ReviewState


def touch_comparison(comparison: Comparison, user) -> None:
    """After an editor's change: who and when, and the status that follows from it.

    A new comparison is in review once an editor decides something; a done comparison
    goes back to review when one of its units is unreviewed again (an undo, or a unit
    changed by an alignment fix).
    """
    status = comparison.status
    if (
        status == Status.NEW
        or status == Status.DONE
        and comparison.units.filter(review_state=State.UNREVIEWED).exists()
    ):
        status = Status.IN_REVIEW
    now = timezone.now()
    Comparison.objects.filter(pk=comparison.pk).update(
        status=status, last_editor=user, last_activity_at=now
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = status, user, now


def review_changes(state: str, user) -> dict:
    """The unit fields for a decision (reviewer and time cleared when reopened)."""
    if state == State.UNREVIEWED:
        return {"review_state": state, "reviewed_by": None, "reviewed_at": None}
    return {"review_state": state, "reviewed_by": user, "reviewed_at": timezone.now()}


@transaction.atomic
def mark_unit(*, user, unit: AlignmentUnit, shown_version: int, state: str) -> None:
    """Mark a unit OK, flagged, or unreviewed again.

    A unit with confirmed flags cannot be OK: the flags say it is not.
    """
    if state not in State.values:
        raise ReviewError(f"state: “{state}” is not one of {', '.join(State.values)}")
    if state == State.OK:
        confirmed = unit.flags.filter(status=Flag.Status.CONFIRMED).count()
        if confirmed:
            raise ReviewError(
                f"Unit {unit.position} has {confirmed} confirmed flag(s): withdraw them, "
                "or mark the unit flagged."
            )
    before = snapshot(units=[unit])
    claim_unit(unit, shown_version, **review_changes(state, user))
    record(
        unit.comparison,
        user,
        "unit.mark",
        unit=unit,
        before=before,
        after={**snapshot(units=[unit]), "state": state},
    )
    touch_comparison(unit.comparison, user)


@transaction.atomic
def mark_done(*, user, comparison: Comparison) -> None:
    """Finish a comparison once every unit is reviewed."""
    left = comparison.units.filter(review_state=State.UNREVIEWED).count()
    if left:
        raise ReviewError(f"{left} unit(s) are not reviewed yet: review them first.")
    if comparison.status == Status.DONE:
        raise ReviewError("This comparison is done already.")
    before = {"comparison": {"status": comparison.status}}
    now = timezone.now()
    Comparison.objects.filter(pk=comparison.pk).update(
        status=Status.DONE, last_editor=user, last_activity_at=now
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = Status.DONE, user, now
    record(
        comparison, user, "comparison.done", before=before, after={"comparison": {"status": "done"}}
    )


STATUS_ACTION = "comparison.status"


@transaction.atomic
def set_status(*, user, comparison: Comparison, status: str, shown_status: str | None) -> None:
    """Change a comparison's status from the admin (its change page and list actions).

    Refused (Conflict) when the status is no longer the one the admin was shown, so a
    stale form never overwrites an editor's change; "done" goes through `mark_done` and
    keeps its rule. The audit event holds the status before and after, so that undo
    can put it back, and an editor's undo of an older status change is refused.
    """
    if status not in Status.values:
        raise ReviewError(f"status: “{status}” is not one of {', '.join(Status.values)}")
    # The row lock makes the check and the change one step on PostgreSQL; SQLite's
    # immediate transactions run writers one at a time.
    current = (
        Comparison.objects.select_for_update()
        .filter(pk=comparison.pk)
        .values_list("status", flat=True)
        .get()
    )
    comparison.status = current
    if shown_status is not None and current != shown_status:
        raise Conflict(
            f"Comparison {comparison.pk} is {Status(current).label.lower()} now, not "
            f"{Status(shown_status).label.lower() if shown_status in Status.values else '?'} "
            "as shown: someone changed it since you opened this page. "
            "Nothing was saved; here it is as it is now."
        )
    if current == status:
        raise ReviewError(f"Comparison {comparison.pk} is {Status(status).label.lower()} already.")
    if status == Status.DONE:
        mark_done(user=user, comparison=comparison)
        return
    now = timezone.now()
    Comparison.objects.filter(pk=comparison.pk).update(
        status=status, last_editor=user, last_activity_at=now
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = status, user, now
    record(
        comparison,
        user,
        STATUS_ACTION,
        before={"comparison": {"status": current}},
        after={"comparison": {"status": status}},
    )


__all__ = [
    "mark_done",
    "mark_unit",
    "review_changes",
    "set_status",
    "touch_comparison",
    "unit_row",
]
