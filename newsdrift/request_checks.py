"""Checks every request passes before any view, session or database query sees it.

* A NUL character in the path or the query string is refused with 400 and a message:
  no page of newsdrift takes one, and PostgreSQL refuses NUL in text, so a filter
  carrying it would otherwise fail half-way through a page or a download.
* A form post larger than Django's DATA_UPLOAD_MAX_MEMORY_SIZE (pasted texts count
  toward it; uploaded files do not) raises RequestDataTooBig when the body is first
  read, and the CSRF middleware reads it first: the view that could say why never
  runs, and the browser gets a bare 400. Here it is read first instead; a view marked
  with `explains_oversized_posts` gets the browser sent back to it (303, a GET, so
  nothing is changed without a CSRF check) with `?refused=oversized`, and shows its
  message. Any other view's oversized post is still the bare 400.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve

OVERSIZED = "oversized"


def explains_oversized_posts(view: Callable) -> Callable:
    """Mark a form view that explains, on GET with `?refused=oversized`, a post that was
    too large to be read (the mark survives decorators that use functools.wraps)."""
    view.explains_oversized_posts = True
    return view


class RequestChecksMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseBadRequest(
                "The address holds a NUL character (%00), which no page accepts.\n",
                content_type="text/plain; charset=utf-8",
            )
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (parsed once here; later reads reuse it)
            except RequestDataTooBig:
                return self._oversized(request)
        return self.get_response(request)

    def _oversized(self, request: HttpRequest) -> HttpResponse:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is None or not getattr(match.func, "explains_oversized_posts", False):
            raise RequestDataTooBig(
                "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
            ) from None
        response = HttpResponseRedirect(f"{request.path}?refused={OVERSIZED}")
        response.status_code = 303
        return response
