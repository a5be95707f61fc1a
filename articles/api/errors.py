"""Every error the API answers has one shape: {"error": {"code": ..., "message": ...}}.

`code` is a stable word a program can branch on (docs/api.md lists them); `message` is
one line for a person. A body that does not fit the schema adds `details`, the fields
at fault.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse

logger = logging.getLogger(__name__)

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


class ApiError(Exception):
    """An answer other than success: its HTTP status, stable code and one-line message."""

    def __init__(self, status: int, code: str, message: str, **headers: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, *, headers: dict[str, str] | None = None, **extra
) -> JsonResponse:
    response = JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def install_handlers(api) -> None:
    """Answer every exception the API meets in the one shape."""
    from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

    def api_error(request: HttpRequest, error: ApiError):
        return error_response(error.status, error.code, error.message, headers=error.headers)

    def not_authenticated(request: HttpRequest, error: Exception):
        return error_response(
            401,
            "not_authenticated",
            "Sign in, or send a token: Authorization: Bearer nd_…",
            headers={"WWW-Authenticate": 'Bearer realm="newsdrift"'},
        )

    def invalid(request: HttpRequest, error: ValidationError):
        details = [_detail(e) for e in error.errors]
        first = details[0] if details else {"field": "body", "message": "is not valid"}
        message = f"{first['field']}: {first['message']}"
        return error_response(422, "invalid", message, details=details)

    def throttled(request: HttpRequest, error: Throttled):
        return error_response(
            429, "throttled", "Too many requests for this token: wait, then try again."
        )

    def http_error(request: HttpRequest, error: HttpError):
        status = error.status_code
        code = "csrf_failed" if "CSRF" in str(error) else _STATUS_CODES.get(status, "error")
        message = (
            "CSRF check failed: a request signed in with the session must send the CSRF token"
            if code == "csrf_failed"
            else str(error)
        )
        return error_response(status, code, message)

    def not_found(request: HttpRequest, error: Http404):
        return error_response(404, "not_found", str(error) or "No such object.")

    def forbidden(request: HttpRequest, error: PermissionDenied):
        return error_response(403, "forbidden", str(error) or "Not allowed.")

    def crashed(request: HttpRequest, error: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        return error_response(500, "server_error", "The server failed; the error is logged.")

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(AuthenticationError, not_authenticated)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Exception, crashed)


def _detail(error: dict) -> dict:
    # ninja's locations start with where (body, query, path) and the parameter's name
    # (payload, filters): the field a caller sent is what follows.
    location = [str(part) for part in error.get("loc", ())]
    if location and location[0] in ("body", "query", "path", "header", "cookie", "form"):
        location = location[2:] if len(location) > 2 else location[-1:]
    field = ".".join(location) or "body"
    return {"field": field, "message": str(error.get("msg", "is not valid"))}


def json_method_not_allowed(view):
    """Wrap a view of the API so that a method it does not take answers 405 in the
    API's shape (django-ninja answers it in plain text).

    Also: a multipart form posted here was parsed already, by newsdrift's request
    checks (newsdrift/request_checks.py reads every POST before the CSRF check), and
    its stream cannot be read again; the API takes JSON only, so it sees an empty body
    (and answers 422 for the fields it needs) instead of failing on the stream.
    """
    import functools

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if getattr(request, "_read_started", False) and not hasattr(request, "_body"):
            request._body = b""
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            return error_response(
                405,
                "method_not_allowed",
                f"{request.method} is not allowed here; allowed: {allowed}",
                headers={"Allow": allowed},
            )
        return response

    return wrapped
