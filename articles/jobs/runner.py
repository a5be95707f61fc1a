"""A runner: one task's turn at a job. It claims the job's items one at a time, does
each through the job's kind, and records each outcome with the item's own writes.

A runner works for one slice of time (NEWSDRIFT_JOBS_SLICE_SECONDS), then queues its
own continuation and returns: jobs waiting behind a long one get their turn, a worker
that was asked to stop or has grown too large stops between two items, and no task
runs for hours. Several runners may work on one job at once (in several processes or
machines); claiming an item is a compare-and-set on its state, so each item is done
by one of them.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from articles.jobs.kinds import UNTIMED, Finish, Handler, Outcome, handler_for
from articles.jobs.limits import ItemTimeLimit, item_seconds, over_memory, time_limit
from articles.models import Job, JobItem

logger = logging.getLogger(__name__)

# In a job's params: its kind counts progress itself (an export counts comparisons
# written, not its one item).
KIND_COUNTS_PROGRESS = "kind_counts_progress"

# Set by the worker process when it is asked to stop: the runner stops between items.
STOP = threading.Event()
# Set by a runner when the process has outgrown NEWSDRIFT_JOBS_WORKER_MEMORY_MB: the
# worker exits after this task and its supervisor starts a fresh process.
RECYCLE = threading.Event()


class LeaseLost(Exception):  # noqa: N818
    """The item was taken back from this worker (its lease ran out) before it finished."""


def slice_seconds() -> float:
    return float(getattr(settings, "NEWSDRIFT_JOBS_SLICE_SECONDS", 20))


def lease_for_item() -> timedelta:
    """How long a claimed item is this worker's: the item time limit and a margin, so
    that only a worker that died (or hangs past its own limit) loses it."""
    margin = float(getattr(settings, "NEWSDRIFT_JOBS_LEASE_MARGIN_SECONDS", 60))
    return timedelta(seconds=max(item_seconds(), 0) + margin)


def worker_id() -> str:
    """host:pid; recovery.py knows a process on its own host that is gone by it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run(job_id: int) -> dict:
    """Work on a job for one slice; returns what was done (the task's result)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not job.is_active:
        return {"job": job_id, "items": 0, "state": job.state if job else "missing"}
    now = timezone.now()
    Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(state=Job.State.RUNNING)
    Job.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=now)
    handler = handler_for(job.kind)
    deadline = time.monotonic() + slice_seconds()
    processed = 0
    paused = False
    while not Job.objects.filter(pk=job_id, state=Job.State.CANCELLED).exists():
        item = claim_next(job_id)
        if item is None:
            break
        work_on(job, item, handler)
        processed += 1
        if time.monotonic() > deadline or STOP.is_set() or over_memory():
            paused = True
            break
    if over_memory():
        RECYCLE.set()
    if paused and JobItem.objects.filter(job_id=job_id, state=JobItem.State.PENDING).exists():
        from articles.jobs.queue import enqueue_runners

        enqueue_runners(job_id)
    else:
        finish_job_if_complete(job_id)
    return {"job": job_id, "items": processed, "paused": paused}


def claim_next(job_id: int) -> JobItem | None:
    """Take the job's first waiting item, or None when none is left."""
    me = worker_id()
    for _ in range(5):
        candidates = list(
            JobItem.objects.filter(job_id=job_id, state=JobItem.State.PENDING)
            .order_by("position")
            .values_list("pk", "attempts")[:4]
        )
        if not candidates:
            return None
        now = timezone.now()
        for pk, attempts in candidates:
            claimed = JobItem.objects.filter(
                pk=pk, state=JobItem.State.PENDING, attempts=attempts
            ).update(
                state=JobItem.State.RUNNING,
                claimed_by=f"{me}#{attempts + 1}",
                lease_until=now + lease_for_item(),
                attempts=attempts + 1,
            )
            if claimed:
                Job.objects.filter(pk=job_id).update(touched_at=now)
                return JobItem.objects.get(pk=pk)
    return None


def work_on(job: Job, item: JobItem, handler: Handler) -> None:
    """Do one item and record its outcome, whatever happens inside the kind."""
    started = time.monotonic()
    finish = _finisher(item, started, counts_items=not job.params.get(KIND_COUNTS_PROGRESS))
    limit = 0 if job.kind in UNTIMED else item_seconds()
    try:
        with time_limit(limit):
            outcome = handler(job, item, finish)
    except LeaseLost:
        logger.warning("job %s: %s was taken over by another worker", job.pk, item.label)
        return
    except ItemTimeLimit:
        _reset_connection()
        outcome = Outcome(
            JobItem.Outcome.FAILED,
            f"{item.label}: took longer than the limit of {limit} s "
            "(NEWSDRIFT_JOBS_ITEM_SECONDS); nothing was stored",
        )
    except Exception as error:
        # One item the kind cannot handle must not stop the others: its writes were
        # rolled back, and the traceback is in the worker's log.
        logger.exception("job %s: %s failed", job.pk, item.label)
        _reset_connection()
        outcome = Outcome(
            JobItem.Outcome.FAILED,
            f"{item.label}: could not be processed ({type(error).__name__}; logged); "
            "nothing was stored",
        )
    if outcome is None:
        return  # the kind recorded it with its writes
    try:
        with transaction.atomic():
            finish(outcome)
    except LeaseLost:
        pass  # finished already (by the kind), or taken over: either way not ours


def _finisher(item: JobItem, started: float, *, counts_items: bool) -> Finish:
    def finish(outcome: Outcome) -> None:
        now = timezone.now()
        updated = JobItem.objects.filter(
            pk=item.pk, state=JobItem.State.RUNNING, claimed_by=item.claimed_by
        ).update(
            state=JobItem.State.FINISHED,
            outcome=outcome.outcome,
            message=outcome.message,
            comparison_id=outcome.comparison_id,
            payload={},
            finished_at=now,
            lease_until=None,
            seconds=round(time.monotonic() - started, 3),
        )
        if updated != 1:
            raise LeaseLost(item.pk)
        progress = {"done": F("done") + 1} if counts_items else {}
        Job.objects.filter(pk=item.job_id).update(touched_at=now, **progress)

    return finish


def renew_lease(item: JobItem) -> None:
    """Keep a long item (an export) this worker's while it is still working on it."""
    JobItem.objects.filter(
        pk=item.pk, state=JobItem.State.RUNNING, claimed_by=item.claimed_by
    ).update(lease_until=timezone.now() + lease_for_item())


def finish_job_if_complete(job_id: int) -> bool:
    """Mark a job done once every item is finished (by whichever runner is last)."""
    if JobItem.objects.filter(job_id=job_id).exclude(state=JobItem.State.FINISHED).exists():
        return False
    return bool(
        Job.objects.filter(pk=job_id, state__in=Job.ACTIVE_STATES).update(
            state=Job.State.DONE, finished_at=timezone.now()
        )
    )


def _reset_connection() -> None:
    """After an interrupted item the connection may be mid-query: start a fresh one."""
    if connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        connection.close()
