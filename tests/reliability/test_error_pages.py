"""Errors are logged in full, and their pages show nothing internal."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

SECRET_DETAIL = "connection string postgres://admin:hunter2@db.internal"


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET_DETAIL)


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(SECRET_DETAIL)


# The project's URLs plus views that fail on purpose (this module is the URLconf).
urlpatterns = [
    path("boom/", boom),
    path("forbidden/", forbidden),
    path("suspicious/", suspicious),
    path("", include("newsdrift.urls")),
]


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def request_log():
    # django.request does not propagate to the root logger (settings.LOGGING), so the
    # test listens on it directly.
    handler = Records()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.fixture
def production_client(client, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def assert_nothing_internal(body: str) -> None:
    for leak in (SECRET_DETAIL, "hunter2", "Traceback", "RuntimeError", 'File "', "settings"):
        assert leak not in body


def test_it_logs_an_error_and_shows_a_plain_500_page(production_client, request_log, db):
    response = production_client.get("/boom/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>Something went wrong</h1>" in body
    assert_nothing_internal(body)
    errors = [r for r in request_log if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info[0] is RuntimeError
    assert SECRET_DETAIL in str(errors[0].exc_info[1])
    assert "/boom/" in errors[0].getMessage()


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/forbidden/", 403, "Not allowed"),
        ("/suspicious/", 400, "Bad request"),
        ("/no/such/page/", 404, "Not found"),
    ],
)
def test_it_shows_plain_pages_for_client_errors(production_client, db, url, status, heading):
    response = production_client.get(url)

    assert response.status_code == status
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert_nothing_internal(body)
    assert "script-src 'self'" in response["Content-Security-Policy"]
