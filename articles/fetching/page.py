"""A fetched page as the rest of newsdrift sees it (plain data, no network)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def is_fetchable_url(value: str) -> bool:
    """Whether an input names a web page (http or https) rather than a file."""
    return bool(_HTTP_URL.match(value.strip()))


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What a fetch brought back, kept as the article's provenance."""

    url: str  # the address asked for
    final_url: str  # the address that answered, after redirects
    fetched_at: dt.datetime
    status: int
    content_type: str
    html: str  # the page as decoded text
    size: int  # bytes received (after any transfer encoding)
    redirects: int = 0
    canonical_url: str = ""  # what the page says its own address is

    def to_dict(self) -> dict:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "fetched_at": self.fetched_at.isoformat(),
            "status": self.status,
            "content_type": self.content_type,
            "html": self.html,
            "size": self.size,
            "redirects": self.redirects,
            "canonical_url": self.canonical_url,
        }

    @classmethod
    def from_dict(cls, data: dict) -> FetchedPage:
        return cls(
            url=str(data["url"]),
            final_url=str(data["final_url"]),
            fetched_at=dt.datetime.fromisoformat(str(data["fetched_at"])),
            status=int(data["status"]),
            content_type=str(data["content_type"]),
            html=str(data["html"]),
            size=int(data["size"]),
            redirects=int(data.get("redirects", 0)),
            canonical_url=str(data.get("canonical_url", "")),
        )
