"""What a fetch may do, from the settings (README.md and docs/fetching.md list them)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_TIMEOUT_SECONDS = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
# A news page is HTML; anything else (an image, a PDF, JSON) is refused before its
# body is read.
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "newsdrift/1.0 (article import; +https://github.com/newsdrift)"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    # The whole fetch, redirects included; each connection and each read is bounded
    # by what is left of it.
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    content_types: tuple[str, ...] = HTML_TYPES
    # Addresses that are not public but may be fetched all the same: none by default;
    # `allow_all_private` for a newsroom's intranet, a few networks for tests.
    allow_all_private: bool = False
    allowed_networks: tuple[Network, ...] = field(default=())
    user_agent: str = USER_AGENT


def parse_allow_private(value: str, *, setting: str = "NEWSDRIFT_FETCH_ALLOW_PRIVATE"):
    """The setting's value: empty or 0/false/no/off for none, 1/true/yes/on/all for
    every address, else a comma-separated list of addresses and networks (CIDR)."""
    text = (value or "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False, ()
    if text in ("1", "true", "yes", "on", "all"):
        return True, ()
    networks = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as error:
            raise ValueError(
                f"{setting}: {part!r} is not an address or a network (e.g. 127.0.0.1/32), "
                "nor one of 0, 1, all"
            ) from error
    return False, tuple(networks)


def policy_from_settings() -> FetchPolicy:
    from django.conf import settings

    allow_all, networks = parse_allow_private(settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE)
    return FetchPolicy(
        timeout=float(settings.NEWSDRIFT_FETCH_TIMEOUT_SECONDS),
        max_bytes=int(settings.NEWSDRIFT_FETCH_MAX_BYTES),
        max_redirects=int(settings.NEWSDRIFT_FETCH_MAX_REDIRECTS),
        allow_all_private=allow_all,
        allowed_networks=networks,
    )
