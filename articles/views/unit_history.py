"""A unit's history (who did what to it, when): a panel the step view loads with htmx
when it is opened, and a page of its own without JavaScript."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.review.history import HISTORY_LIMIT, unit_history

from .common import get_comparison, get_unit, require_viewer, step_url
from .signin import htmx_sign_in


@require_GET
@htmx_sign_in
@login_required
def history(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    require_viewer(request)
    comparison = get_comparison(pk)
    unit = get_unit(comparison, unit_pk)
    context = {
        "comparison": comparison,
        "unit": unit,
        "history": unit_history(unit),
        "limit": HISTORY_LIMIT,
        "unit_url": step_url(comparison, unit.position),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "articles/unit_history.html#entries" if partial else "articles/unit_history.html"
    return render(request, template, context)
