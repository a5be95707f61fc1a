"""The dashboard: every comparison, with its progress, flags, drift score and editor;
for editors, their queue first (articles.assignments.queue)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.assignments import queue
from articles.assignments.forms import AssignForm, QueueFilterForm, editors
from articles.forms import DashboardFilterForm
from articles.review import reading
from articles.roles import can_assign, can_review

from .common import form_error, require_viewer
from .jobs import analysing
from .signin import htmx_sign_in

PAGE_SIZE = 25


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
        reading.dashboard_order(filters["status"], filters["q"]),
        queue_form.queue_filter(),
        request.user,
    ).values_list("pk", flat=True)
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    page_ids = list(page.object_list)
    # Downloads cover what the reports' selection understands (status and search).
    filter_query = urlencode({k: v for k, v in filters.items() if v})
    page_query = urlencode(
        {**{k: v for k, v in filters.items() if v}, **{k: v for k, v in queue_filters.items() if v}}
    )
    # "My queue" on the first page of the unfiltered dashboard, for editors.
    show_queue = can_review(request.user) and not page_query and page.number == 1
    mine = queue.my_queue(request.user) if show_queue else []
    to_pick = queue.to_pick_up() if show_queue else []
    # One fetch of the figures for every row shown, the queue's included.
    rows = reading.dashboard_rows(list(dict.fromkeys(mine + to_pick + page_ids)))
    reading.decorate_rows(rows)
    categories = reading.confirmed_by_category(rows)
    queue.attach_assignments(rows)
    for row in rows:
        row.flag_categories = categories.get(row.pk, [])
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
        "analysing": analysing(request.user),
        "assignee_names": list(editors().values_list("username", flat=True)),
        "assign_form": AssignForm() if can_assign(request.user) else None,
        "next_url": request.get_full_path(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "articles/dashboard.html#results_response" if partial else "articles/dashboard.html"
    return render(request, template, context)
