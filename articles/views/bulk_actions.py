"""Bulk decisions from the step view: accept or dismiss every suggestion like one.

The forms carry the flags and unit versions the button counted ("Dismiss all 4 like
this"); articles.review.bulk refuses the decision (409) when the comparison moved on
since. Answers as every step action does: htmx gets the unit panel with the progress
and strip swapped out of band, a plain form a redirect back to the unit.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from articles.forms import BulkDecisionForm
from articles.models import Flag
from articles.review import bulk
from articles.review.errors import ReviewError

from .common import form_error, get_comparison, get_unit, require_decider, run_step_action
from .signin import htmx_sign_in


def _decide_like(
    request: HttpRequest, pk: int, unit_pk: int, flag_pk: int, decision: str
) -> HttpResponse:
    comparison = get_comparison(pk)
    require_decider(request, comparison)
    unit = get_unit(comparison, unit_pk)
    flag = get_object_or_404(Flag, pk=flag_pk, unit=unit)
    flag.unit = unit
    form = BulkDecisionForm(request.POST)

    def act() -> bulk.BulkResult:
        if not form.is_valid():
            raise ReviewError(form_error(form))
        return bulk.decide_like(
            user=request.user,
            comparison=comparison,
            flag=flag,
            decision=decision,
            shown_flags=form.cleaned_data["flags"],
            versions=form.cleaned_data["versions"],
        )

    return run_step_action(request, comparison, unit.position, act, done=str)


@require_POST
@htmx_sign_in
@login_required
def dismiss_like(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    """Dismiss every open suggestion like this one in the comparison."""
    return _decide_like(request, pk, unit_pk, flag_pk, bulk.DISMISS)


@require_POST
@htmx_sign_in
@login_required
def accept_like(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    """Accept every open suggestion like this one in the comparison."""
    return _decide_like(request, pk, unit_pk, flag_pk, bulk.ACCEPT)
