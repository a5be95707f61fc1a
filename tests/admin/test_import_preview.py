"""The preview of "Import a pair": how each side was read, before anything is saved."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from articles.admin_import import SESSION_KEY
from articles.analysis.segment import segment_article
from articles.article_reader import read_article_file
from tests.admin.conftest import EMPTY_COUNTS, RETRANSLATION_TEXT, SOURCE_TEXT, row_counts, upload
from tests.conftest import SEED_RETRANSLATION

IMPORT_URL = reverse("admin:articles_comparison_import")


def preview_of_seed_pair(client, **extra):
    response = client.post(
        IMPORT_URL,
        {
            "source_file": upload("000_source.txt", SOURCE_TEXT),
            "retranslation_file": upload("001_retranslation.txt", RETRANSLATION_TEXT),
            **extra,
        },
    )
    assert response.status_code == 302
    return client.get(response["Location"])


def test_it_shows_the_title_sentence_count_and_metadata_lines_of_each_side(importer_client):
    response = preview_of_seed_pair(importer_client)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mutual bombing between US forces and Iranian militias in Syria" in page
    assert "000_source.txt" in page and "001_retranslation.txt" in page
    # The scraped retranslation: no headline, and its ad markers, caption and byline
    # are recognised and kept out of the comparison.
    retranslation = read_article_file(SEED_RETRANSLATION)
    segments = segment_article(retranslation.title, retranslation.body)
    body_count = sum(s.kind == "body" for s in segments)
    assert body_count > 5
    sides = {s.side: s for s in response.context["sides"]}
    assert sides["retranslation"].body_sentences == body_count
    assert sides["retranslation"].has_title is False
    kinds = dict(sides["retranslation"].metadata_counts)
    assert kinds["boilerplate"] >= 2 and kinds["caption"] >= 1 and kinds["byline"] == 1
    assert "[ad_1]" in page
    assert "Authors: Phil Stewart and Idrees Ali" in page
    assert f'<td class="preview-sentences">{body_count}</td>' in page
    # The body's first three sentences as they will be compared, in order.
    body = [s.text for s in segments if s.kind == "body"]
    assert sides["retranslation"].first_sentences == body[:3]
    first = page.split('<ol class="preview-first">')[2].split("</ol>")[0]
    assert first == "".join(f"<li>{escape(text)}</li>" for text in body[:3])
    assert "(none: the story has no headline)" in page
    assert row_counts() == EMPTY_COUNTS


def test_it_shows_the_metadata_typed_into_the_form(importer_client):
    response = preview_of_seed_pair(
        importer_client,
        source_outlet="Regional news site",
        retranslation_title="US troops hit by rockets",
        retranslation_url="https://example.com/story",
    )
    page = response.content.decode()
    assert "Regional news site" in page
    assert "US troops hit by rockets" in page
    assert "https://example.com/story" in page


def test_it_keeps_only_a_token_in_the_page_not_the_text(importer_client):
    response = preview_of_seed_pair(importer_client)
    token = response.context["token"]
    assert token in importer_client.session[SESSION_KEY]
    page = response.content.decode()
    assert f'name="token" value="{token}"' in page
    # The texts stay on the server: the confirm form carries the CSRF token and the
    # preview token, nothing else.
    confirm_form = page.split('id="import-confirm-form"')[1].split("</form>")[0]
    assert confirm_form.count("<input") == 3  # two hidden fields and the button
    assert "Deir ez-Zor" not in page


def test_it_escapes_article_text_in_the_preview(importer_client):
    response = importer_client.post(
        IMPORT_URL,
        {
            "source_text": "<b>Bold</b> headline here\n\n<script>alert(1)</script> said the man.",
            "retranslation_text": "A headline\n\nAnother story <img src=x onerror=alert(1)> today.",
        },
    )
    page = importer_client.get(response["Location"]).content.decode()
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; headline here" in page


def test_it_offers_going_back_with_the_pasted_text_filled_in(importer_client):
    response = importer_client.post(
        IMPORT_URL,
        {
            "source_text": SOURCE_TEXT,
            "retranslation_text": RETRANSLATION_TEXT,
            "source_outlet": "Regional news site",
        },
    )
    preview = importer_client.get(response["Location"])
    back = preview.context["back_url"]
    assert back.startswith(IMPORT_URL + "?draft=")
    form = importer_client.get(back).context["form"]
    assert form.initial["source_outlet"] == "Regional news site"
    assert form.initial["retranslation_text"] == RETRANSLATION_TEXT


def test_it_says_an_unknown_preview_has_expired(importer_client):
    url = reverse("admin:articles_comparison_import_preview", args=["not-a-token"])
    response = importer_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == IMPORT_URL
    assert "expired" in response.content.decode()


def test_it_refuses_the_preview_to_staff_without_the_import_permission(staff_editor_client):
    url = reverse("admin:articles_comparison_import_preview", args=["any"])
    assert staff_editor_client.get(url).status_code == 403
