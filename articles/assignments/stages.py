"""The two stages of a comparison: review, then approval.

When is there an approval stage? When at least one **active** account holds the
`articles.approve_comparison` permission (through the Approvers group or given to it
directly; superusers, who hold every permission, do not count). A newsroom without
approvers works as before: *Mark done* makes a comparison done. With one, *Mark done*
makes it *Awaiting approval*, and an approver who is not its reviewer (the person who
marked it done) approves it (status *done*) or sends it back to review with a note.

Who may change a comparison, by status:

* new, in review: editors (`articles.roles.can_review`);
* awaiting approval: approvers other than its reviewer; their changes go through the
  same versioned flag operations and audit events as an editor's, under their name;
* done and approved: nobody until staff reopen it (read only); done without approval
  (no approval stage when it was marked done): editors, as before.

`check_may_change` enforces it in `articles.review.units.touch_comparison`, which every
review operation (flags, units, alignment, ledger, bulk decisions, undo; the web, the
API and the story page alike) calls inside its transaction: a refused change is rolled
back whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Comparison
from articles.review.audit import record
from articles.review.errors import Conflict, ReviewError
from articles.roles import can_approve, can_review
from newsdrift.prepared_queries import prepared

from .models import Approval, SendBack

Status = Comparison.Status
APPROVE_CODENAME = "approve_comparison"
APPROVE_ACTION = "comparison.approve"
SEND_BACK_ACTION = "comparison.send_back"
NOTE_MAX = 2000


class StageLocked(Conflict):
    """The comparison's stage does not let this person change it now."""


def approval_required() -> bool:
    """Whether *Mark done* leads to approval: an active account may approve (one query)."""
    held = Q(
        groups__permissions__codename=APPROVE_CODENAME,
        groups__permissions__content_type__app_label="articles",
    ) | Q(
        user_permissions__codename=APPROVE_CODENAME,
        user_permissions__content_type__app_label="articles",
    )
    return get_user_model().objects.filter(held, is_active=True).exists()


def approval_of(comparison: Comparison) -> Approval | None:
    return (
        Approval.objects.filter(comparison=comparison)
        .select_related("reviewer", "approved_by")
        .first()
    )


def is_approved(comparison: Comparison, approval: Approval | None = None) -> bool:
    if comparison.status != Status.DONE:
        return False
    approval = approval if approval is not None else approval_of(comparison)
    return bool(approval and approval.approved_at)


def may_approve(user, comparison: Comparison, approval: Approval | None = None) -> bool:
    """An approver, on a comparison awaiting approval that they did not review."""
    if comparison.status != Status.IN_APPROVAL or not can_approve(user):
        return False
    approval = approval if approval is not None else approval_of(comparison)
    return not (approval and approval.reviewer_id == user.pk)


def may_change(user, comparison: Comparison) -> bool:
    """Whether `user` may change decisions on the comparison in its present stage (for
    pages to show or hide the action buttons; `check_may_change` enforces it). One query
    for a comparison awaiting approval or done, none otherwise."""
    if comparison.status == Status.IN_APPROVAL:
        return may_approve(user, comparison)
    if comparison.status == Status.DONE and is_approved(comparison):
        return False
    return can_review(user)


# The statuses in which `check_may_change` refuses no one: whoever may review changes
# a comparison new or in review (articles.review.units.touch_comparison relies on it).
OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW)


def check_may_change(comparison: Comparison, user) -> None:
    """Refuse a change the comparison's stage does not allow (StageLocked, 409).

    The status is read again with the row locked, inside the change's transaction: an
    approval made since the page was loaded is seen, and one made meanwhile waits for
    this change (on PostgreSQL; SQLite runs writers one at a time)."""
    _locked_status(comparison)
    if comparison.status == Status.IN_APPROVAL and not may_approve(user, comparison):
        raise StageLocked(
            f"Comparison {comparison.pk} is awaiting approval: only an approver who did "
            "not review it may change it now (or send it back to review). Nothing was saved."
        )
    if comparison.status == Status.DONE and is_approved(comparison):
        raise StageLocked(
            f"Comparison {comparison.pk} is approved: it is read only until staff reopen "
            "it. Nothing was saved."
        )


def record_review_done(comparison: Comparison, user, at) -> None:
    """The reviewer marked the comparison done (to approval, or done at once)."""
    Approval.objects.update_or_create(
        comparison=comparison,
        defaults={"reviewer": user, "reviewed_at": at, "approved_by": None, "approved_at": None},
    )


def _locked_status(comparison: Comparison) -> str:
    current = (
        Comparison.objects.select_for_update()
        .filter(pk=comparison.pk)
        .values_list("status", flat=True)
        .get()
    )
    comparison.status = current
    return current


def _check_approver(user, comparison: Comparison, approval: Approval | None) -> None:
    if _locked_status(comparison) != Status.IN_APPROVAL:
        raise Conflict(
            f"Comparison {comparison.pk} is not awaiting approval "
            f"(it is {Status(comparison.status).label.lower()}): nothing was saved."
        )
    if not can_approve(user):
        raise ReviewError("Only an approver may approve a comparison or send it back.")
    if approval and approval.reviewer_id == user.pk:
        raise ReviewError(
            "You reviewed this comparison: another approver must approve it or send it back."
        )


def _set_status(comparison: Comparison, user, status: str, at) -> None:
    Comparison.objects.filter(pk=comparison.pk).update(
        status=status, last_editor=user, last_activity_at=at
    )
    comparison.status, comparison.last_editor, comparison.last_activity_at = status, user, at


@transaction.atomic
def approve(*, user, comparison: Comparison) -> Approval:
    """Approve a comparison awaiting approval: it is done, and read only until staff
    reopen it. Sends the `comparison.approved` (and `comparison.done`) webhooks."""
    approval = approval_of(comparison)
    _check_approver(user, comparison, approval)
    now = timezone.now()
    if approval is None:  # marked done before the stage existed, then set back by staff
        approval = Approval.objects.create(comparison=comparison)
    approval.approved_by, approval.approved_at = user, now
    approval.save(update_fields=["approved_by", "approved_at"])
    _set_status(comparison, user, Status.DONE, now)
    record(
        comparison,
        user,
        APPROVE_ACTION,
        before={"comparison": {"status": Status.IN_APPROVAL.value}},
        after={
            "comparison": {"status": Status.DONE.value},
            "approval": {
                "reviewer_id": approval.reviewer_id,
                "approved_by_id": user.pk,
                "approved_at": now.isoformat(),
            },
        },
    )
    return approval


def clean_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ReviewError("Note: write what the reviewer should look at again.")
    if len(note) > NOTE_MAX:
        raise ReviewError(f"Note: at most {NOTE_MAX} characters (it has {len(note)}).")
    return note


@transaction.atomic
def send_back(*, user, comparison: Comparison, note: str) -> SendBack:
    """Send a comparison awaiting approval back to review, with a required note that
    the reviewer is shown on the comparison's pages."""
    note = clean_note(note)
    approval = approval_of(comparison)
    _check_approver(user, comparison, approval)
    now = timezone.now()
    sent = SendBack.objects.create(
        comparison=comparison,
        by=user,
        at=now,
        note=note,
        reviewer=approval.reviewer if approval else None,
    )
    _set_status(comparison, user, Status.IN_REVIEW, now)
    record(
        comparison,
        user,
        SEND_BACK_ACTION,
        before={"comparison": {"status": Status.IN_APPROVAL.value}},
        after={
            "comparison": {"status": Status.IN_REVIEW.value},
            "send_back": sent.pk,
            "note": note,
        },
    )
    return sent


def reopen_allowed(user, comparison: Comparison) -> None:
    """An approved comparison is reopened by staff only (called by `reopen_comparison`)."""
    if is_approved(comparison) and not (user.is_staff and (can_review(user) or can_approve(user))):
        raise StageLocked(f"Comparison {comparison.pk} is approved: only staff may reopen it.")


def clear_approval(comparison: Comparison) -> dict | None:
    """On reopening: the approval goes (the audit event keeps it); returns what it was."""
    approval = Approval.objects.filter(comparison=comparison, approved_at__isnull=False).first()
    if approval is None:
        return None
    was = {
        "approved_by_id": approval.approved_by_id,
        "approved_at": approval.approved_at.isoformat(),
    }
    approval.approved_by, approval.approved_at = None, None
    approval.save(update_fields=["approved_by", "approved_at"])
    return was


def restore_approval(comparison: Comparison, row: dict) -> None:
    """Undo of a reopening: the approval it cleared is back."""
    approved_at = row.get("approved_at")
    Approval.objects.filter(comparison=comparison).update(
        approved_by_id=row.get("approved_by_id"),
        approved_at=datetime.fromisoformat(approved_at) if approved_at else None,
    )


def latest_send_back(comparison: Comparison) -> SendBack | None:
    """The note to show the reviewer: the last send-back, while the comparison is in
    review since it (one query)."""
    if comparison.status != Status.IN_REVIEW:
        return None
    since_review = SendBack.objects.filter(
        comparison=comparison, at__gte=F("comparison__approval__reviewed_at")
    )
    return since_review.select_related("by").order_by("-at", "-id").first()


STAGE_ACTIONS = frozenset({APPROVE_ACTION, SEND_BACK_ACTION})


@dataclass(frozen=True, slots=True)
class StageView:
    """What the overview and the step view show about the stage, and whether this
    user's action buttons are shown (`may_change`)."""

    # Read for a comparison awaiting approval or done, whose notices show it (None in
    # review, where only whether it was ever reviewed counts: the send-back note).
    approval: Approval | None
    send_back: SendBack | None
    may_change: bool
    may_approve: bool
    approved: bool


@prepared
def _reviewed_approval(comparison_pk: int):
    """Whether the comparison went through approval: a row or none (its SQL built once,
    newsdrift.prepared_queries)."""
    return Approval.objects.filter(
        comparison_id=comparison_pk, reviewed_at__isnull=False
    ).values_list("pk", flat=True)[:1]


def stage_view(user, comparison: Comparison) -> StageView:
    """No query for a new comparison; one for the others, two for one in review that
    went through approval before (its latest send-back).

    In review, whether it went through approval is an EXISTS: reading the approval's
    row with its reviewer and approver, which nothing shows in review, cost four times
    the Python calls (issue 18)."""
    approval = None
    sent = None
    if comparison.status == Status.IN_REVIEW:
        if _reviewed_approval(comparison.pk):
            sent = latest_send_back(comparison)
    elif comparison.status != Status.NEW:
        approval = approval_of(comparison)
    approver = comparison.status == Status.IN_APPROVAL and may_approve(user, comparison, approval)
    approved = comparison.status == Status.DONE and bool(approval and approval.approved_at)
    if comparison.status == Status.IN_APPROVAL:
        changes = approver
    else:
        changes = can_review(user) and not approved
    return StageView(approval, sent, changes, approver, approved)
