"""Which addresses a fetch may connect to.

A host name is resolved once, every address it resolves to is checked, and the fetch
then connects to a checked address (client.py), never resolving the name again: a
name that answers a public address to the check and a private one to the connection
(DNS rebinding) gets no second chance. Only globally routable addresses pass, unless
the policy allows more.
"""

from __future__ import annotations

import ipaddress
import socket

from articles.fetching.errors import FetchRefused
from articles.fetching.policy import FetchPolicy

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def kind_of(address: Address) -> str | None:
    """Why an address is not fetched ("a loopback address"), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return kind_of(address.ipv4_mapped)
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "an address that is not public"
    return None


def refusal_of(address: Address, policy: FetchPolicy) -> str | None:
    """Why the policy refuses to connect to an address, or None when it may."""
    kind = kind_of(address)
    if kind is None or policy.allow_all_private:
        return None
    plain = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    for network in policy.allowed_networks:
        if address in network or (plain is not None and plain in network):
            return None
    return kind


def resolve(url: str, host: str, port: int, policy: FetchPolicy) -> Address:
    """The address to connect to for `host`: every address the name resolves to must
    pass (a name with one private address among public ones is refused)."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
        how = "is {kind} ({address})"
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchRefused(url, f"the host name {host!r} cannot be resolved") from error
        addresses = []
        for info in infos:
            address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise FetchRefused(url, f"the host name {host!r} cannot be resolved")
        how = "resolves to {kind} ({address})"
    for address in addresses:
        kind = refusal_of(address, policy)
        if kind is not None:
            reason = how.format(kind=kind, address=address)
            raise FetchRefused(
                url, f"{reason}, which is not fetched (see NEWSDRIFT_FETCH_ALLOW_PRIVATE)"
            )
    return addresses[0]
