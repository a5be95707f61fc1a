"""The "Bulk import" page: the upload is checked at once, its pairs are imported by a
job, and the job's page gives each pair's result (JSON Lines and zip)."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Comparison, Job, JobItem
from tests.admin.conftest import (
    EMPTY_COUNTS,
    RETRANSLATION_TEXT,
    SOURCE_TEXT,
    make_zip,
    pair_line,
    row_counts,
    upload,
)
from tests.admin.test_bulk_import import GOOD_1, GOOD_2
from tests.jobs_helpers import work_off_jobs

URL = reverse("admin:articles_comparison_bulk_import")


def post_file(client, name: str, data: bytes | str):
    return client.post(URL, {"file": upload(name, data, "application/octet-stream")})


def test_it_shows_the_upload_form(importer_client):
    response = importer_client.get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"JSON Lines" in response.content


def results(job: Job) -> list[tuple[str, str]]:
    return list(job.items.order_by("position").values_list("label", "outcome"))


def test_it_queues_the_pairs_and_goes_to_the_job_page_at_once(importer_client):
    response = post_file(importer_client, "pairs.jsonl", "\n".join([GOOD_1, GOOD_2]))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:job", args=[job.pk])
    assert Comparison.objects.count() == 0  # nothing is analysed in the request
    assert job.kind == Job.Kind.BULK_IMPORT and job.total == 2
    page = importer_client.get(response["Location"]).content.decode()
    assert "Bulk import of pairs.jsonl (2 pairs)" in page
    assert "Waiting for a worker" in page


def test_it_reports_each_line_of_a_mixed_json_lines_file(importer_client):
    lines = [GOOD_1, "{broken", '{"source": {"title": "A", "body": "B"}}', GOOD_2, GOOD_1]
    response = post_file(importer_client, "pairs.jsonl", "\n".join(lines))
    work_off_jobs()
    job = Job.objects.get()
    assert results(job) == [
        ("line 1", "imported"),
        ("line 2", "rejected"),
        ("line 3", "rejected"),
        ("line 4", "imported"),
        ("line 5", "present"),
    ]
    page = importer_client.get(response["Location"]).content.decode()
    assert "Finished" in page
    assert "line 2: is not valid JSON" in page
    assert "line 3: has no &#x27;retranslation&#x27; object" in page
    first = job.items.get(position=0).comparison
    assert reverse("articles:comparison", args=[first.pk]) in page
    assert Comparison.objects.count() == 2
    assert job.items.get(position=4).comparison == first


def test_it_imports_a_zip_of_pair_folders(importer_client):
    archive = make_zip(
        {
            "syria/source.txt": SOURCE_TEXT,
            "syria/retranslation.txt": RETRANSLATION_TEXT,
            "budget/source.txt": "Council approves budget\n\nThe council voted on Tuesday.",
            "budget/retranslation.txt": "Budget approved\n\nThe council voted on Wednesday.",
            "lonely/source.txt": "Title\n\nText.",
        }
    )
    response = post_file(importer_client, "pairs.zip", archive)
    work_off_jobs()
    statuses = dict(results(Job.objects.get()))
    assert statuses == {"budget/": "imported", "syria/": "imported", "lonely/": "rejected"}
    page = importer_client.get(response["Location"]).content.decode()
    assert "lonely/: has no retranslation.* file" in page
    assert Comparison.objects.count() == 2
    assert not JobItem.objects.exclude(payload={}).exists()  # the texts live in articles now


def test_it_refuses_a_zip_with_a_traversal_entry_and_writes_nothing(importer_client):
    archive = make_zip(
        {
            "syria/source.txt": SOURCE_TEXT,
            "syria/retranslation.txt": RETRANSLATION_TEXT,
            "../../etc/source.txt": "x",
        }
    )
    response = post_file(importer_client, "pairs.zip", archive)
    assert response.status_code == 200
    assert not Job.objects.exists()
    assert response.context["form"].errors["file"] == [
        "pairs.zip: entry '../../etc/source.txt' is outside the archive's root"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_a_zip_with_too_many_files(importer_client):
    archive = make_zip({f"p{i:04}/source.txt": "x" for i in range(1001)})
    response = post_file(importer_client, "pairs.zip", archive)
    assert response.context["form"].errors["file"] == [
        "pairs.zip: has 1,001 entries, more than the limit of 1,000"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_an_upload_over_the_size_limit(importer_client, settings):
    settings.NEWSDRIFT_MAX_BULK_BYTES = 500
    response = post_file(importer_client, "pairs.jsonl", "\n".join([GOOD_1, GOOD_2]))
    assert response.context["form"].errors["file"] == [
        "pairs.jsonl: is larger than the limit of 500 bytes"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_empty_and_unsupported_uploads(importer_client):
    empty = post_file(importer_client, "pairs.jsonl", b"")
    assert empty.context["form"].errors["file"] == ["pairs.jsonl: is empty"]
    other = post_file(importer_client, "pairs.xlsx", b"PK\x03\x04")
    assert (
        other.context["form"].errors["file"][0].startswith("pairs.xlsx: unsupported type '.xlsx'")
    )
    missing = importer_client.post(URL, {})
    assert missing.context["form"].errors["file"]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_staff_without_the_import_permission(staff_editor_client):
    assert staff_editor_client.get(URL).status_code == 403
    line = pair_line("A title here", "Text one.", "Another title", "Text two.")
    response = post_file(staff_editor_client, "pairs.jsonl", line)
    assert response.status_code == 403
    assert row_counts() == EMPTY_COUNTS
