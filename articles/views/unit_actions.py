"""Deciding about a unit, finishing the comparison, and undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from articles.forms import MarkForm
from articles.models import AlignmentUnit
from articles.review import units as unit_ops
from articles.review.audit import event_label
from articles.review.errors import ReviewError
from articles.review.undo import undo_last

from .common import form_error, get_comparison, get_unit, require_reviewer, run_step_action
from .overview import render_overview
from .signin import htmx_sign_in

STATE_DONE = {"ok": "Marked OK.", "flagged": "Marked flagged.", "unreviewed": "Reopened."}


@require_POST
@htmx_sign_in
@login_required
def mark(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Mark the unit OK or flagged and move on to the next (or reopen it)."""
    require_reviewer(request)
    comparison = get_comparison(pk)
    unit = get_unit(comparison, unit_pk)
    form = MarkForm(request.POST)
    state = request.POST.get("state", "")

    def act():
        if not form.is_valid():
            raise ReviewError(form_error(form))
        unit_ops.mark_unit(
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
        done=STATE_DONE.get(state, "Saved."),
        move_on=state != AlignmentUnit.ReviewState.UNREVIEWED,
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
    """Undo the editor's own last change on this comparison."""
    require_reviewer(request)
    comparison = get_comparison(pk)

    def where(result) -> int:
        _event, unit_id = result
        found = comparison.units.filter(pk=unit_id).values_list("position", flat=True).first()
        return found if found is not None else _position_from(request)

    return run_step_action(
        request,
        comparison,
        _position_from(request),
        lambda: undo_last(user=request.user, comparison=comparison),
        done=lambda result: f"Undone: you {event_label(result[0])}.",
        where=where,
    )


@require_POST
@htmx_sign_in
@login_required
def done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the comparison done, once every unit is reviewed."""
    require_reviewer(request)
    comparison = get_comparison(pk)
    if request.POST.get("from") == "overview":
        try:
            unit_ops.mark_done(user=request.user, comparison=comparison)
        except ReviewError as error:
            return render_overview(request, comparison, error=str(error), status=422)
        if request.htmx:
            return render_overview(request, comparison, notice="Comparison marked done.")
        messages.success(request, "Comparison marked done.")
        return HttpResponseRedirect(comparison.get_absolute_url())
    return run_step_action(
        request,
        comparison,
        _position_from(request),
        lambda: unit_ops.mark_done(user=request.user, comparison=comparison),
        done="Comparison marked done.",
    )
