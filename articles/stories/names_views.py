"""The names index page and its CSV download."""

from __future__ import annotations

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.models import Comparison
from articles.stories.names import LedgerRow, NamePair, names_index
from articles.views.common import form_error, require_viewer
from articles.views.signin import htmx_sign_in

PAGE_SIZE = 50
SHOWN_OCCURRENCES = 12  # links per row; the rest are counted


class NamesSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "A spelling"}),
    )


def _pairs(query: str) -> list[NamePair]:
    rows = (
        Comparison.objects.exclude(ledger=[])
        .annotate(
            outlet=F("retranslation__outlet"),
            seen_at=Coalesce("retranslation__published_at", "created_at"),
        )
        .values_list("pk", "ledger", "outlet", "seen_at")
    )
    return names_index((LedgerRow(*row) for row in rows.iterator(chunk_size=2000)), query)


def _search(request: HttpRequest) -> str | HttpResponse:
    form = NamesSearchForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            f"Search: {form_error(form)}\n", content_type="text/plain; charset=utf-8"
        )
    return form.cleaned_data["q"]


@require_GET
@htmx_sign_in
@login_required
def names(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    query = _search(request)
    if isinstance(query, HttpResponse):
        return query
    page = Paginator(_pairs(query), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": NamesSearchForm(request.GET),
        "page": page,
        "query": query,
        "query_string": urlencode({"q": query}) if query else "",
        "shown": SHOWN_OCCURRENCES,
    }
    return render(request, "articles/names.html", context)


@require_GET
@htmx_sign_in
@login_required
def names_csv(request: HttpRequest) -> HttpResponse:
    from articles.reports.csv_report import neutralise  # names are untrusted text

    require_viewer(request)
    query = _search(request)
    if isinstance(query, HttpResponse):
        return query
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsdrift-names.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["source", "retranslation", "comparisons", "outlets", "first_seen", "last_seen"]
    )
    for pair in _pairs(query):
        writer.writerow(
            [
                neutralise(pair.source),
                neutralise(pair.target),
                pair.comparisons,
                neutralise("; ".join(pair.outlets)),
                pair.first_seen.isoformat(),
                pair.last_seen.isoformat(),
            ]
        )
    return response
