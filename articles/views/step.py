"""The review step view: one unit at a time, and the way into it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from articles.review import reading
from articles.review.filters import BadFilter, parse_scope

from .common import (
    bad_filter,
    get_comparison,
    get_step_comparison,
    render_step,
    require_viewer,
    step_url,
)
from .signin import htmx_sign_in


@require_GET
@htmx_sign_in
@login_required
def step(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """One unit; `show`, `category`, `severity` and `rule` choose the units stepped
    through (an unknown value answers 400)."""
    require_viewer(request)
    try:
        scope = parse_scope(request.GET)
    except BadFilter as error:
        return bad_filter(error)
    comparison = get_step_comparison(pk)
    return render_step(request, comparison, position, show=scope, strict=True)


@require_GET
@htmx_sign_in
@login_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or go on with) the review: the first unit not reviewed yet."""
    require_viewer(request)
    comparison = get_comparison(pk)
    marks = reading.unit_marks(comparison)
    return HttpResponseRedirect(step_url(comparison, reading.first_to_review(marks)))
