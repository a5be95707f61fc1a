"""Review reports: what a review leaves the dashboard as (JSON, CSV, Markdown, HTML, PDF).

`report_response` is the entry point for other parts of newsdrift (the admin's export
action): a queryset of comparisons in, an attachment out.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse


def report_response(comparisons: QuerySet, fmt: str, *, request=None) -> HttpResponse:
    """The report of `comparisons` in format `fmt` (json, csv, md, html, pdf), as an
    attachment. JSON and CSV are streamed. Raises ExportError for a bad format or a
    document selection over the cap."""
    from articles.reports.export import selection_document
    from articles.reports.html_report import stylesheet_url
    from articles.reports.responses import document_response

    ids = sorted(comparisons.values_list("pk", flat=True))
    document = selection_document(
        comparisons,
        fmt,
        described={"ids": ids},
        stylesheet=stylesheet_url(request.build_absolute_uri("/")) if request else None,
        request=request,
    )
    return document_response(document)
