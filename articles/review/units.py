"""Deciding about a unit (OK, flagged), finishing and reopening a comparison, and
keeping the comparison's status, last editor and last activity up to date after every
change. What "reviewed" means is in `states`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.assignments import stages
from articles.models import AlignmentUnit, Comparison, Flag
from articles.roles import can_close_with_open
from newsdrift.prepared_queries import prepared

from . import states
from .audit import record, snapshot, unit_row
from .errors import Conflict, NotDecided, ReviewError
from .locking import claim_unit

Status = Comparison.Status
State = AlignmentUnit.ReviewState


def touch_comparison(comparison: Comparison, user) -> None:
    """After an editor's change: who and when, and the status that follows from it.

    A new comparison is in review once an editor decides something; a done comparison
    goes back to review when one of its units is not reviewed any more (an undo, a unit
    changed by an alignment fix). One closed by staff with things open stays done: the
    reason given covers what is open, and an editor reopens it explicitly.
    """
    now = timezone.now()
    # The usual case in one statement: a comparison new or in review, which no stage
    # refuses to a reviewer, is in review after the change. The UPDATE's condition
    # reads the status with the row locked, as `check_may_change` would (and on
    # PostgreSQL an approval committed meanwhile makes it update nothing); one query
    # of every review write fewer (issue 18). The analytics count the change later
    # (articles.analytics.aggregates.catch_up).
    opened = {
        "status": Status.IN_REVIEW,
        "last_editor": user,
        "last_activity_at": now,
        "analytics_stale": True,
        "closed_open_reason": "",
    }
    if Comparison.objects.filter(pk=comparison.pk, status__in=stages.OPEN_STATUSES).update(
        **opened
    ):
        for name, value in opened.items():
            setattr(comparison, name, value)
        return
    # The stage may refuse (approval, approved): raised inside the caller's transaction,
    # so the change is rolled back whole.
    stages.check_may_change(comparison, user)
    status = comparison.status  # done, or awaiting approval (an approver's change)
    if status == Status.DONE and not comparison.closed_open_reason:
        units = comparison.units.all()
        if (
            units.filter(review_state=State.UNREVIEWED).exists()
            or units.filter(flags__status=states.OPEN_STATUS).exists()
        ):
            status = Status.IN_REVIEW
    changes = {
        "status": status,
        "last_editor": user,
        "last_activity_at": now,
        "analytics_stale": True,
    }
    if status not in (Status.DONE, Status.IN_APPROVAL) and comparison.closed_open_reason:
        changes["closed_open_reason"] = ""
    Comparison.objects.filter(pk=comparison.pk).update(**changes)
    for name, value in changes.items():
        setattr(comparison, name, value)


def review_changes(state: str, user) -> dict:
    """The unit fields for a decision (reviewer and time cleared when reopened)."""
    if state == State.UNREVIEWED:
        return {"review_state": state, "reviewed_by": None, "reviewed_at": None}
    return {"review_state": state, "reviewed_by": user, "reviewed_at": timezone.now()}


@prepared
def _flags_not_dismissed(unit_pk: int):
    # Every "OK" reads them: its SQL is built once (newsdrift.prepared_queries).
    return Flag.objects.filter(unit_id=unit_pk).exclude(status=Flag.Status.DISMISSED).order_by("id")


@transaction.atomic
def mark_unit(*, user, unit: AlignmentUnit, shown_version: int, state: str) -> int:
    """Mark a unit OK, flagged, or unreviewed again; returns the suggestions dismissed.

    A unit with confirmed flags cannot be OK: the flags say it is not. OK on a unit
    with open suggestions dismisses them in the same step (one audit event, so one undo
    takes the mark and the dismissals back together): OK means nothing on it is wrong.
    """
    if state not in State.values:
        raise ReviewError(f"state: “{state}” is not one of {', '.join(State.values)}")
    dismissed: list[Flag] = []
    if state == State.OK:
        flags = list(_flags_not_dismissed(unit.pk))
        for flag in flags:
            flag.unit = unit
        confirmed = sum(f.status == Flag.Status.CONFIRMED for f in flags)
        if confirmed:
            raise ReviewError(
                f"Unit {unit.number} has {confirmed} confirmed flag(s): withdraw them, "
                "or mark the unit flagged."
            )
        dismissed = [f for f in flags if states.is_open(f.status)]
    before = snapshot(units=[unit], flags=dismissed)
    claim_unit(unit, shown_version, **review_changes(state, user))
    if dismissed:
        Flag.objects.filter(pk__in=[f.pk for f in dismissed]).update(
            status=Flag.Status.DISMISSED, updated_at=timezone.now()
        )
        for flag in dismissed:
            flag.status = Flag.Status.DISMISSED
    record(
        unit.comparison,
        user,
        "unit.mark",
        unit=unit,
        before=before,
        after={**snapshot(units=[unit], flags=dismissed), "state": state},
    )
    touch_comparison(unit.comparison, user)
    return len(dismissed)


@transaction.atomic
def mark_done(*, user, comparison: Comparison, override_reason: str = "") -> None:
    """Finish a comparison once every unit is reviewed (`states.unit_is_reviewed`).

    While anything is open it is refused (NotDecided, listing the open units), unless
    a staff member gives a written reason: then it is closed anyway and the reason is
    kept with the comparison and its audit event.

    With an approval stage (`articles.assignments.stages.approval_required`) the
    comparison goes to *awaiting approval* instead of *done*; either way the person who
    marked it is kept as its reviewer.
    """
    if comparison.status == Status.DONE:
        raise ReviewError("This comparison is done already.")
    if comparison.status == Status.IN_APPROVAL:
        raise ReviewError("This comparison is awaiting approval already.")
    left = states.open_units(comparison)
    reason = override_reason.strip()
    if left and not reason:
        raise NotDecided(
            f"Not done: {states.describe_open(left)}. Decide every suggestion and mark "
            "every unit first.",
            open_units=left,
        )
    if left and not can_close_with_open(user):
        raise NotDecided(
            f"Not done: {states.describe_open(left)}. Only staff may close a comparison "
            "with things still open.",
            open_units=left,
        )
    target = Status.IN_APPROVAL if stages.approval_required() else Status.DONE
    before: dict = {"comparison": {"status": comparison.status}}
    after: dict = {"comparison": {"status": target.value}}
    if left:
        before["comparison"]["closed_open_reason"] = ""
        after["comparison"]["closed_open_reason"] = reason
        after["open_units"] = [u.number for u in left]
    now = timezone.now()
    saved_reason = reason if left else ""
    Comparison.objects.filter(pk=comparison.pk).update(
        status=target, last_editor=user, last_activity_at=now, closed_open_reason=saved_reason
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = target, user, now
    comparison.closed_open_reason = saved_reason
    stages.record_review_done(comparison, user, now)
    record(comparison, user, "comparison.done", before=before, after=after)


@transaction.atomic
def reopen_comparison(*, user, comparison: Comparison) -> None:
    """A done comparison goes back to review (audited, undoable). An approved one only
    by staff; its approval is cleared (the audit event keeps it)."""
    current = (
        Comparison.objects.select_for_update()
        .filter(pk=comparison.pk)
        .values_list("status", "closed_open_reason")
        .get()
    )
    if current[0] != Status.DONE:
        raise ReviewError(f"Comparison {comparison.pk} is not done: nothing to reopen.")
    comparison.status = current[0]
    stages.reopen_allowed(user, comparison)
    approval_before = stages.clear_approval(comparison)
    now = timezone.now()
    Comparison.objects.filter(pk=comparison.pk).update(
        status=Status.IN_REVIEW, last_editor=user, last_activity_at=now, closed_open_reason=""
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = (
        Status.IN_REVIEW,
        user,
        now,
    )
    comparison.closed_open_reason = ""
    before = {"comparison": {"status": Status.DONE.value, "closed_open_reason": current[1]}}
    if approval_before:
        before["approval"] = approval_before
    record(
        comparison,
        user,
        "comparison.reopen",
        before=before,
        after={"comparison": {"status": Status.IN_REVIEW.value, "closed_open_reason": ""}},
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
    before: dict = {"comparison": {"status": current}}
    after: dict = {"comparison": {"status": status}}
    reason = Comparison.objects.filter(pk=comparison.pk).values_list(
        "closed_open_reason", flat=True
    )[0]
    if reason:  # leaving a done closed with things open: the reason goes (undo keeps it)
        before["comparison"]["closed_open_reason"] = reason
        after["comparison"]["closed_open_reason"] = ""
    if approval_before := stages.clear_approval(comparison):  # staff set an approved one back
        before["approval"] = approval_before
    Comparison.objects.filter(pk=comparison.pk).update(
        status=status, last_editor=user, last_activity_at=now, closed_open_reason=""
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = status, user, now
    comparison.closed_open_reason = ""
    record(comparison, user, STATUS_ACTION, before=before, after=after)


__all__ = [
    "mark_done",
    "mark_unit",
    "reopen_comparison",
    "review_changes",
    "set_status",
    "touch_comparison",
    "unit_row",
]
