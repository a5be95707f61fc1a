"""Confirming "Import a pair": the pair is imported, analysed, and its review opens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from articles.admin_import import SESSION_KEY
from articles.models import Article, Comparison, ImportPreview
from tests.admin.conftest import (
    EMPTY_COUNTS,
    RETRANSLATION_TEXT,
    SOURCE_TEXT,
    article_json,
    html_page,
    row_counts,
    upload,
)

IMPORT_URL = reverse("admin:articles_comparison_import")
CONFIRM_URL = reverse("admin:articles_comparison_import_confirm")


def previewed(client, **data) -> str:
    """Post the form and return the preview's token."""
    response = client.post(
        IMPORT_URL,
        {"source_text": SOURCE_TEXT, "retranslation_text": RETRANSLATION_TEXT, **data},
    )
    assert response.status_code == 302, response.context["form"].errors
    return client.get(response["Location"]).context["token"]


def test_it_imports_the_pair_and_opens_its_analysed_review_page(importer_client, importer):
    token = previewed(importer_client)
    response = importer_client.post(CONFIRM_URL, {"token": token})
    comparison = Comparison.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:comparison", args=[comparison.pk])
    assert comparison.units.exists()
    assert comparison.analysed_at is not None
    assert comparison.source.imported_by == importer
    assert comparison.source.title.startswith("Mutual bombing between US forces")
    page = importer_client.get(response["Location"])
    assert f"Imported and analysed comparison {comparison.pk}" in page.content.decode()
    assert token not in importer_client.session[SESSION_KEY]


def test_it_imports_uploaded_json_files_with_their_metadata(importer_client):
    source = article_json(
        "Rockets hit US base in Syria",
        "US forces came under rocket fire in Syria on Monday.\n"
        "Colonel Wayne Marotto said no one was hurt.",
        outlet="Wire",
        published_at="2021-06-28T10:00:00Z",
    )
    target = article_json(
        "Rockets hit American base",
        "American troops were hit by rockets in Syria on Monday.\n"
        "Colonel Wayne Malotto said nobody was injured.",
    )
    response = importer_client.post(
        IMPORT_URL,
        {
            "source_file": upload("s.json", source),
            "retranslation_file": upload("t.json", target),
            "retranslation_outlet": "Republisher",
            "retranslation_byline": "Staff writer",
            "retranslation_url": "https://example.com/story",
            "retranslation_published_at": "2021-06-29 08:15",
        },
    )
    token = importer_client.get(response["Location"]).context["token"]
    importer_client.post(CONFIRM_URL, {"token": token})
    comparison = Comparison.objects.get()
    assert comparison.source.outlet == "Wire"
    assert comparison.source.origin == "s.json"
    assert comparison.source.published_at == dt.datetime(2021, 6, 28, 10, tzinfo=dt.UTC)
    target_article = comparison.retranslation
    assert target_article.outlet == "Republisher"
    assert target_article.byline == "Staff writer"
    assert target_article.url == "https://example.com/story"
    assert target_article.published_at == dt.datetime(2021, 6, 29, 8, 15, tzinfo=dt.UTC)


def test_it_says_so_when_the_pair_was_imported_before_and_opens_it(importer_client):
    importer_client.post(CONFIRM_URL, {"token": previewed(importer_client)})
    before = row_counts()
    response = importer_client.post(CONFIRM_URL, {"token": previewed(importer_client)}, follow=True)
    comparison = Comparison.objects.get()
    assert response.redirect_chain[-1][0] == reverse("articles:comparison", args=[comparison.pk])
    assert f"imported before, as comparison {comparison.pk}; nothing changed" in (
        response.content.decode()
    )
    assert row_counts() == before


def test_it_checks_the_pair_again_before_importing(importer_client):
    token = previewed(importer_client)
    preview = ImportPreview.objects.get(token=token)
    preview.articles[1] = dict(preview.articles[0])  # same text twice
    preview.save()
    response = importer_client.post(CONFIRM_URL, {"token": token}, follow=True)
    assert "the source and the retranslation are the same text" in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(IMPORT_URL + "?draft=")
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_a_stored_article_that_lost_its_text(importer_client):
    token = previewed(importer_client)
    preview = ImportPreview.objects.get(token=token)
    preview.articles[0]["body"] = "   "
    preview.save()
    response = importer_client.post(CONFIRM_URL, {"token": token}, follow=True)
    assert "has no article text" in response.content.decode()
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_a_token_it_did_not_hand_out(importer_client):
    response = importer_client.post(CONFIRM_URL, {"token": "forged"}, follow=True)
    assert response.redirect_chain[-1][0] == IMPORT_URL
    assert "expired" in response.content.decode()
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_a_token_from_another_session(client, importer, importer_client):
    token = previewed(importer_client)
    other = client.__class__()
    other.force_login(importer)  # a new session of the same user
    other.post(CONFIRM_URL, {"token": token})
    assert Article.objects.count() == 0


def test_it_accepts_only_posts(importer_client):
    assert importer_client.get(CONFIRM_URL).status_code == 405


def test_it_refuses_staff_without_the_import_permission(staff_editor_client):
    response = staff_editor_client.post(CONFIRM_URL, {"token": "x"})
    assert response.status_code == 403


def _files(fmt: str) -> dict:
    if fmt == "txt":
        return {
            "source_file": upload("source.txt", SOURCE_TEXT),
            "retranslation_file": upload("retranslation.txt", RETRANSLATION_TEXT),
        }
    if fmt == "html":
        return {
            "source_file": upload(
                "source.html",
                html_page(
                    "Rockets hit US base in Syria",
                    ["US forces came under rocket fire on Monday.", "No one was hurt."],
                ),
            ),
            "retranslation_file": upload(
                "retranslation.html",
                html_page(
                    "Rockets hit American base",
                    ["American troops were hit by rockets on Monday.", "Nobody was hurt."],
                ),
            ),
        }
    if fmt == "json":
        return {
            "source_file": upload(
                "source.json",
                article_json("Council approves budget", "The council voted on Tuesday."),
            ),
            "retranslation_file": upload(
                "retranslation.json",
                article_json("Budget approved", "The council voted on Wednesday."),
            ),
        }
    return {"source_text": SOURCE_TEXT, "retranslation_text": RETRANSLATION_TEXT}


@pytest.mark.parametrize("fmt", ["txt", "html", "json", "pasted"])
def test_it_imports_every_format_from_form_to_analysed_comparison(importer_client, fmt):
    response = importer_client.post(IMPORT_URL, _files(fmt))
    assert response.status_code == 302, response.context["form"].errors
    token = importer_client.get(response["Location"]).context["token"]
    response = importer_client.post(CONFIRM_URL, {"token": token})
    comparison = Comparison.objects.get()
    assert response["Location"] == reverse("articles:comparison", args=[comparison.pk])
    assert comparison.units.exists() and comparison.analysed_at is not None
    assert comparison.source.sentences.filter(kind="body").exists()
    expected_origin = {
        "txt": "source.txt",
        "html": "source.html",
        "json": "source.json",
        "pasted": "pasted text",
    }[fmt]
    assert comparison.source.origin == expected_origin
    if fmt == "html":
        assert comparison.source.title == "Rockets hit US base in Syria"
        assert "alert" not in comparison.source.body  # scripts are not article text
