"""A large selection's report as a job: offered instead of a download, written to a
file by the worker as it would stream, and downloaded from the job page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from articles.models import Job
from tests.builders import build_comparison
from tests.jobs_helpers import work_off_jobs


@pytest.fixture
def files(settings):
    settings.NEWSDRIFT_EXPORT_INLINE_MAX = 2


@pytest.fixture
def five(db):
    return [
        build_comparison(
            [(f"Fact {n} stands.", f"Fact {n} stood.")],
            title=f"Story {n}",
            flags={0: [{"category": "factual.name", "severity": "major", "status": "confirmed"}]},
        )
        for n in range(5)
    ]


def test_it_offers_a_background_export_above_the_inline_limit(viewer_client, files, five):
    response = viewer_client.get(reverse("reports:selection", args=["json"]) + "?q=Story")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Export 5 comparisons as JSON" in page
    assert f'action="{reverse("reports:selection_job", args=["json"])}?q=Story"' in page
    assert not Job.objects.exists()


def test_it_still_downloads_a_small_selection_at_once(viewer_client, files, five):
    url = reverse("reports:selection", args=["csv"]) + f"?ids={five[0].pk},{five[1].pk}"
    response = viewer_client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_it_writes_the_report_in_the_background_and_offers_it(
    viewer_client, viewer, files, five, fmt
):
    queued = viewer_client.post(reverse("reports:selection_job", args=[fmt]) + "?q=Story")
    job = Job.objects.get()
    assert queued.status_code == 302 and queued["Location"] == job.get_absolute_url()
    assert job.created_by == viewer and job.total == 5
    work_off_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.done == 5
    page = viewer_client.get(job.get_absolute_url()).content.decode()
    assert f"Download {job.result_name}" in page
    download = viewer_client.get(reverse("articles:job_download", args=[job.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{job.result_name}"'
    body = b"".join(download.streaming_content).decode("utf-8-sig")
    assert len(body.encode("utf-8")) + (3 if fmt == "csv" else 0) == job.result_bytes
    if fmt == "json":
        document = json.loads(body)
        assert [r["comparison"]["id"] for r in document["reports"]] == [c.pk for c in five]
        assert document["selection"]["q"] == "Story"
    else:
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0][0] == "comparison_id"
        assert {int(row[0]) for row in rows[1:]} == {c.pk for c in five}
    assert download["Content-Length"] == str(job.result_bytes)


def test_only_its_owner_and_staff_importers_see_an_export(
    client, viewer_client, editor, importer, files, five
):
    viewer_client.post(reverse("reports:selection_job", args=["json"]))
    work_off_jobs()
    job = Job.objects.get()
    client.force_login(editor)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:job_download", args=[job.pk])).status_code == 404
    client.force_login(importer)
    assert client.get(reverse("articles:job_download", args=[job.pk])).status_code == 200


def test_a_bad_selection_is_refused_with_its_reason(viewer_client, files):
    response = viewer_client.post(reverse("reports:selection_job", args=["json"]) + "?status=x")
    assert response.status_code == 400
    assert response.content.decode().startswith("status 'x': unknown status")
    assert not Job.objects.exists()


def test_a_removed_file_is_a_404_with_its_reason(viewer_client, files, five):
    viewer_client.post(reverse("reports:selection_job", args=["csv"]))
    work_off_jobs()
    job = Job.objects.get()
    job.file_chunks.all().delete()
    Job.objects.filter(pk=job.pk).update(result_ready=False)
    response = viewer_client.get(reverse("articles:job_download", args=[job.pk]))
    assert response.status_code == 404


def test_a_file_larger_than_a_chunk_comes_back_whole(db):
    from articles.jobs import files

    job = Job.objects.create(kind=Job.Kind.EXPORT, title="big")
    pieces = [f"row {n:07d}\n" for n in range(300_000)]  # 3.6 MB: four chunks
    assert files.write_file(job, pieces) == sum(len(p) for p in pieces)
    assert job.file_chunks.count() == 4
    assert b"".join(files.read_file(job)) == "".join(pieces).encode()


def test_it_offers_one_long_comparison_as_a_pdf_made_in_the_background(
    viewer_client, viewer, settings, five
):
    settings.NEWSDRIFT_PDF_INLINE_MAX_UNITS = 0
    offer = viewer_client.get(reverse("reports:comparison", args=[five[0].pk, "pdf"]))
    page = offer.content.decode()
    assert offer.status_code == 200 and "Export 1 comparison as PDF" in page
    action = f"{reverse('reports:selection_job', args=['pdf'])}?ids={five[0].pk}"
    assert f'action="{action}"' in page
    assert not Job.objects.exists()

    viewer_client.post(action)
    work_off_jobs()
    job = Job.objects.get()
    assert job.state == Job.State.DONE and job.created_by == viewer
    download = viewer_client.get(reverse("articles:job_download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
