"""Forwarded headers are believed only from the TLS proxy: Django agrees with gunicorn.

Behind the proxy (BEHIND_TLS_PROXY=1) Django takes `X-Forwarded-Proto` as the scheme
(SECURE_PROXY_SSL_HEADER) and django-axes takes the client's address from
`X-Forwarded-For` (newsdrift/client_address.py). Django would believe them from any
client that reaches gunicorn; gunicorn believes them only from FORWARDED_ALLOW_IPS
(newsdrift/gunicorn.conf.py). This middleware, first in the chain, removes both headers
from a request whose peer is not one of those addresses, so that one list, read by both,
says who the proxy is. Without the proxy the headers mean nothing to Django already
(no SECURE_PROXY_SSL_HEADER), and gunicorn believes none.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def allowed_networks(addresses: tuple[str, ...]) -> tuple[Network, ...] | None:
    """The proxy's networks, or None for `*` (any peer, as gunicorn reads it)."""
    if "*" in addresses:
        return None
    try:
        return tuple(ipaddress.ip_network(address) for address in addresses)
    except ValueError as error:
        raise ImproperlyConfigured(f"FORWARDED_ALLOW_IPS: {error}") from None


def from_proxy(peer: str | None) -> bool:
    networks = allowed_networks(tuple(settings.FORWARDED_ALLOW_IPS))
    if networks is None:
        return True
    try:
        address = ipaddress.ip_address(peer or "")
    except ValueError:
        return False  # a UNIX socket or no address: not known to be the proxy
    return any(address in network for network in networks)


class ForwardedHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (settings.BEHIND_TLS_PROXY and from_proxy(request.META.get("REMOTE_ADDR"))):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
