"""The dashboard: every comparison, with its progress, flags, drift score and editor."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.forms import DashboardFilterForm
from articles.review import reading

from .common import form_error, require_viewer
from .jobs import analysing
from .signin import htmx_sign_in

PAGE_SIZE = 25
# A search on SQLite lists at most this many comparisons' ids in one query (below).
SEARCH_IDS_AT_ONCE = 5000


@require_GET
@htmx_sign_in
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        # Only a hand-made address gets here (the page's own form cannot send it).
        return HttpResponseBadRequest(
            f"Filter: {form_error(form)}\n", content_type="text/plain; charset=utf-8"
        )
    filters = form.cleaned_data
    # Page through the ids only, then fetch the figures of the page shown: counting and
    # sorting the whole archive with its figures took seconds at 1,000 comparisons.
    ordered = reading.dashboard_order(filters["status"], filters["q"]).values_list("pk", flat=True)
    if filters["q"] and connection.vendor == "sqlite":
        # SQLite scans every article's text for the words, and the paginator would ask
        # twice (the count, then the page): one scan for both, listing the ids (issue
        # 18: a search cost 35 ms of CPU, two scans of 10 ms, at 1,000 comparisons).
        # PostgreSQL answers both from its search indexes.
        ids = list(ordered[: SEARCH_IDS_AT_ONCE + 1])
        if len(ids) <= SEARCH_IDS_AT_ONCE:
            ordered = ids
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = reading.dashboard_rows(list(page.object_list))
    reading.decorate_rows(rows)
    categories = reading.confirmed_by_category(rows)
    for row in rows:
        row.flag_categories = categories.get(row.pk, [])
    filter_query = urlencode({k: v for k, v in filters.items() if v})
    partial = request.htmx and not request.htmx.history_restore_request
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filter_query": filter_query,
        "filtered": bool(filter_query),
        # The banner of imports being analysed is the whole page's, not the results'.
        "analysing": [] if partial else analysing(request.user),
    }
    template = "articles/dashboard.html#results_response" if partial else "articles/dashboard.html"
    return render(request, template, context)
