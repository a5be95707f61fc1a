"""A test client that checks CSRF as production does, and sends the token as a browser."""

from __future__ import annotations

from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client


def csrf_client(user=None) -> Client:
    """A client that must send the CSRF token like a browser, and does: the cookie, the
    header htmx sends, and the form field `form_data` adds to a posted form."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


def form_data(client: Client, data: dict) -> dict:
    """`data` with the CSRF token as the hidden form field of a posted form.

    The header is not enough for every check: Django reads the form field first, so a
    form whose body cannot be read must be tested with the token where a browser puts
    it. The header is dropped for such posts by `form_post`.
    """
    return {"csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME].value, **data}


def form_post(client: Client, url: str, data: dict, **extra):
    """POST `data` as a browser posts a form: the token in the body, not in a header."""
    headers = dict(client.defaults)
    headers.pop("HTTP_X_CSRFTOKEN", None)
    saved, client.defaults = client.defaults, headers
    try:
        return client.post(url, form_data(client, data), **extra)
    finally:
        client.defaults = saved
