"""The "Bulk import" page: per-pair results for JSON Lines and zip uploads."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Comparison
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

URL = reverse("admin:articles_comparison_bulk_import")


def post_file(client, name: str, data: bytes | str):
    return client.post(URL, {"file": upload(name, data, "application/octet-stream")})


def test_it_shows_the_upload_form(importer_client):
    response = importer_client.get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"JSON Lines" in response.content


def test_it_reports_each_line_of_a_mixed_json_lines_file(importer_client):
    lines = [GOOD_1, "{broken", '{"source": {"title": "A", "body": "B"}}', GOOD_2, GOOD_1]
    response = post_file(importer_client, "pairs.jsonl", "\n".join(lines))
    assert response.status_code == 200
    results = response.context["results"]
    assert [(r.label, r.status) for r in results] == [
        ("line 1", "imported"),
        ("line 2", "rejected"),
        ("line 3", "rejected"),
        ("line 4", "imported"),
        ("line 5", "present"),
    ]
    page = response.content.decode()
    assert "2 imported, 1 already present, 2 rejected" in page
    assert "line 2: is not valid JSON" in page
    assert "line 3: has no &#x27;retranslation&#x27; object" in page
    first = Comparison.objects.get(pk=results[0].comparison_id)
    assert reverse("articles:comparison", args=[first.pk]) in page
    assert Comparison.objects.count() == 2


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
    statuses = {r.label: r.status for r in response.context["results"]}
    assert statuses == {"budget/": "imported", "syria/": "imported", "lonely/": "rejected"}
    assert "lonely/: has no retranslation.* file" in response.content.decode()
    assert Comparison.objects.count() == 2


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
    assert response.context["results"] is None
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
