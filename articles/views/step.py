"""The review step view: one unit at a time, and the way into it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from articles.review import reading

from .common import get_comparison, render_step, require_viewer, show_of, step_url
from .signin import htmx_sign_in


@require_GET
@htmx_sign_in
@login_required
def step(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require_viewer(request)
    comparison = get_comparison(pk)
    return render_step(request, comparison, position, show=show_of(request), strict=True)


@require_GET
@htmx_sign_in
@login_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or go on with) the review: the first unit not reviewed yet."""
    require_viewer(request)
    comparison = get_comparison(pk)
    marks = reading.unit_marks(comparison)
    return HttpResponseRedirect(step_url(comparison, reading.first_to_review(marks)))
