"""The comparison list's export actions: the selected comparisons' review report
(articles.reports) as an attachment, in each format."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from articles.models import Comparison
from tests.builders import build_comparison

URL = reverse("admin:articles_comparison_changelist")


def export(client, fmt: str, *comparisons: Comparison):
    return client.post(
        URL,
        {
            "action": f"export_{fmt}",
            "_selected_action": [c.pk for c in comparisons],
            "index": 0,
        },
    )


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pairs() -> tuple[Comparison, Comparison]:
    return (
        build_comparison(
            [("Colonel Maroto said no one was hurt.", "Colonel Malotto said nobody was hurt.")],
            title="Rockets in Syria",
            flags={0: [{"category": "factual.name", "status": "confirmed", "severity": "major"}]},
        ),
        build_comparison([("The council voted.", "The council decided.")], title="Budget"),
    )


def test_it_exports_the_selected_comparisons_as_json(importer_client):
    first, second = pairs()
    build_comparison([("Not selected.", "Nicht.")], title="Other")
    response = export(importer_client, "json", first, second)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="newsdrift-report-')
    data = body_of(response)
    document = json.loads(data)
    assert document["selection"] == {"ids": [first.pk, second.pk]}
    assert [r["comparison"]["id"] for r in document["reports"]] == [first.pk, second.pk]
    assert "Rockets in Syria" in data.decode()


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("csv", "text/csv", None),
        ("md", "text/markdown", None),
        ("html", "text/html", b"<!doctype html"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_it_exports_every_report_format(importer_client, fmt, content_type, start):
    first, second = pairs()
    response = export(importer_client, fmt, first, second)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    data = body_of(response)
    if start:
        assert data.lower().startswith(start.lower())
    else:
        assert "Rockets in Syria" in data.decode()


def test_it_says_why_a_selection_cannot_be_exported(importer_client, monkeypatch):
    monkeypatch.setattr("articles.reports.export.MAX_DOCUMENT_COMPARISONS", 1)
    first, second = pairs()
    response = export(importer_client, "md", first, second)
    assert response.status_code == 302
    page = importer_client.get(response["Location"]).content.decode()
    assert "a md report takes at most 1 (use json or csv for more)" in page


def test_it_lets_staff_with_view_permission_export(staff_editor_client):
    first, _ = pairs()
    response = export(staff_editor_client, "json", first)
    assert response.status_code == 200
    assert json.loads(body_of(response))["selection"] == {"ids": [first.pk]}


def test_it_queues_a_selection_too_large_for_the_request_as_a_job(importer_client, settings):
    from articles.models import Job
    from tests.jobs_helpers import work_off_jobs

    settings.NEWSDRIFT_EXPORT_INLINE_MAX = 1
    first, second = pairs()
    response = export(importer_client, "json", first, second)

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.kind == Job.Kind.EXPORT and job.total == 2
    work_off_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_ready
    download = importer_client.get(reverse("articles:job_download", args=[job.pk]))
    document = json.loads(b"".join(download.streaming_content))
    assert [r["comparison"]["id"] for r in document["reports"]] == [first.pk, second.pk]


def test_it_makes_a_pdf_of_many_units_in_the_background(importer_client, settings):
    from articles.models import Job
    from tests.jobs_helpers import work_off_jobs

    settings.NEWSDRIFT_PDF_INLINE_MAX_UNITS = 1
    first, second = pairs()
    response = export(importer_client, "pdf", first, second)

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    work_off_jobs()
    download = importer_client.get(reverse("articles:job_download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_it_still_makes_a_small_pdf_at_once(importer_client, settings):
    from articles.models import Job

    settings.NEWSDRIFT_PDF_INLINE_MAX_UNITS = 2
    first, second = pairs()
    response = export(importer_client, "pdf", first, second)

    assert body_of(response).startswith(b"%PDF-")
    assert not Job.objects.exists()
