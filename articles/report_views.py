"""Report downloads: one comparison, or the dashboard's filtered selection, in any of
the five formats, and a printable HTML page of one comparison.

Everyone who may look at comparisons may download (viewers included): a report only
shows what the overview shows. A signed-in account in no role gets a 403. GET only; a
bad format or selection is a 400 with a one-line reason. A report too large to make
inside a request (`needs_background`: a JSON or CSV selection of more than
NEWSDRIFT_EXPORT_INLINE_MAX comparisons, a PDF of more than NEWSDRIFT_PDF_INLINE_MAX_UNITS
units) is offered as a background job instead (POST queues it).

A selection takes the dashboard's filters, its queue's included (`assignee`, `stage`,
`due`); `assignee=me` is the signed-in user, and a background job is given their name
when it is queued, so it exports what they saw.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from articles.jobs import JobRefused
from articles.jobs.export import submit_export
from articles.models import Comparison
from articles.reports import html_report
from articles.reports.data import report_for
from articles.reports.export import (
    ExportError,
    check_format,
    comparison_document,
    needs_background,
    selection_document,
)
from articles.reports.responses import document_response
from articles.reports.selection import SelectionError, selection_from_query
from articles.roles import can_view


def _check_can_view(request: HttpRequest) -> None:
    if not can_view(request.user):
        raise PermissionDenied("Your account has no role that may see comparisons.")


def _stylesheet(request: HttpRequest) -> str:
    # A downloaded page is opened away from the site: its stylesheet link must be absolute.
    return html_report.stylesheet_url(request.build_absolute_uri("/"))


@require_GET
@login_required
def comparison_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_can_view(request)
    get_object_or_404(Comparison, pk=pk)
    try:
        fmt = check_format(fmt)
        if needs_background(Comparison.objects.filter(pk=pk), fmt):
            return _offer_background(request, 1, fmt, f"ids={pk}")
        document = comparison_document(pk, fmt, stylesheet=_stylesheet(request), request=request)
    except ExportError as error:
        if "no such comparison" in str(error):
            raise Http404(str(error)) from error
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return document_response(document)


@require_GET
@login_required
def selection_report(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_can_view(request)
    try:
        fmt = check_format(fmt)
        selection = selection_from_query(request.GET, user=request.user)
        comparisons = selection.queryset()
        count = needs_background(comparisons, fmt)
        if count is not None:
            return _offer_background(request, count, fmt, request.GET.urlencode())
        document = selection_document(
            comparisons,
            fmt,
            described=selection.describe(),
            stylesheet=_stylesheet(request),
            request=request,
        )
    except (ExportError, SelectionError) as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return document_response(document)


def _offer_background(request: HttpRequest, count: int, fmt: str, query: str) -> HttpResponse:
    # Too long to wait for with the browser open: offer to make it in the background
    # (a job), with a download link when it is ready.
    return render(
        request,
        "reports/export_in_background.html",
        {"count": count, "fmt": fmt, "query": query},
    )


@require_POST
@login_required
def selection_export_job(request: HttpRequest, fmt: str) -> HttpResponse:
    """Queue a selection's report as a background job and go to the job's page."""
    _check_can_view(request)
    try:
        fmt = check_format(fmt)
        selection = selection_from_query(request.GET, user=request.user)
        job = submit_export(selection, fmt, user=request.user)
    except (ExportError, SelectionError, JobRefused) as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return redirect(job)


@require_GET
@login_required
def comparison_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML report shown in the browser, to read or print (File → Print)."""
    _check_can_view(request)
    try:
        report = report_for(pk)
    except Comparison.DoesNotExist:
        raise Http404(f"comparison {pk}: no such comparison") from None
    page = html_report.render(
        [report],
        title=f"Review report: {report.title}",
        stylesheet=html_report.stylesheet_url(),
        request=request,
    )
    return HttpResponse(page)
