"""Store a job with its items and queue runners for it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from articles.jobs.limits import jobs_per_user
from articles.jobs.queue import enqueue_runners, runners_per_job
from articles.jobs.runner import KIND_COUNTS_PROGRESS
from articles.models import Job, JobItem

_BATCH = 500


class JobRefused(Exception):  # noqa: N818
    """A job that may not be queued now; the message says why, in one line."""


def active_jobs_of(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Job.objects.filter(created_by=user, state__in=Job.ACTIVE_STATES).count()


def check_quota(user) -> None:
    limit = jobs_per_user()
    if limit <= 0 or not getattr(user, "is_authenticated", False):
        return  # commands run by the operator (no user) are not counted
    active = active_jobs_of(user)
    if active >= limit:
        raise JobRefused(
            f"{user.get_username()}: already has {active} job(s) waiting or running, the "
            f"limit per person (NEWSDRIFT_JOBS_PER_USER={limit}); wait for one to finish"
        )


def submit(
    kind: str,
    *,
    title: str,
    items: Iterable[tuple[str, dict]],
    user=None,
    params: dict | None = None,
    total: int | None = None,
    run_after=None,
) -> Job:
    """Store a job and its items in one transaction, and queue its runners.

    `total` is the number of steps progress counts, when it is not the number of items
    (an export counts comparisons); `run_after` delays its runners (a webhook's
    retry). Raises JobRefused over the per-user limit.
    """
    with transaction.atomic():
        check_quota(user)
        job = Job.objects.create(
            kind=kind,
            title=title[:300],
            params={**(params or {}), KIND_COUNTS_PROGRESS: total is not None},
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        count = 0
        batch: list[JobItem] = []
        for position, (label, payload) in enumerate(items):
            batch.append(JobItem(job=job, position=position, label=label[:300], payload=payload))
            count += 1
            if len(batch) >= _BATCH:
                JobItem.objects.bulk_create(batch)
                batch = []
        JobItem.objects.bulk_create(batch)
        job.total = count if total is None else total
        if count == 0:
            job.state = Job.State.DONE
            job.finished_at = job.created_at
        job.save(update_fields=["total", "state", "finished_at"])
        if count:
            enqueue_runners(job.pk, min(count, runners_per_job()), run_after=run_after)
    return job
