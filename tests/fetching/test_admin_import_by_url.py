"""The admin's "Import a pair" with web addresses: fetched and read in the request,
previewed with where they came from, imported with their pages; a refusal is the
field's one-line error and nothing is saved."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from articles.models import ArticleFetch, Comparison, ImportPreview
from tests.conftest import SEED_SOURCE

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_comparison_import")


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def test_the_form_offers_a_web_address_for_each_side(importer_client):
    page = importer_client.get(URL).content.decode()
    assert 'name="source_fetch_url"' in page and 'name="retranslation_fetch_url"' in page
    assert 'type="url"' in page


def test_it_fetches_previews_and_imports_a_pair_of_pages(
    fetch_server, allow_local, importer_client
):
    story, retold = fetch_server.url("/hop/2"), fetch_server.url("/retold")
    response = importer_client.post(
        URL,
        {
            "source_fetch_url": story,
            "retranslation_fetch_url": retold,
            "retranslation_outlet": "Republisher",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert not Comparison.objects.exists()
    preview = importer_client.get(response["Location"]).content.decode()
    assert "Read as</th><td>web page" in preview
    assert f'Fetched from</th><td class="preview-fetched">{story} (redirected to ' in preview
    assert "Rockets hit US base in Syria after American air strikes" in preview
    assert "The Daily Wire Service" in preview and "Phil Stewart" in preview
    # Boilerplate trafilatura kept is shown as kept apart by our reader.
    assert re.search(r"<td>boilerplate</td><td>Advertisement</td>", preview)

    token = ImportPreview.objects.get().token
    done = importer_client.post(
        reverse("admin:articles_comparison_import_confirm"), {"token": token}
    )
    comparison = Comparison.objects.get()
    assert done["Location"] == reverse("articles:comparison", args=[comparison.pk])
    assert comparison.retranslation.outlet == "Republisher"  # the override wins
    fetch = comparison.source.fetches.get()
    assert (fetch.url, fetch.final_url, fetch.redirects) == (
        story,
        fetch_server.url("/story"),
        2,
    )
    assert fetch.canonical_url == "https://news.example.org/world/syria-rockets"
    assert "<nav" in fetch.html
    assert comparison.retranslation.fetches.get().url == retold


def test_a_file_and_a_web_address_go_together(fetch_server, allow_local, importer_client):
    with SEED_SOURCE.open("rb") as source:
        response = importer_client.post(
            URL, {"source_file": source, "retranslation_fetch_url": fetch_server.url("/retold")}
        )
    assert response.status_code == 302


def test_a_refused_address_is_the_field_s_error_and_nothing_is_saved(
    fetch_server, settings, importer_client
):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = ""
    story = fetch_server.url("/story")
    response = importer_client.post(
        URL, {"source_fetch_url": story, "retranslation_text": "Some text that is a story."}
    )
    assert response.status_code == 200
    assert field_errors(response, "source_fetch_url") == [
        f"source ({story}): is a loopback address (127.0.0.1), which is not fetched "
        "(see NEWSDRIFT_FETCH_ALLOW_PRIVATE)"
    ]
    assert fetch_server.requests == []
    assert not ImportPreview.objects.exists() and not ArticleFetch.objects.exists()


def test_a_slow_page_is_refused_within_the_fetch_time_limit(
    fetch_server, allow_local, importer_client
):
    allow_local.NEWSDRIFT_FETCH_TIMEOUT_SECONDS = 1
    slow = fetch_server.url("/slow")
    response = importer_client.post(
        URL, {"source_fetch_url": slow, "retranslation_fetch_url": fetch_server.url("/retold")}
    )
    assert field_errors(response, "source_fetch_url") == [
        f"source ({slow}): took longer than the limit of 1 s"
    ]


def test_it_refuses_a_web_address_with_a_file_or_text_for_the_same_side(
    fetch_server, allow_local, importer_client
):
    response = importer_client.post(
        URL,
        {
            "source_text": "Pasted text.",
            "source_fetch_url": fetch_server.url("/story"),
            "retranslation_fetch_url": fetch_server.url("/retold"),
        },
    )
    assert field_errors(response, "source_fetch_url") == [
        "source: give one of a file, a pasted text or a web address, not several"
    ]


def test_it_refuses_an_address_that_is_not_http(importer_client):
    response = importer_client.post(
        URL, {"source_fetch_url": "ftp://example.org/a", "retranslation_text": "Text."}
    )
    assert field_errors(response, "source_fetch_url") == ["Enter a valid URL."]


def test_markup_in_a_fetched_page_s_text_is_shown_as_text(
    fetch_server, allow_local, importer_client, client, editor
):
    response = importer_client.post(
        URL,
        {
            "source_fetch_url": fetch_server.url("/hostile"),
            "retranslation_fetch_url": fetch_server.url("/retold"),
        },
    )
    preview = importer_client.get(response["Location"]).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt; Rockets hit US base" in preview
    assert "<img src=x" not in preview and "<script>alert(2)" not in preview
    token = ImportPreview.objects.get().token
    importer_client.post(reverse("admin:articles_comparison_import_confirm"), {"token": token})
    comparison = Comparison.objects.get()
    assert comparison.source.title == "<img src=x onerror=alert(1)> Rockets hit US base"
    client.force_login(editor)
    overview = client.get(reverse("articles:comparison", args=[comparison.pk])).content.decode()
    assert "<img src=x" not in overview and "<script>alert(2)" not in overview
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in overview
