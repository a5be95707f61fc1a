"""Bringing jobs back after a worker died (kill -9, the OOM killer, a lost machine).

A worker that dies mid-item leaves that item "running" with a lease, and its runner
task gone. `sweep()` — run by every worker supervisor every few seconds and when it
starts — puts such items back to pending and queues a runner in place of the lost
one:

* at once, for items claimed by a process on this host that no longer exists;
* after the lease ran out (the item time limit and a margin), for any other;
* an item that has been claimed MAX_ATTEMPTS times without finishing (it keeps killing
  its worker: memory) is finished as failed with that reason, not tried again.

It also gives a job with waiting items and no sign of life for STALL_SECONDS a new
runner (a queue emptied by hand, a Redis that restarted without its data), marks done
a job whose last item finished just before its runner died, and removes export files
past their keeping time.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.jobs.queue import enqueue_runners
from articles.jobs.runner import KIND_COUNTS_PROGRESS, finish_job_if_complete
from articles.models import Job, JobFileChunk, JobItem
from newsdrift.whole_numbers import whole_number

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def stall_seconds() -> float:
    return float(getattr(settings, "NEWSDRIFT_JOBS_STALL_SECONDS", 300))


def sweep() -> dict:
    """One pass of every recovery step; returns what it did (for the worker's log)."""
    reclaimed = reclaim_abandoned_items()
    restarted = restart_stalled_jobs()
    completed = [pk for pk in _active_jobs_without_work() if finish_job_if_complete(pk)]
    removed = remove_expired_files()
    return {
        "reclaimed": reclaimed,
        "restarted": restarted,
        "completed": completed,
        "files_removed": removed,
    }


def reclaim_abandoned_items() -> int:
    now = timezone.now()
    host = socket.gethostname()
    running = JobItem.objects.filter(state=JobItem.State.RUNNING).select_related("job")
    abandoned = []
    for item in running.filter(Q(lease_until__lt=now) | Q(claimed_by__startswith=f"{host}:")):
        expired = item.lease_until is not None and item.lease_until < now
        if expired or not _process_alive(item.claimed_by, host):
            abandoned.append(item)
    jobs: dict[int, int] = {}
    for item in abandoned:
        if _put_back(item, now):
            jobs[item.job_id] = jobs.get(item.job_id, 0) + 1
    for job_id, count in jobs.items():
        logger.warning("job %s: %s item(s) of a dead worker put back in the queue", job_id, count)
        with transaction.atomic():
            enqueue_runners(job_id, count)
    return len(abandoned)


def _process_alive(claimed_by: str, host: str) -> bool:
    """False for a worker on this host whose process is gone."""
    name, _, rest = claimed_by.partition(":")
    pid = whole_number(rest.split("#", 1)[0], max_digits=10)
    if name != host or pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _put_back(item: JobItem, now) -> bool:
    with transaction.atomic():
        mine = JobItem.objects.filter(
            pk=item.pk, state=JobItem.State.RUNNING, claimed_by=item.claimed_by
        )
        if item.attempts >= MAX_ATTEMPTS:
            updated = mine.update(
                state=JobItem.State.FINISHED,
                outcome=JobItem.Outcome.FAILED,
                message=(
                    f"{item.label}: stopped its worker {item.attempts} times (more memory or "
                    "time than the worker limits allow); nothing was stored"
                ),
                payload={},
                finished_at=now,
                lease_until=None,
            )
            if updated and not item.job.params.get(KIND_COUNTS_PROGRESS):
                Job.objects.filter(pk=item.job_id).update(done=F("done") + 1)
            return False
        return bool(mine.update(state=JobItem.State.PENDING, claimed_by="", lease_until=None))


def restart_stalled_jobs() -> list[int]:
    quiet_since = timezone.now() - timedelta(seconds=stall_seconds())
    stalled = list(
        Job.objects.filter(state__in=Job.ACTIVE_STATES, touched_at__lt=quiet_since)
        .filter(items__state=JobItem.State.PENDING)
        .values_list("pk", flat=True)
        .distinct()
    )
    for job_id in stalled:
        logger.warning("job %s: no progress for %ss; queueing a runner", job_id, stall_seconds())
        with transaction.atomic():
            enqueue_runners(job_id)
    return stalled


def _active_jobs_without_work() -> list[int]:
    return list(
        Job.objects.filter(state__in=Job.ACTIVE_STATES)
        .exclude(items__state__in=[JobItem.State.PENDING, JobItem.State.RUNNING])
        .values_list("pk", flat=True)
    )


def remove_expired_files() -> int:
    """Delete export files older than NEWSDRIFT_JOBS_KEEP_FILES_DAYS (the job stays)."""
    days = float(getattr(settings, "NEWSDRIFT_JOBS_KEEP_FILES_DAYS", 7))
    cutoff = timezone.now() - timedelta(days=days)
    expired = list(
        Job.objects.filter(finished_at__lt=cutoff, result_ready=True).values_list("pk", flat=True)
    )
    for pk in expired:
        with transaction.atomic():
            JobFileChunk.objects.filter(job_id=pk).delete()
            Job.objects.filter(pk=pk).update(result_ready=False)
    return len(expired)
