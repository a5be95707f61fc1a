"""The reading mode: both whole articles side by side, each sentence a link to its
unit's step view; static/newsdrift/reading.js scrolls the two together."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.review.whole_articles import whole_articles
from newsdrift.whole_numbers import whole_number

from .common import get_comparison, require_viewer
from .signin import htmx_sign_in


def _unit_of(request: HttpRequest) -> int | None:
    """The unit the reader came from (?unit=N), highlighted; anything else is ignored."""
    value = request.GET.get("unit", "")
    return whole_number(value, max_digits=9)


@require_GET
@htmx_sign_in
@login_required
def reading(request: HttpRequest, pk: int) -> HttpResponse:
    require_viewer(request)
    comparison = get_comparison(pk)
    context = {
        "comparison": comparison,
        "articles": whole_articles(comparison),
        "current": _unit_of(request),
    }
    return render(request, "articles/reading.html", context)
