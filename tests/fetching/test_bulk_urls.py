"""JSON Lines with "source_url" / "retranslation_url": read and checked at once, the
pages fetched by the job's workers, each pair's fetch refused or imported on its own;
through the admin's Bulk import page and `manage.py import_bulk`."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.bulk_import import Limits, read_json_lines
from articles.models import ArticleFetch, Comparison, Job
from articles.views.jobs import analysing
from tests.jobs_helpers import jsonl, story_pair, work_off_jobs

pytestmark = pytest.mark.django_db

BULK_URL = reverse("admin:articles_comparison_bulk_import")


def outcomes(job: Job) -> list[tuple[str, str, str]]:
    return list(job.items.order_by("position").values_list("label", "outcome", "message"))


def lines_of(fetch_server) -> list[dict | str]:
    story, retold = fetch_server.url("/story"), fetch_server.url("/retold")
    side = story_pair(7)["source"]
    return [
        {"source_url": story, "retranslation_url": retold},
        {"source": side, "retranslation_url": retold},
        {"source_url": fetch_server.url("/image"), "retranslation_url": retold},
        {"source_url": "ftp://example.org/a", "retranslation_url": retold},
        {"source": side, "source_url": story, "retranslation_url": retold},
        {"source_url": story},
        story_pair(8),
    ]


def test_the_upload_is_read_without_fetching_and_bad_lines_rejected(fetch_server):
    text = jsonl(lines_of(fetch_server))
    pairs = read_json_lines(io.BytesIO(text.encode()), "pairs.jsonl", Limits())
    assert fetch_server.requests == []
    assert pairs[0].urls == {
        "source": fetch_server.url("/story"),
        "retranslation": fetch_server.url("/retold"),
    }
    assert pairs[1].source is not None and pairs[1].urls == {
        "retranslation": fetch_server.url("/retold")
    }
    assert (
        pairs[3].error
        == "line 4: field 'source_url' is not an http(s) address: 'ftp://example.org/a'"
    )
    assert pairs[4].error == "line 5: gives both 'source' and 'source_url': give one"
    assert pairs[5].error == "line 6: has no 'retranslation' object or 'retranslation_url'"
    assert pairs[6].error == "" and not pairs[6].urls


def test_the_admin_queues_an_import_by_url_and_its_workers_fetch(
    fetch_server, allow_local, importer_client
):
    upload = SimpleUploadedFile("wire.jsonl", jsonl(lines_of(fetch_server)).encode())
    response = importer_client.post(BULK_URL, {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == reverse("articles:job", args=[job.pk])
    assert job.kind == Job.Kind.URL_IMPORT
    assert job.title == "Import by URL of wire.jsonl (7 pairs)"
    assert fetch_server.requests == []  # nothing fetched in the request
    assert [j.pk for j in analysing(job.created_by)] == [job.pk]  # the dashboard's banner
    work_off_jobs()
    results = outcomes(job)
    assert [r[1] for r in results] == [
        "imported",
        "imported",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "imported",
    ]
    image = fetch_server.url("/image")
    assert results[2][2] == (
        f"line 3: source ({image}): answered image/png, not a web page "
        "(text/html or application/xhtml+xml)"
    )
    first = Comparison.objects.get(pk=job.items.get(position=0).comparison_id)
    assert first.source.fetches.get().url == fetch_server.url("/story")
    assert first.retranslation.fetches.get().url == fetch_server.url("/retold")
    second = Comparison.objects.get(pk=job.items.get(position=1).comparison_id)
    assert not second.source.fetches.exists()
    assert second.retranslation_id == first.retranslation_id  # the same text: one article
    page = importer_client.get(response["Location"]).content.decode()
    assert "answered image/png" in page
    assert re.search(r"Imported</span> <b>3</b>.*Rejected</span> <b>4</b>", page, re.S)


def test_a_refused_address_rejects_its_pair_only(fetch_server, settings, tmp_path):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = ""
    path = tmp_path / "wire.jsonl"
    story = fetch_server.url("/story")
    path.write_text(
        jsonl([{"source_url": story, "retranslation_url": fetch_server.url("/retold")}])
        + json.dumps(story_pair(9))
        + "\n",
        encoding="utf-8",
    )
    call_command("import_bulk", str(path), stdout=io.StringIO())
    job = Job.objects.get()
    assert job.kind == Job.Kind.URL_IMPORT
    work_off_jobs()
    results = outcomes(job)
    assert results[0][1:] == (
        "rejected",
        f"line 1: source ({story}): is a loopback address (127.0.0.1), which is not fetched "
        "(see NEWSDRIFT_FETCH_ALLOW_PRIVATE)",
    )
    assert results[1][1] == "imported"
    assert fetch_server.requests == []
    assert not ArticleFetch.objects.exists()


def test_an_upload_without_addresses_stays_a_bulk_import(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl([story_pair(1)]), encoding="utf-8")
    call_command("import_bulk", str(path), stdout=io.StringIO())
    assert Job.objects.get().kind == Job.Kind.BULK_IMPORT
