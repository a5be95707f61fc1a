"""The admin's "Import a story" page: a source file and several copy files, one job."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Article, Comparison, Job
from tests.admin.conftest import EMPTY_COUNTS, row_counts, upload
from tests.conftest import SEEDS
from tests.jobs_helpers import work_off_jobs

URL = reverse("admin:articles_comparison_story_import")
STORY = SEEDS / "story"


def story_file(name: str):
    return upload(name, (STORY / name).read_bytes(), "application/json")


def test_it_shows_the_form_and_is_linked_from_the_comparisons_list(importer_client):
    page = importer_client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="copy_files"' in page and "multiple" in page
    listing = importer_client.get(reverse("admin:articles_comparison_changelist")).content.decode()
    assert URL in listing and "Import a story" in listing


def test_it_queues_one_item_per_copy_and_imports_them_against_one_source(importer_client):
    copies = ["copy-harbour-daily.json", "copy-coastal-times.json", "copy-evening-courier.json"]
    response = importer_client.post(
        URL,
        {"source_file": story_file("source.json"), "copy_files": [story_file(n) for n in copies]},
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:job", args=[job.pk])
    assert job.total == 3 and Comparison.objects.count() == 0
    work_off_jobs()
    assert list(job.items.order_by("position").values_list("label", "outcome")) == [
        (name, "imported") for name in copies
    ]
    source = Article.objects.get(role="source")
    assert source.origin == "source.json"
    outlets = Comparison.objects.filter(source=source).values_list(
        "retranslation__outlet", flat=True
    )
    assert sorted(outlets) == ["Coastal Times", "Evening Courier", "Harbour Daily"]


def test_it_names_a_copy_that_cannot_be_read_and_queues_nothing(importer_client):
    response = importer_client.post(
        URL,
        {
            "source_file": story_file("source.json"),
            "copy_files": [story_file("copy-harbour-daily.json"), upload("blank.txt", "  \n")],
        },
    )
    assert response.status_code == 200
    assert "retranslation (blank.txt): is empty" in response.content.decode()
    assert not Job.objects.exists()
    assert row_counts() == EMPTY_COUNTS


def test_it_asks_for_at_least_one_copy(importer_client):
    response = importer_client.post(URL, {"source_file": story_file("source.json")})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Job.objects.exists()


def test_it_refuses_staff_without_the_import_permission(staff_editor_client):
    assert staff_editor_client.get(URL).status_code == 403
    response = staff_editor_client.post(URL, {"source_file": story_file("source.json")})
    assert response.status_code == 403
    assert not Job.objects.exists()
