"""Throttling per token: at most NEWSDRIFT_API_RATE requests ("120/min") per token in
each window of that period, counted in Django's cache (the default cache: with several
server processes, give them a shared one, e.g. Redis; docs/api.md). Calls made with the
browser's session are counted per account."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'120/min' → (120, 60)."""
    try:
        count, period = rate.strip().split("/")
        return int(count), _PERIODS[period.strip()]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(
            f"NEWSDRIFT_API_RATE: {rate!r} is not a rate like 120/min (periods: s, min, h, day)"
        ) from None


class PerTokenThrottle(BaseThrottle):
    """One instance serves every request of the API: the wait it reports is kept per
    thread (django-ninja asks for it right after allow_request, in the same thread)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "NEWSDRIFT_API_RATE", "")
        if not rate:
            return True
        limit, period = parse_rate(rate)
        token = getattr(request, "api_token", None)
        who = f"token:{token.prefix}" if token is not None else f"user:{request.user.pk}"
        now = time.time()
        window = int(now // period)
        key = f"newsdrift-api-rate:{who}:{period}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            count = 1
        if count > limit:
            self._local.wait = (window + 1) * period - now
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
