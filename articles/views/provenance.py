"""The page an article was fetched from, as it was: its HTML shown as plain text."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from articles.models import ArticleFetch

from .common import get_comparison, require_viewer
from .signin import htmx_sign_in


@require_GET
@htmx_sign_in
@login_required
def fetched_page(request: HttpRequest, pk: int, fetch_pk: int) -> HttpResponse:
    require_viewer(request)
    comparison = get_comparison(pk)
    fetch = get_object_or_404(
        ArticleFetch.objects.filter(
            Q(article_id=comparison.source_id) | Q(article_id=comparison.retranslation_id)
        ),
        pk=fetch_pk,
    )
    # Someone else's page: never rendered as HTML here. Plain text (with nosniff, from
    # the security middleware) and a sandbox in case a browser thinks otherwise.
    response = HttpResponse(fetch.html, content_type="text/plain; charset=utf-8")
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Content-Disposition"] = f'inline; filename="fetched-page-{fetch.pk}.html.txt"'
    return response
