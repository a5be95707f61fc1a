"""Where a delivery may go: not to a private, loopback, link-local or otherwise
internal address (a webhook must not become a way into the server's own network),
unless NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE is set (a receiver on the same network, and the
tests).

The name is resolved and every address it resolves to is checked; the connection is
then made to the checked address itself, so that a name that resolves differently a
moment later (DNS rebinding) cannot slip past. Redirects are not followed.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class AddressRefused(Exception):  # noqa: N818
    """The URL may not be delivered to; the message says why, in one line."""


def allow_private() -> bool:
    return bool(getattr(settings, "NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE", False))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


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
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise AddressRefused(f"{host}: the name does not resolve ({error.strerror})") from error
    addresses = [info[4][0] for info in infos]
    if not allow_private():
        for address in addresses:
            if not is_public(address):
                raise AddressRefused(
                    f"{host} resolves to {address}, a private or internal address: refused "
                    "(NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE allows it)"
                )
    return addresses[0], port
