"""The dashboard: every comparison, with its progress, flags, drift score and editor;
for editors, their queue first (articles.assignments.queue)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.assignments import queue
from articles.assignments.forms import AssignForm, QueueFilterForm, editors
from articles.forms import DashboardFilterForm
from articles.review.dashboard_rows import dashboard_order, dashboard_rows
from articles.roles import can_assign, can_review

from .common import form_error, require_viewer
from .jobs import analysing
from .signin import htmx_sign_in

PAGE_SIZE = 25
# A search on SQLite lists at most this many comparisons' ids in one query (below).
SEARCH_IDS_AT_ONCE = 5000


def _bad_filter(form) -> HttpResponse:
    # Only a hand-made address gets here (the page's own form cannot send it).
    return HttpResponseBadRequest(
        f"Filter: {form_error(form)}\n", content_type="text/plain; charset=utf-8"
    )


@require_GET
@htmx_sign_in
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        return _bad_filter(form)
    queue_form = QueueFilterForm(request.GET)
    if not queue_form.is_valid():
        return _bad_filter(queue_form)
    filters = form.cleaned_data
    queue_filters = queue_form.cleaned_data
    # Page through the ids only, then fetch the figures of the page shown: counting and
    # sorting the whole archive with its figures took seconds at 1,000 comparisons.
    ordered = queue.apply(
        dashboard_order(filters["status"], filters["q"]),
        queue_form.queue_filter(),
        request.user,
    ).values_list("pk", flat=True)
    if filters["q"] and connection.vendor == "sqlite":
        # SQLite scans every article's text for the words, and the paginator would ask
        # twice (the count, then the page): one scan for both, listing the ids (issue
        # 18: a search cost 35 ms of CPU, two scans of 10 ms, at 1,000 comparisons).
        # PostgreSQL answers both from its search indexes.
        ids = list(ordered[: SEARCH_IDS_AT_ONCE + 1])
        if len(ids) <= SEARCH_IDS_AT_ONCE:
            ordered = ids
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    page_ids = list(page.object_list)
    # The pages and the downloads carry every filter: a report covers what is listed
    # (the reports' selection reads the queue filters with the same code).
    page_query = urlencode(
        {**{k: v for k, v in filters.items() if v}, **{k: v for k, v in queue_filters.items() if v}}
    )
    filter_query = page_query
    partial = request.htmx and not request.htmx.history_restore_request
    # "My queue" on the first page of the unfiltered dashboard, for editors (the whole
    # page's, not the results').
    show_queue = can_review(request.user) and not page_query and page.number == 1 and not partial
    mine = queue.my_queue(request.user) if show_queue else []
    to_pick = queue.to_pick_up() if show_queue else []
    # One fetch of the figures for every row shown, the queue's included.
    rows = dashboard_rows(list(dict.fromkeys(mine + to_pick + page_ids)))
    by_pk = {row.pk: row for row in rows}
    context = {
        "form": form,
        "queue_form": queue_form,
        "page": page,
        "rows": [by_pk[pk] for pk in page_ids if pk in by_pk],
        "my_queue": [by_pk[pk] for pk in mine if pk in by_pk],
        "to_pick_up": [by_pk[pk] for pk in to_pick if pk in by_pk],
        "show_queue": show_queue,
        "filter_query": filter_query,
        "page_query": page_query,
        "filtered": bool(page_query),
        # The banner of imports being analysed is the whole page's, not the results'.
        "analysing": [] if partial else analysing(request.user),
        "assignee_names": [] if partial else list(editors().values_list("username", flat=True)),
        "assign_form": AssignForm() if can_assign(request.user) else None,
        "next_url": request.get_full_path(),
    }
    template = "articles/dashboard.html#results_response" if partial else "articles/dashboard.html"
    return render(request, template, context)
