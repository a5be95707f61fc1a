"""The analytics page and the CSV of each of its charts."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.analysis.categories import CATEGORIES
from articles.roles import can_see_analytics
from articles.views.signin import htmx_sign_in

from . import aggregates, queries
from .page import CHARTS, every_chart


def _require_analytics(request: HttpRequest) -> None:
    if not can_see_analytics(request.user):
        raise PermissionDenied("The analytics are for editors and staff.")


def _bad(error: queries.BadParameter) -> HttpResponse:
    return HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")


@require_GET
@htmx_sign_in
@login_required
def analytics(request: HttpRequest) -> HttpResponse:
    _require_analytics(request)
    aggregates.catch_up()  # the review's last changes, if the worker has not yet
    outlets = queries.outlets()
    try:
        filters = queries.parse_filters(request.GET, outlets)
    except queries.BadParameter as error:
        return _bad(error)
    context = {
        "filters": filters,
        "query": urlencode(filters.params()),
        "outlets": outlets,
        "categories": [(code, label) for code, (label, _) in CATEGORIES.items()],
        "charts": every_chart(filters),
    }
    return render(request, "articles/analytics.html", context)


@require_GET
@htmx_sign_in
@login_required
def analytics_csv(request: HttpRequest, chart: str) -> HttpResponse:
    from articles.reports.csv_report import neutralise  # outlet and account names

    _require_analytics(request)
    if chart not in CHARTS:
        raise Http404(f"No chart called “{chart}”: {', '.join(CHARTS)}.")
    aggregates.catch_up()
    try:
        filters = queries.parse_filters(request.GET, queries.outlets())
    except queries.BadParameter as error:
        return _bad(error)
    drawn = CHARTS[chart](filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsdrift-analytics-{chart}.csv"'
    writer = csv.writer(response)
    writer.writerow(drawn.header)
    for row in drawn.rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return response
