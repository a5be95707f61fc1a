"""Turn a comparison or a selection into a report document in one of the five formats:
the one code path behind the download views, the `export_report` command and the
admin's export action.

JSON and CSV of a selection are produced as a stream of pieces (a chunk of
comparisons at a time), so that a selection of the whole archive is never in memory.
Markdown, HTML and PDF are documents to read; a selection for them is capped at
MAX_DOCUMENT_COMPARISONS comparisons.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from articles.models import AlignmentUnit, Comparison
from articles.reports import csv_report, html_report, json_report, markdown_report
from articles.reports.data import ComparisonReport, iter_reports, report_for

FORMATS = ("json", "csv", "md", "html", "pdf")
STREAMED_FORMATS = ("json", "csv")
MAX_DOCUMENT_COMPARISONS = 200

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def needs_background(comparisons: QuerySet[Comparison], fmt: str) -> int | None:
    """How many comparisons a report would hold when it is too large to make inside a
    request, else None: the one rule behind the download views and the admin's actions.

    JSON and CSV stream, so only their length counts (NEWSDRIFT_EXPORT_INLINE_MAX
    comparisons). A PDF is laid out whole before its first byte is sent, about 10 ms a
    unit (docs/PERFORMANCE.md), so a PDF of more than NEWSDRIFT_PDF_INLINE_MAX_UNITS
    units is made in the background even for one comparison. Markdown and HTML are fast
    enough for their cap of MAX_DOCUMENT_COMPARISONS. Two queries at most.
    """
    from django.conf import settings

    count = comparisons.count()
    if fmt in STREAMED_FORMATS:
        return count if count > settings.NEWSDRIFT_EXPORT_INLINE_MAX else None
    if fmt == "pdf" and count <= MAX_DOCUMENT_COMPARISONS:
        units = AlignmentUnit.objects.filter(comparison__in=comparisons).count()
        return count if units > settings.NEWSDRIFT_PDF_INLINE_MAX_UNITS else None
    return None


class ExportError(ValueError):
    """A report that cannot be made; the message is one line naming the input."""


@dataclass(frozen=True)
class Document:
    """A rendered report: its pieces (str, or bytes for PDF), type and file name."""

    pieces: Iterator[str | bytes]
    content_type: str
    filename: str
    streamed: bool


def check_format(fmt: str) -> str:
    fmt = (fmt or "").lower()
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: unknown format (one of {', '.join(FORMATS)})")
    return fmt


def filename(fmt: str, comparison_id: int | None = None, day: dt.date | None = None) -> str:
    """newsdrift-comparison-12-2026-11-21.json, newsdrift-report-2026-11-21.csv."""
    day = day or timezone.now().date()
    stem = f"comparison-{comparison_id}" if comparison_id is not None else "report"
    return f"newsdrift-{stem}-{day.isoformat()}.{fmt}"


def comparison_document(
    comparison_id: int, fmt: str, *, stylesheet: str | None = None, request=None
) -> Document:
    """One comparison's report. Raises ExportError when it does not exist."""
    fmt = check_format(fmt)
    try:
        report = report_for(comparison_id)
    except Comparison.DoesNotExist:
        raise ExportError(f"comparison {comparison_id}: no such comparison") from None
    return Document(
        pieces=iter([_render_one(report, fmt, stylesheet=stylesheet, request=request)]),
        content_type=CONTENT_TYPES[fmt],
        filename=filename(fmt, comparison_id),
        streamed=False,
    )


def selection_document(
    comparisons: QuerySet[Comparison],
    fmt: str,
    *,
    described: dict | None = None,
    stylesheet: str | None = None,
    request=None,
    progress: Callable[[int], None] | None = None,
) -> Document:
    """A selection's report: streamed pieces for JSON and CSV, one piece otherwise.

    `progress`, if given, is called with the number of comparisons read so far, every
    PROGRESS_EVERY comparisons and at the end (a background export shows it).
    """
    fmt = check_format(fmt)
    described = described if described is not None else {}
    if fmt == "json":
        reports = _started(_counted(iter_reports(comparisons), progress))
        pieces = json_report.stream_selection(reports, described)
    elif fmt == "csv":
        pieces = csv_report.stream(_started(_counted(iter_reports(comparisons), progress)))
    else:
        count = comparisons.count()
        if count > MAX_DOCUMENT_COMPARISONS:
            raise ExportError(
                f"selection: {count} comparisons, a {fmt} report takes at most "
                f"{MAX_DOCUMENT_COMPARISONS} (use json or csv for more)"
            )
        reports = list(_counted(iter_reports(comparisons), progress))
        pieces = iter([_render_many(reports, fmt, stylesheet=stylesheet, request=request)])
    return Document(
        pieces=pieces,
        content_type=CONTENT_TYPES[fmt],
        filename=filename(fmt),
        streamed=fmt in STREAMED_FORMATS,
    )


PROGRESS_EVERY = 100


def _counted(
    reports: Iterator[ComparisonReport], progress: Callable[[int], None] | None
) -> Iterator[ComparisonReport]:
    if progress is None:
        yield from reports
        return
    count = 0
    for report in reports:
        yield report
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(count)
    progress(count)


def _started(reports: Iterator[ComparisonReport]) -> Iterator[ComparisonReport]:
    """The reports, with the first chunk fetched now.

    A streamed download sends its headers before the body is made: a query that failed
    only then would cut the file off mid-way under a 200. Running the first chunk's
    queries here makes such a failure an error response instead.
    """
    first = list(itertools.islice(reports, 1))
    return itertools.chain(first, reports)


def _render_one(report: ComparisonReport, fmt: str, *, stylesheet, request) -> str | bytes:
    if fmt == "json":
        return json_report.render_report(report) + "\n"
    if fmt == "csv":
        return csv_report.render([report])
    if fmt == "md":
        return markdown_report.render_report(report)
    if fmt == "html":
        return html_report.render(
            [report], title=f"Review report: {report.title}", stylesheet=stylesheet, request=request
        )
    return _pdf_report().render([report], title=f"Review report: {report.title}")


def _render_many(reports: list[ComparisonReport], fmt: str, *, stylesheet, request) -> str | bytes:
    count = len(reports)
    title = f"newsdrift review reports ({count} comparison{'' if count == 1 else 's'})"
    if fmt == "md":
        return markdown_report.render_selection(reports)
    if fmt == "html":
        return html_report.render(reports, title=title, stylesheet=stylesheet, request=request)
    return _pdf_report().render(reports, title=title)


def _pdf_report():
    """The PDF renderer, imported when a PDF is made: fpdf2, fontTools and HarfBuzz take
    longer to import than the rest of a management command takes to start."""
    from articles.reports import pdf_report

    return pdf_report
