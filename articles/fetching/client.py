"""Fetch one web page, safely (docs/fetching.md).

urllib3 is the HTTP client: it lets a connection go to a given IP address while TLS
still checks the certificate for the host name (`server_hostname`, `assert_hostname`),
which is what connecting to the checked address needs; it streams a body so that a
size limit is kept while reading; and it is what trafilatura already depends on, so
no second client is installed. Redirects are followed here, not by urllib3, so that
every hop goes through the same checks as the first.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import time
from urllib.parse import urljoin, urlsplit

from articles.article_reader import clean_text, decode_text
from articles.fetching.addresses import resolve
from articles.fetching.errors import FetchRefused
from articles.fetching.page import FetchedPage
from articles.fetching.policy import FetchPolicy
from newsdrift.whole_numbers import whole_number

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def fetch_page(url: str, policy: FetchPolicy) -> FetchedPage:
    """Fetch `url` and return the page; FetchRefused (one line naming `url`) otherwise."""
    url = url.strip()
    deadline = time.monotonic() + policy.timeout
    current = url
    for hop in range(policy.max_redirects + 1):
        try:
            page_or_next = _one_hop(url, current, policy, deadline)
        except FetchRefused as refusal:
            if hop == 0:
                raise
            raise FetchRefused(
                url, f"redirected to {_short(current)}, which {refusal.reason}"
            ) from refusal
        if isinstance(page_or_next, str):
            current = page_or_next
            continue
        status, content_type, body, final = page_or_next
        html = decode_html(body, content_type, url)
        return FetchedPage(
            url=url,
            final_url=final,
            fetched_at=dt.datetime.now(dt.UTC),
            status=status,
            content_type=content_type,
            html=html,
            size=len(body),
            redirects=hop,
        )
    raise FetchRefused(url, f"redirected more than {policy.max_redirects} times")


def _one_hop(url: str, current: str, policy: FetchPolicy, deadline: float):
    """One request: the next address (a redirect) or (status, type, body, address)."""
    import certifi
    import urllib3

    parts = urlsplit(current)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(url, f"uses {scheme or 'no scheme'}: only http and https are fetched")
    if parts.username or parts.password:
        raise FetchRefused(url, "holds a user name or password: not fetched")
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port or (443 if scheme == "https" else 80)
    except (UnicodeError, ValueError) as error:
        raise FetchRefused(url, f"is not a valid address ({error})") from error
    if not host:
        raise FetchRefused(url, "has no host name")
    address = resolve(url, host, port, policy)
    remaining = _remaining(url, deadline, policy)
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    shown_host = f"[{host}]" if ":" in host else host
    default_port = port == (443 if scheme == "https" else 80)
    headers = {
        # The connection goes to the checked address; the server is told the name.
        "Host": shown_host if default_port else f"{shown_host}:{port}",
        "User-Agent": policy.user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            str(address),
            port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            str(address), port, timeout=timeout, retries=False, maxsize=1
        )
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        response = pool.urlopen(
            "GET",
            target,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location", "").strip()
                if not location:
                    raise FetchRefused(url, f"answered {response.status} with no Location")
                return urljoin(current, location)
            if not 200 <= response.status < 300:
                raise FetchRefused(
                    url, f"answered {response.status} {response.reason or ''}".strip()
                )
            content_type = _content_type(url, response.headers.get("Content-Type", ""), policy)
            declared = whole_number(response.headers.get("Content-Length", ""), max_digits=30)
            if declared is not None and declared > policy.max_bytes:
                raise FetchRefused(
                    url,
                    f"is larger than the limit of {_size(policy.max_bytes)} "
                    f"(it says {_size(declared)})",
                )
            body = _read(url, response, policy, deadline)
            return response.status, content_type, body, current
        finally:
            response.release_conn()
    except FetchRefused:
        raise
    except urllib3.exceptions.TimeoutError as error:
        raise FetchRefused(url, _too_slow(policy)) from error
    except urllib3.exceptions.SSLError as error:
        raise FetchRefused(
            url, f"its TLS certificate or connection was refused ({_first_line(error)})"
        ) from error
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchRefused(url, f"could not be fetched ({_first_line(error)})") from error
    finally:
        pool.close()


def _read(url: str, response, policy: FetchPolicy, deadline: float) -> bytes:
    chunks = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchRefused(url, _too_slow(policy))
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchRefused(url, f"is larger than the limit of {_size(policy.max_bytes)}")
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        raise FetchRefused(url, "answered an empty page")
    return body


def _content_type(url: str, header: str, policy: FetchPolicy) -> str:
    mime = header.split(";", 1)[0].strip().lower()
    if not mime:
        raise FetchRefused(url, "answered without a content type: not read as a page")
    if mime not in policy.content_types:
        expected = " or ".join(policy.content_types)
        raise FetchRefused(url, f"answered {mime[:60]}, not a web page ({expected})")
    return header.strip()[:200]


def decode_html(data: bytes, content_type: str, name: str) -> str:
    """The page's text: a byte-order mark, else the charset the server or the page
    declares, else the reader's own guess (UTF-8, then Windows-1252)."""
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    charset = "" if data.startswith(boms) else _charset_of(content_type, data)
    if charset:
        try:
            return clean_text(data.decode(charset, errors="replace"))
        except LookupError:
            pass  # a charset Python does not know: guess as for a file
    return decode_text(data, name)


def _charset_of(content_type: str, data: bytes) -> str:
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    if match:
        return match.group(1)
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii") if meta else ""


def _remaining(url: str, deadline: float, policy: FetchPolicy) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchRefused(url, _too_slow(policy))
    return left


def _too_slow(policy: FetchPolicy) -> str:
    return f"took longer than the limit of {policy.timeout:g} s"


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:160]


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "…"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"
