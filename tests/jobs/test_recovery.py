"""Recovery: items of workers that died go back to the queue with a runner, an item
that keeps killing its worker is failed, stalled jobs get a runner, old files go."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys

from django.utils import timezone

from articles.jobs import recovery
from articles.jobs.bulk import submit_bulk_import
from articles.jobs.runner import claim_next
from articles.models import Job, JobItem
from tests.admin.test_bulk_import import read
from tests.jobs_helpers import jsonl, story_pair, work_off_jobs


def queued_runners() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").count()


def queue(n: int = 2) -> Job:
    pairs = read("wire.jsonl", jsonl([story_pair(i) for i in range(n)]))
    return submit_bulk_import(pairs, upload_name="wire.jsonl")


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_it_puts_back_at_once_the_item_of_a_dead_process_on_this_host(
    db, django_capture_on_commit_callbacks
):
    job = queue()
    item = claim_next(job.pk)
    JobItem.objects.filter(pk=item.pk).update(claimed_by=f"{socket.gethostname()}:{dead_pid()}#1")
    with django_capture_on_commit_callbacks(execute=True):
        done = recovery.sweep()
    assert done["reclaimed"] == 1
    item.refresh_from_db()
    assert item.state == JobItem.State.PENDING and item.claimed_by == ""
    assert queued_runners() >= 1
    work_off_jobs()
    item.refresh_from_db()
    assert item.outcome == JobItem.Outcome.IMPORTED and item.attempts == 2


def test_it_leaves_alone_the_item_of_a_live_worker(db):
    job = queue()
    item = claim_next(job.pk)  # claimed by this very process, alive
    assert recovery.sweep()["reclaimed"] == 0
    item.refresh_from_db()
    assert item.state == JobItem.State.RUNNING


def test_it_puts_back_an_item_whose_lease_ran_out_on_another_host(db):
    job = queue()
    item = claim_next(job.pk)
    JobItem.objects.filter(pk=item.pk).update(
        claimed_by="worker-7.example:4242#1", lease_until=timezone.now() - dt.timedelta(seconds=1)
    )
    assert recovery.sweep()["reclaimed"] == 1
    item.refresh_from_db()
    assert item.state == JobItem.State.PENDING


def test_an_item_that_kills_its_worker_three_times_is_failed_not_retried(db):
    job = queue()
    item = claim_next(job.pk)
    JobItem.objects.filter(pk=item.pk).update(
        attempts=recovery.MAX_ATTEMPTS, lease_until=timezone.now() - dt.timedelta(seconds=1)
    )
    recovery.sweep()
    item.refresh_from_db()
    assert item.state == JobItem.State.FINISHED and item.outcome == JobItem.Outcome.FAILED
    assert item.message == (
        "line 1: stopped its worker 3 times (more memory or time than the worker limits "
        "allow); nothing was stored"
    )
    job.refresh_from_db()
    assert job.done == 1
    work_off_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.done == 2


def test_a_job_without_progress_for_a_while_gets_a_runner(db, settings):
    job = queue()
    Job.objects.filter(pk=job.pk).update(touched_at=timezone.now() - dt.timedelta(hours=1))
    assert recovery.sweep()["restarted"] == [job.pk]
    assert recovery.sweep()["restarted"] == []  # touched now: not again at once


def test_it_finishes_a_job_whose_last_item_finished_before_its_runner_died(db):
    job = queue(1)
    work_off_jobs()
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, finished_at=None)
    assert recovery.sweep()["completed"] == [job.pk]
    job.refresh_from_db()
    assert job.state == Job.State.DONE


def test_it_removes_export_files_after_their_keeping_time(db):
    from articles.jobs.files import read_file, write_file

    def export(title: str, days_ago: int) -> Job:
        job = Job.objects.create(
            kind=Job.Kind.EXPORT,
            state=Job.State.DONE,
            title=title,
            result_ready=True,
            finished_at=timezone.now() - dt.timedelta(days=days_ago),
        )
        write_file(job, [title])
        return job

    old, new = export("old export", 8), export("new export", 0)
    assert recovery.sweep()["files_removed"] == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.result_ready and list(read_file(old)) == []
    assert new.result_ready and list(read_file(new)) == [b"new export"]
