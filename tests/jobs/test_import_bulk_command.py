"""`import_bulk`: reads and checks the file at once, queues the job, says where to
follow it; a file it cannot take is refused in one line and queues nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Job
from tests.jobs_helpers import jsonl, story_pair, work_off_jobs


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_bulk", *args, stdout=out)
    return out.getvalue()


def test_it_queues_the_pairs_and_prints_the_job_page(db, tmp_path, importer):
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl([story_pair(1), story_pair(2)]), encoding="utf-8")
    output = run(str(path), "--user", "ines")
    job = Job.objects.get()
    assert (
        output
        == f"Queued job {job.pk}: 2 pair(s) from wire.jsonl: http://127.0.0.1:8000/jobs/{job.pk}/\n"
    )
    assert job.created_by == importer and job.state == Job.State.QUEUED
    work_off_jobs()
    assert list(job.items.values_list("outcome", flat=True)) == ["imported", "imported"]


def test_it_takes_more_pairs_than_a_request_could_analyse(db, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text(jsonl([story_pair(n, sentences=1) for n in range(250)]), encoding="utf-8")
    run(str(path))
    assert Job.objects.get().total == 250


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "missing.jsonl: no such file"),
        (
            "pairs.csv",
            "a,b\n",
            "pairs.csv: unsupported type '.csv' (expected a .jsonl file or a .zip archive)",
        ),
        ("empty.jsonl", "", "empty.jsonl: is empty"),
        ("blank.jsonl", "\n\n", "blank.jsonl: holds no article pairs"),
    ],
)
def test_it_refuses_a_file_it_cannot_take_in_one_line(db, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run(str(path))
    assert str(refused.value).endswith(message)
    assert not Job.objects.exists()


def test_it_refuses_more_pairs_than_the_limit(db, tmp_path, settings):
    settings.NEWSDRIFT_MAX_BULK_PAIRS = 2
    path = tmp_path / "three.jsonl"
    path.write_text(jsonl([story_pair(n) for n in range(3)]), encoding="utf-8")
    with pytest.raises(CommandError, match="holds 3 pairs, more than the limit of 2 per upload"):
        run(str(path))
    assert not Job.objects.exists()


def test_it_refuses_an_unknown_account(db, tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl([story_pair(1)]), encoding="utf-8")
    with pytest.raises(CommandError, match="--user nobody: no such account"):
        run(str(path), "--user", "nobody")
