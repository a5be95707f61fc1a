"""The address a request really came from, for sign-in throttling.

Behind the TLS proxy (BEHIND_TLS_PROXY=1) every connection comes from the proxy, so
django-axes would count every user's failures against one address. The proxy appends
the address it saw to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for, Caddy's
default); only that last entry is trustworthy, since a client can send the header with
any addresses of its own in front.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    return request.META.get("REMOTE_ADDR")
