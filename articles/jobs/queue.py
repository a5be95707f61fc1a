"""The task queue: runners are tasks of Django's tasks interface.

On Django 5.2 the interface comes from the django-tasks backport; Django 6 has it
built in as `django.tasks`, and the same code runs on either (the backends in
settings.TASKS, django-tasks-db and django-tasks-rq, support both). A runner's only
argument is the job's id: the work itself is in the database.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

try:  # Django 6
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

from articles.models import Job

logger = logging.getLogger(__name__)

QUEUE = "default"


def runners_per_job() -> int:
    """How many runners a job gets at once: its items are shared among them, so this
    is how many worker processes can work on one job together."""
    return max(1, int(getattr(settings, "NEWSDRIFT_JOBS_RUNNERS", 4)))


@task(queue_name=QUEUE)
def run_job(job_id: int) -> dict:
    """Work on job `job_id` for one slice of time (runner.py)."""
    from articles.jobs.runner import run

    return run(job_id)


def enqueue_runners(job_id: int, count: int = 1, *, run_after=None) -> None:
    """Queue `count` runners for a job once the current transaction commits (a worker
    must find the job's rows when it starts); with `run_after`, not before that time
    (a webhook's next attempt). The job's sign of life is set to that time, so that
    the recovery pass does not take a job that waits on purpose for a stalled one."""
    task = run_job if run_after is None else run_job.using(run_after=run_after)

    def send() -> None:
        for _ in range(count):
            task.enqueue(job_id)

    now = timezone.now()
    touched = now if run_after is None else max(now, run_after)
    Job.objects.filter(pk=job_id).update(touched_at=touched)
    transaction.on_commit(send)


def backend_name() -> str:
    """'database' or 'redis': which of the two modes this process is configured for."""
    backend = settings.TASKS["default"]["BACKEND"]
    return "redis" if "rq" in backend.lower() else "database"
