"""HTTP responses for report documents: attachments, streamed when the format streams."""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse

from articles.reports.export import Document


def _encoded(document: Document):
    for piece in document.pieces:
        yield piece if isinstance(piece, bytes) else piece.encode("utf-8")


def document_response(document: Document) -> HttpResponse | StreamingHttpResponse:
    if document.streamed:
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            _encoded(document), content_type=document.content_type
        )
    else:
        response = HttpResponse(b"".join(_encoded(document)), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    # A report shows review decisions: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
