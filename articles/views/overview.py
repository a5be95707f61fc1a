"""The comparison overview: both articles as aligned units, metadata, ledger, score."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import Comparison
from articles.review import reading

from .common import get_comparison, require_viewer, step_url
from .signin import htmx_sign_in


def render_overview(
    request: HttpRequest,
    comparison: Comparison,
    *,
    notice: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The overview page, or for htmx only its body (after a ledger confirmation)."""
    data = reading.overview(comparison)
    progress = reading.progress_of(data.marks)
    context = {
        "comparison": comparison,
        "overview": data,
        "progress": progress,
        "start_url": step_url(comparison, reading.first_to_review(data.marks)),
        "notice": notice,
        "error": error,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "articles/overview.html#body" if partial else "articles/overview.html"
    return render(request, template, context, status=status)


@require_GET
@htmx_sign_in
@login_required
def comparison(request: HttpRequest, pk: int) -> HttpResponse:
    require_viewer(request)
    return render_overview(request, get_comparison(pk))
