"""Deciding about a unit, finishing and reopening the comparison, and undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from articles.forms import MarkForm
from articles.models import AlignmentUnit
from articles.review import units as unit_ops
from articles.review.audit import event_label
from articles.review.errors import Conflict, NotDecided, ReviewError
from articles.review.states import open_units as units_left
from articles.review.undo import undo_last
from articles.roles import can_approve, can_review

from .common import (
    CONFLICT,
    INVALID,
    Notice,
    form_error,
    get_comparison,
    get_step_comparison,
    get_unit_to_decide,
    leave_for,
    render_step,
    require_decider,
    require_reviewer,
    run_step_action,
    scope_of,
)
from .overview import render_overview
from .signin import htmx_sign_in

STATE_DONE = {"ok": "Marked OK.", "flagged": "Marked flagged.", "unreviewed": "Reopened."}
REASON_MAX = 2000


def mark_message(state: str, dismissed: int | None) -> str:
    if state == AlignmentUnit.ReviewState.OK and dismissed:
        plural = "s" if dismissed != 1 else ""
        return f"Marked OK; dismissed its {dismissed} open suggestion{plural} (u undoes both)."
    return STATE_DONE.get(state, "Saved.")


@require_POST
@htmx_sign_in
@login_required
def mark(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Mark the unit OK or flagged and move on to the next (or reopen it)."""
    unit = get_unit_to_decide(request, pk, unit_pk)
    comparison = unit.comparison
    form = MarkForm(request.POST)
    state = request.POST.get("state", "")

    def act():
        if not form.is_valid():
            raise ReviewError(form_error(form))
        return unit_ops.mark_unit(
            user=request.user,
            unit=unit,
            shown_version=form.cleaned_data["version"],
            state=form.cleaned_data["state"],
        )

    return run_step_action(
        request,
        comparison,
        unit.position,
        act,
        done=lambda dismissed: mark_message(state, dismissed),
        move_on=state != AlignmentUnit.ReviewState.UNREVIEWED,
        records_undoable=True,  # unit.mark
    )


def _position_from(request: HttpRequest) -> int:
    try:
        return max(0, int(request.POST.get("position", "0")))
    except ValueError:
        return 0


@require_POST
@htmx_sign_in
@login_required
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo the editor's (or the approver's) own last change on this comparison."""
    comparison = get_step_comparison(pk)
    require_decider(request, comparison)

    return run_step_action(
        request,
        comparison,
        _position_from(request),
        lambda: undo_last(user=request.user, comparison=comparison),
        done=lambda result: f"Undone: you {event_label(result[0])}.",
        # The unit the undone change concerned, wherever it is now (else where it was).
        unit_of=lambda result: result[1],
    )


@require_POST
@htmx_sign_in
@login_required
def done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the comparison done once every unit is reviewed; refused with the list of
    what is open otherwise. Staff may close anyway with a written `reason`."""
    require_reviewer(request)
    comparison = get_comparison(pk)
    from_overview = request.POST.get("from") == "overview"
    reason = request.POST.get("reason", "")
    try:
        if request.POST.get("override") and not reason.strip():
            raise NotDecided(
                "Reason: write why the comparison is closed with things still open.",
                open_units=units_left(comparison),
            )
        if len(reason) > REASON_MAX:
            raise ReviewError(f"Reason: at most {REASON_MAX} characters (it has {len(reason)}).")
        unit_ops.mark_done(user=request.user, comparison=comparison, override_reason=reason)
    except ReviewError as error:
        open_units = tuple(error.open_units) if isinstance(error, NotDecided) else ()
        if from_overview:
            return render_overview(
                request, comparison, error=str(error), open_units=open_units, status=INVALID
            )
        return render_step(
            request,
            comparison,
            _position_from(request),
            show=scope_of(request),
            notice=Notice("error", str(error), open_units),
            status=INVALID,
        )
    text = "Comparison marked done."
    if comparison.closed_open_reason:
        text = "Comparison closed with things still open; the reason is in its reports."
    messages.success(request, text)
    return leave_for(request, comparison.get_absolute_url())


@require_POST
@htmx_sign_in
@login_required
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """A done comparison goes back to review (editors; audited, undoable). An approved
    one only by staff (editors or approvers): refused with 409 otherwise."""
    if not (can_review(request.user) or (request.user.is_staff and can_approve(request.user))):
        raise PermissionDenied("Viewers can look but not change anything.")
    comparison = get_comparison(pk)
    if request.POST.get("from") == "step":
        return run_step_action(
            request,
            comparison,
            _position_from(request),
            lambda: unit_ops.reopen_comparison(user=request.user, comparison=comparison),
            done="Comparison reopened: it is in review again.",
        )
    try:
        unit_ops.reopen_comparison(user=request.user, comparison=comparison)
    except ReviewError as error:
        status = CONFLICT if isinstance(error, Conflict) else INVALID
        return render_overview(request, comparison, error=str(error), status=status)
    messages.success(request, "Comparison reopened: it is in review again.")
    return leave_for(request, comparison.get_absolute_url())
