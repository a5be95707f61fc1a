"""The agreement page (/agreement/) and its CSV: staff only."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.views.signin import htmx_sign_in

from . import figures
from .access import can_see_agreement
from .forms import BadParameter, parse_filters

CSV_HEADER = [
    "scope",
    "name",
    "comparisons",
    "measure",
    "items",
    "agreed",
    "raw_agreement",
    "chance_agreement",
    "kappa",
]


def _filters(request: HttpRequest):
    if not can_see_agreement(request.user):
        raise PermissionDenied("The agreement between editors is for staff.")
    outlets, editors = figures.outlets(), figures.editors()
    filters = parse_filters(request.GET, outlets, {pk for pk, _ in editors})
    return filters, outlets, editors


def _bad(error: BadParameter) -> HttpResponse:
    return HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")


@require_GET
@htmx_sign_in
@login_required
def agreement(request: HttpRequest) -> HttpResponse:
    try:
        filters, outlets, editors = _filters(request)
    except BadParameter as error:
        return _bad(error)
    report = figures.report(filters)
    query = urlencode({k: v for k, v in request.GET.items() if v})
    context = {
        "report": report,
        "filters": filters,
        "outlets": outlets,
        "editors": editors,
        "query": f"?{query}" if query else "",
        "measures": figures.MEASURES,
    }
    return render(request, "agreement/agreement.html", context)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


@require_GET
@login_required
def agreement_csv(request: HttpRequest) -> HttpResponse:
    """Every figure of the page as rows; an undefined kappa is the text "n/a"."""
    try:
        filters, _, _ = _filters(request)
    except BadParameter as error:
        return _bad(error)
    report = figures.report(filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agreement.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    scopes = [("all", [report.overall])]
    scopes += [("pair", report.pairs), ("outlet", report.outlets)]
    scopes += [("comparison", report.comparisons)]
    for scope, groups in scopes:
        for group in groups:
            for code, _, result in group.figures():
                writer.writerow(_row(scope, group.label, group.comparisons, code, result))
    for code, _, result in report.categories:
        writer.writerow(_row("category", code, report.overall.comparisons, "categories", result))
    return response


def _row(scope: str, name: str, comparisons: int, measure: str, result) -> list:
    # The name is a comparison's title, an outlet or account names: untrusted text that
    # a spreadsheet must show, never run.
    from articles.reports.csv_report import neutralise

    kappa = "n/a" if result.kappa_undefined else _number(result.kappa)
    return [
        scope,
        neutralise(name),
        comparisons,
        measure,
        result.items,
        result.agreed,
        _number(result.observed),
        _number(result.expected),
        kappa,
    ]
