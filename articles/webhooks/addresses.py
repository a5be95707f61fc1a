"""Where a delivery may go: not to a private, loopback, link-local or otherwise
internal address (a webhook must not become a way into the server's own network),
unless NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE is set (a receiver on the same network, and the
tests).

The check is import by URL's own (articles/fetching/addresses.py): the name is
resolved once, every address it resolves to is checked, and the delivery then
connects to the checked address itself, so that a name that resolves differently a
moment later (DNS rebinding) cannot slip past. Redirects are not followed.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings

from articles.fetching.addresses import kind_of
from articles.fetching.addresses import resolve as resolve_checked
from articles.fetching.errors import FetchRefused
from articles.fetching.policy import FetchPolicy


class AddressRefused(Exception):  # noqa: N818
    """The URL may not be delivered to; the message says why, in one line."""


def allow_private() -> bool:
    return bool(getattr(settings, "NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE", False))


def is_public(address: str) -> bool:
    return kind_of(ipaddress.ip_address(address)) is None


def check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(f"{url[:100]}: only http and https addresses may receive webhooks")


def resolve(url: str) -> tuple[str, int]:
    """The address (checked) and port to connect to for `url`."""
    check_scheme(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        address = resolve_checked(url, host, port, FetchPolicy(allow_all_private=allow_private()))
    except FetchRefused as refused:
        reason = refused.reason.replace("which is not fetched", "to which webhooks are not sent")
        reason = reason.replace("NEWSDRIFT_FETCH_ALLOW_PRIVATE", "NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE")
        raise AddressRefused(f"{host}: {reason}") from refused
    return str(address), port
