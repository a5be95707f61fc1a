"""How far a job has got: counts by outcome, time left, and following a job from a
command (`wait`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from articles.models import Job, JobItem


@dataclass(frozen=True, slots=True)
class Counts:
    total: int
    waiting: int
    running: int
    finished: int
    by_outcome: dict[str, int]

    def of(self, outcome: str) -> int:
        return self.by_outcome.get(outcome, 0)

    def summary(self) -> str:
        """'12 imported, 3 already present, 1 rejected' (the outcomes that occurred)."""
        parts = [
            f"{n} {JobItem.Outcome(outcome).label.lower()}"
            for outcome, n in sorted(self.by_outcome.items(), key=lambda kv: _ORDER[kv[0]])
            if n
        ]
        return ", ".join(parts) or "nothing done yet"


_ORDER = {value: index for index, value in enumerate(JobItem.Outcome.values)}


def counts(job: Job) -> Counts:
    """One query: the job's items grouped by state and outcome."""
    rows = JobItem.objects.filter(job=job).values_list("state", "outcome").annotate(n=Count("id"))
    by_state = dict.fromkeys(JobItem.State.values, 0)
    by_outcome: dict[str, int] = {}
    for state, outcome, n in rows.order_by():
        by_state[state] += n
        if state == JobItem.State.FINISHED:
            by_outcome[outcome] = by_outcome.get(outcome, 0) + n
    return Counts(
        total=sum(by_state.values()),
        waiting=by_state[JobItem.State.PENDING],
        running=by_state[JobItem.State.RUNNING],
        finished=by_state[JobItem.State.FINISHED],
        by_outcome=by_outcome,
    )


def seconds_left(job: Job) -> float | None:
    """An estimate from the pace so far, or None before there is one."""
    if not job.is_active or not job.started_at or job.done <= 0 or job.total <= job.done:
        return None
    elapsed = (timezone.now() - job.started_at).total_seconds()
    return elapsed / job.done * (job.total - job.done)


def wait(
    job: Job,
    on_progress: Callable[[Job], None],
    *,
    poll_seconds: float = 0.5,
    timeout: float | None = None,
) -> Job:
    """Follow a job until it is no longer active, calling `on_progress` on each change."""
    deadline = None if timeout is None else time.monotonic() + timeout
    seen = None
    while True:
        job.refresh_from_db()
        mark = (job.state, job.done, job.total)
        if mark != seen:
            on_progress(job)
            seen = mark
        if not job.is_active:
            return job
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"job {job.pk}: still {job.state} after {timeout:g} s")
        time.sleep(poll_seconds)
