"""Following a job from a command: a progress bar on the terminal (tqdm), then every
item that did not succeed, and a one-line summary."""

from __future__ import annotations

import sys
import time

from django.core.management.base import CommandError, OutputWrapper

from articles.jobs.progress import counts, wait
from articles.models import Job, JobItem

# Say once that no worker has taken the job after this many seconds.
NO_WORKER_HINT_SECONDS = 15
PROBLEMS = (JobItem.Outcome.REJECTED, JobItem.Outcome.FAILED, JobItem.Outcome.CANCELLED)


def follow(job: Job, *, stdout: OutputWrapper, stderr: OutputWrapper, unit: str) -> Job:
    """Show a job's progress until it ends; print its problems and summary. Raises
    CommandError (exit status 1) when any item was not done."""
    from tqdm import tqdm

    started = time.monotonic()
    hinted = False
    bar = tqdm(total=job.total, unit=unit, desc=f"job {job.pk}", file=sys.stderr)

    def show(current: Job) -> None:
        nonlocal hinted
        bar.total = current.total
        bar.n = current.done
        bar.refresh()
        quiet = time.monotonic() - started > NO_WORKER_HINT_SECONDS
        if current.state == Job.State.QUEUED and quiet and not hinted:
            bar.write(
                "No worker has started this job yet: is `manage.py jobs_worker` running?",
                file=sys.stderr,
            )
            hinted = True

    try:
        job = wait(job, show, poll_seconds=0.5)
    finally:
        bar.close()
    tally = counts(job)
    problems = JobItem.objects.filter(job=job, outcome__in=PROBLEMS).order_by("position")
    for item in problems.iterator():
        stderr.write(f"{item.get_outcome_display()}: {item.message}")
    stdout.write(f"Job {job.pk} {job.get_state_display().lower()}: {tally.summary()}.")
    not_done = problems.count()
    if not_done:
        raise CommandError(f"{not_done} of {tally.total} item(s) were not done")
    return job
