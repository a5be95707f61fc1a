"""Per-job limits: time per item, memory per worker process, jobs per user.

Read from settings at call time (tests and deployments change them):

* NEWSDRIFT_JOBS_ITEM_SECONDS: longest time one item (a pair's analysis) may take; a
  longer one is stopped and reported, and the job goes on. Enforced with SIGALRM, so
  only where the item runs on a process's main thread (both workers run it there).
* NEWSDRIFT_JOBS_WORKER_MEMORY_MB: a worker process whose resident memory has grown
  past this finishes its current slice of work and exits; its supervisor starts a
  fresh one (worker.py).
* NEWSDRIFT_JOBS_PER_USER: jobs one user may have waiting or running at once.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


class ItemTimeLimit(BaseException):  # noqa: N818
    """Raised inside an item that ran past NEWSDRIFT_JOBS_ITEM_SECONDS.

    A BaseException, so that code catching Exception on the way (the analysis, the
    importer's retry loop) does not swallow it.
    """


def item_seconds() -> int:
    return int(getattr(settings, "NEWSDRIFT_JOBS_ITEM_SECONDS", 300))


def worker_memory_mb() -> int:
    return int(getattr(settings, "NEWSDRIFT_JOBS_WORKER_MEMORY_MB", 1024))


def jobs_per_user() -> int:
    return int(getattr(settings, "NEWSDRIFT_JOBS_PER_USER", 5))


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ItemTimeLimit in this block after `seconds` (main thread only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ItemTimeLimit(seconds)

    # A worker library may have its own alarm running (RQ's job timeout): put it back.
    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            elapsed = seconds - remaining
            signal.setitimer(signal.ITIMER_REAL, max(previous_delay - elapsed, 0.001))


def resident_mb() -> float:
    """This process's resident memory now (Linux), else its peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def over_memory() -> bool:
    limit = worker_memory_mb()
    return limit > 0 and resident_mb() > limit
