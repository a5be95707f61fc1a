"""Who is calling the API, and whether their role allows the operation.

Two ways in, tried in order:
- a token (`Authorization: Bearer nd_…`), made on the API tokens page: no CSRF check,
  since a browser never sends it on its own;
- the browser's session (a signed-in page calling the API): the CSRF check applies,
  exactly as for the web's forms.

Each operation names the role rule it needs (articles/roles.py), checked here, before
the request's body is read: a caller without the role gets 403 whatever it sent.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from articles.api.errors import ApiError
from articles.api.models import TOKEN_START, ApiToken, token_digest

Rule = Callable[[object], bool]
# How often a token's "last used" time is written (not on every request).
LAST_USED_EVERY = timedelta(minutes=1)


def _check(rule: Rule, user, denied: str) -> None:
    if not rule(user):
        raise ApiError(403, "forbidden", denied)


def find_token(text: str) -> ApiToken | None:
    """The active token `text` is, or None (unknown, malformed or revoked)."""
    if not text.startswith(TOKEN_START):
        return None
    prefix = text[len(TOKEN_START) :].split("_", 1)[0]
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, token_digest(text)):
        return None
    if not token.user.is_active:
        return None
    return token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer nd_…`. A token that is not valid is refused at once
    (401), rather than falling back on the session."""

    openapi_scheme = "bearer"

    def __init__(self, rule: Rule, denied: str) -> None:
        self.rule = rule
        self.denied = denied
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str):
        found = find_token(token.strip())
        if found is None:
            raise ApiError(
                401,
                "invalid_token",
                "The token is not valid: unknown, revoked, or its account is disabled.",
                **{"WWW-Authenticate": 'Bearer realm="newsdrift", error="invalid_token"'},
            )
        user = found.user
        request.user = user
        request.api_token = found
        _check(self.rule, user, self.denied)
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return user


class RoleSessionAuth(SessionAuth):
    """The signed-in browser session, with Django's CSRF check on unsafe methods."""

    def __init__(self, rule: Rule, denied: str) -> None:
        self.rule = rule
        self.denied = denied
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # No session, nothing to forge: the caller is told to authenticate (401), not
        # that a CSRF token is missing.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = super().authenticate(request, key)
        if user is None:
            return None
        _check(self.rule, user, self.denied)
        return user


def access(rule: Rule, denied: str) -> list:
    """The `auth` of an operation that needs `rule` (can_view, can_review, can_import)."""
    return [TokenAuth(rule, denied), RoleSessionAuth(rule, denied)]
