"""The signature of a delivery: `Newsdrift-Signature: t=<unix time>,v1=<hex>`.

v1 is HMAC-SHA256, keyed with the endpoint's secret, of `<t>.<the raw body>`. The
receiver recomputes it over the bytes it received and compares in constant time, and
refuses a `t` too far from its own clock (a replayed delivery). docs/api.md#webhooks
has a receiver's code. Plain Python: no Django.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Newsdrift-Signature"
TOLERANCE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The header's value for `body` sent now (or at `timestamp`)."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode("utf-8"), f"{t}.".encode() + body, hashlib.sha256)
    return f"t={t},v1={digest.hexdigest()}"


def verify(
    secret: str, body: bytes, header: str, *, tolerance: int = TOLERANCE_SECONDS, now=None
) -> bool:
    """True when `header` signs `body` with `secret` within `tolerance` seconds."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - t) > tolerance:
        return False
    expected = sign(secret, body, t).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
