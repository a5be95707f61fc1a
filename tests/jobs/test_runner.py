"""The runner: items claimed one at a time, each outcome recorded with the item's own
writes, failures and slow items reported without stopping the others."""

from __future__ import annotations

import time

from articles.jobs import JobRefused
from articles.jobs.bulk import submit_bulk_import
from articles.jobs.runner import RECYCLE, claim_next, run
from articles.models import Article, Comparison, Job, JobItem
from tests.admin.test_bulk_import import read
from tests.jobs_helpers import jsonl, story_pair, work_off_jobs


def queue(*pairs, user=None) -> Job:
    return submit_bulk_import(
        read("wire.jsonl", jsonl(list(pairs))), upload_name="wire.jsonl", user=user
    )


def outcomes(job: Job) -> list[tuple[str, str]]:
    return list(job.items.order_by("position").values_list("outcome", "message"))


def test_it_imports_every_pair_and_records_each_result(db, importer):
    job = queue(story_pair(1), story_pair(2), "{nope", story_pair(1), user=importer)
    work_off_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.done == job.total == 4
    assert job.started_at and job.finished_at
    first, second = Comparison.objects.order_by("pk")
    assert outcomes(job) == [
        ("imported", f"as comparison {first.pk}"),
        ("imported", f"as comparison {second.pk}"),
        (
            "rejected",
            "line 3: is not valid JSON "
            "(Expecting property name enclosed in double quotes at column 2)",
        ),
        ("present", f"already present as comparison {first.pk} (same texts): skipped"),
    ]
    assert first.source.imported_by == importer
    assert first.source.origin == "wire.jsonl line 1"


def test_running_the_job_again_imports_nothing_twice(db):
    job = queue(story_pair(1), story_pair(2))
    work_off_jobs()
    before = list(job.items.values_list("pk", "outcome", "comparison_id", "finished_at"))
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)  # a duplicate runner
    assert run(job.pk)["items"] == 0
    assert list(job.items.values_list("pk", "outcome", "comparison_id", "finished_at")) == before
    assert Comparison.objects.count() == 2 and Article.objects.count() == 4


def test_a_pair_that_crashes_the_analysis_fails_alone_and_stores_nothing(db, monkeypatch):
    from articles import importer

    real = importer.prepare_pair

    def crash_on_two(source, retranslation):
        if source.title == "Council story 2":
            raise RuntimeError("boom")
        return real(source, retranslation)

    monkeypatch.setattr(importer, "prepare_pair", crash_on_two)
    job = queue(story_pair(1), story_pair(2), story_pair(3))
    work_off_jobs()
    assert [o for o, _ in outcomes(job)] == ["imported", "failed", "imported"]
    assert outcomes(job)[1][1] == (
        "line 2: could not be processed (RuntimeError; logged); nothing was stored"
    )
    assert Comparison.objects.count() == 2
    assert not Article.objects.filter(title="Council story 2").exists()


def test_a_pair_over_the_time_limit_is_stopped_and_reported(db, monkeypatch, settings):
    from articles import importer

    settings.NEWSDRIFT_JOBS_ITEM_SECONDS = 1
    real = importer.prepare_pair

    def slow_on_one(source, retranslation):
        if source.title == "Council story 1":
            time.sleep(5)
        return real(source, retranslation)

    monkeypatch.setattr(importer, "prepare_pair", slow_on_one)
    job = queue(story_pair(1), story_pair(2))
    started = time.monotonic()
    work_off_jobs()
    assert time.monotonic() - started < 4
    assert outcomes(job)[0] == (
        "failed",
        "line 1: took longer than the limit of 1 s (NEWSDRIFT_JOBS_ITEM_SECONDS); "
        "nothing was stored",
    )
    assert outcomes(job)[1][0] == "imported"
    assert Comparison.objects.count() == 1


def test_a_worker_over_its_memory_limit_pauses_the_job_and_asks_to_be_recycled(db, settings):
    settings.NEWSDRIFT_JOBS_WORKER_MEMORY_MB = 1  # any process is over it
    job = queue(story_pair(1), story_pair(2))
    RECYCLE.clear()
    try:
        answer = run(job.pk)
        assert answer == {"job": job.pk, "items": 1, "paused": True}
        assert RECYCLE.is_set()
    finally:
        RECYCLE.clear()
    assert job.items.filter(state=JobItem.State.PENDING).count() == 1


def test_a_claimed_item_is_nobody_elses(db):
    job = queue(story_pair(1), story_pair(2))
    first, second = claim_next(job.pk), claim_next(job.pk)
    assert {first.position, second.position} == {0, 1}
    assert claim_next(job.pk) is None
    assert first.attempts == 1 and first.lease_until is not None
    assert first.claimed_by.endswith("#1")


def test_it_refuses_more_jobs_than_one_person_may_queue(db, importer, settings):
    settings.NEWSDRIFT_JOBS_PER_USER = 2
    queue(story_pair(1), user=importer)
    queue(story_pair(2), user=importer)
    try:
        queue(story_pair(3), user=importer)
    except JobRefused as refusal:
        assert str(refusal) == (
            "ines: already has 2 job(s) waiting or running, the limit per person "
            "(NEWSDRIFT_JOBS_PER_USER=2); wait for one to finish"
        )
    else:
        raise AssertionError("a third job was queued")
    work_off_jobs()
    queue(story_pair(3), user=importer)  # finished jobs do not count
    assert Job.objects.count() == 3


def test_a_long_pair_from_the_admin_is_imported_by_a_job(client, importer, settings):
    from django.urls import reverse

    client.force_login(importer)
    importer_client = client
    settings.NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES = 2
    pair = story_pair(7, sentences=4)
    form = reverse("admin:articles_comparison_import")
    posted = importer_client.post(
        form,
        {
            "source_text": pair["source"]["title"] + "\n\n" + pair["source"]["body"],
            "retranslation_text": pair["retranslation"]["title"]
            + "\n\n"
            + pair["retranslation"]["body"],
        },
    )
    token = posted["Location"].rstrip("/").rsplit("/", 1)[-1]
    confirmed = importer_client.post(
        reverse("admin:articles_comparison_import_confirm"), {"token": token}
    )
    job = Job.objects.get()
    assert confirmed["Location"] == job.get_absolute_url()
    assert Comparison.objects.count() == 0
    work_off_jobs()
    item = job.items.get()
    assert item.outcome == "imported" and item.comparison is not None
    # Each article keeps its own name as its origin, as an import in the request does.
    assert item.comparison.source.origin == "pasted text"
    assert item.comparison.retranslation.origin == "pasted text"
