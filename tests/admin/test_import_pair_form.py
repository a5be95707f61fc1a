"""The "Import a pair" form: every accepted input goes on to a preview, and every bad
input is refused next to its field, naming the input and the reason, writing nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.admin_import import SESSION_KEY
from tests.admin.conftest import (
    EMPTY_COUNTS,
    RETRANSLATION_TEXT,
    SOURCE_TEXT,
    article_json,
    html_page,
    row_counts,
    upload,
)
from tests.csrf import csrf_client, form_post

URL = reverse("admin:articles_comparison_import")
SOURCE_JSON = article_json(
    "Rockets hit US base in Syria",
    "US forces came under rocket fire in Syria on Monday.\n"
    "Colonel Wayne Marotto said no one was hurt.",
)
TARGET_JSON = article_json(
    "Rockets hit American base",
    "American troops were hit by rockets in Syria on Monday.\n"
    "Colonel Wayne Malotto said nobody was injured.",
)


def post(client, **data):
    return client.post(URL, data)


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def test_it_shows_the_form_to_staff_with_the_import_permission(importer_client):
    response = importer_client.get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"source_file" in response.content
    assert b"retranslation_text" in response.content


def test_it_refuses_staff_without_the_import_permission(staff_editor_client):
    assert staff_editor_client.get(URL).status_code == 403
    response = staff_editor_client.post(
        URL, {"source_text": SOURCE_TEXT, "retranslation_text": RETRANSLATION_TEXT}
    )
    assert response.status_code == 403
    assert row_counts() == EMPTY_COUNTS


def test_it_sends_people_who_are_not_staff_to_the_sign_in_page(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("source", "retranslation"),
    [
        (
            upload("source.txt", SOURCE_TEXT),
            upload("retranslation.txt", RETRANSLATION_TEXT),
        ),
        (
            upload("source.html", html_page("Rockets hit US base", ["One.", "Two."]), "text/html"),
            upload("target.html", html_page("Rockets hit base", ["Uno.", "Dos."]), "text/html"),
        ),
        (
            upload("source.json", SOURCE_JSON, "application/json"),
            upload("target.json", TARGET_JSON, "application/json"),
        ),
    ],
    ids=["txt", "html", "json"],
)
def test_it_reads_uploaded_files_and_goes_to_the_preview(importer_client, source, retranslation):
    response = importer_client.post(
        URL, {"source_file": source, "retranslation_file": retranslation}
    )
    assert response.status_code == 302
    assert "/import/preview/" in response["Location"]
    assert row_counts() == EMPTY_COUNTS  # nothing saved before the confirmation
    stored = importer_client.session[SESSION_KEY]
    assert len(stored) == 1


def test_it_reads_pasted_texts_and_goes_to_the_preview(importer_client):
    response = post(importer_client, source_text=SOURCE_TEXT, retranslation_text=RETRANSLATION_TEXT)
    assert response.status_code == 302
    assert "/import/preview/" in response["Location"]
    assert row_counts() == EMPTY_COUNTS


def test_it_mixes_a_file_on_one_side_and_pasted_text_on_the_other(importer_client):
    response = importer_client.post(
        URL,
        {
            "source_file": upload("source.txt", SOURCE_TEXT),
            "retranslation_text": RETRANSLATION_TEXT,
        },
    )
    assert response.status_code == 302


BAD_FILES = [
    ("empty file", "source.txt", b"", "source (source.txt): is empty"),
    (
        "binary file",
        "source.txt",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "source (source.txt): is a binary file (a PNG image), not an article",
    ),
    (
        "NUL bytes",
        "source.txt",
        b"Title\n\x00\x01\x02 body",
        "source (source.txt): is a binary file (it contains NUL bytes and does not read as UTF-16",
    ),
    (
        "undecodable text",
        "source.txt",
        b"\xff\xfeA\x00B",
        "source (source.txt): cannot be decoded as UTF-16",
    ),
    (
        "unsupported type",
        "source.docx",
        b"Some text",
        "source (source.docx): unsupported type '.docx' (expected .txt, .html or .json)",
    ),
    (
        "JSON without title",
        "source.json",
        b'{"body": "Text."}',
        "source (source.json): has no 'title' field",
    ),
    (
        "JSON without body",
        "source.json",
        b'{"title": "Text."}',
        "source (source.json): has no 'body' field",
    ),
    ("invalid JSON", "source.json", b'{"title": ', "source (source.json): is not valid JSON"),
    (
        "HTML without text",
        "source.html",
        b"<html><body><script>x</script></body></html>",
        "source (source.html): has no article text",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_it_refuses_a_bad_file_next_to_its_field(importer_client, name, data, message):
    response = importer_client.post(
        URL,
        {"source_file": upload(name, data), "retranslation_text": RETRANSLATION_TEXT},
    )
    assert response.status_code == 200
    errors = field_errors(response, "source_file")
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert b"errorlist" in response.content
    assert row_counts() == EMPTY_COUNTS
    assert SESSION_KEY not in importer_client.session


def test_it_refuses_a_file_over_the_size_limit(importer_client, settings):
    settings.NEWSDRIFT_MAX_ARTICLE_BYTES = 1000
    response = importer_client.post(
        URL,
        {
            "source_file": upload("source.txt", "Headline here\n" + "word " * 400),
            "retranslation_text": "Short text.",
        },
    )
    assert field_errors(response, "source_file") == [
        "source (source.txt): is larger than the limit of 1,000 bytes"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_pasted_text_over_the_size_limit(importer_client, settings):
    settings.NEWSDRIFT_MAX_ARTICLE_BYTES = 1000
    response = post(importer_client, source_text="x" * 1001, retranslation_text="Short text.")
    assert field_errors(response, "source_text") == [
        "source (pasted text): is larger than the limit of 1,000 bytes"
    ]


def test_it_names_the_pasted_text_when_it_is_blank(importer_client):
    response = post(importer_client, source_text=SOURCE_TEXT, retranslation_text="  \n \n")
    assert field_errors(response, "retranslation_text") == ["retranslation (pasted text): is empty"]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_pasted_json_without_a_body(importer_client):
    response = post(importer_client, source_text='{"title": "A"}', retranslation_text="Text.")
    assert field_errors(response, "source_text") == ["source (pasted text): has no 'body' field"]


def test_it_asks_for_a_file_or_a_text_when_a_side_has_neither(importer_client):
    response = post(importer_client, source_text=SOURCE_TEXT)
    assert field_errors(response, "retranslation_file") == [
        "retranslation: choose a file, paste the text or give its web address"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_both_a_file_and_a_pasted_text_for_one_side(importer_client):
    response = importer_client.post(
        URL,
        {
            "source_file": upload("source.txt", SOURCE_TEXT),
            "source_text": SOURCE_TEXT,
            "retranslation_text": RETRANSLATION_TEXT,
        },
    )
    assert field_errors(response, "source_text") == [
        "source: give one of a file, a pasted text or a web address, not several"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_the_same_text_on_both_sides(importer_client):
    response = importer_client.post(
        URL,
        {
            "source_file": upload("a.txt", SOURCE_TEXT),
            # The same story, spaced differently: still the same text.
            "retranslation_text": SOURCE_TEXT.replace("\n\n", "\n  \n"),
        },
    )
    assert field_errors(response, "retranslation_text") == [
        "source (a.txt) and retranslation (pasted text): "
        "the source and the retranslation are the same text"
    ]
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_a_url_that_is_not_http(importer_client):
    response = post(
        importer_client,
        source_text=SOURCE_TEXT,
        retranslation_text=RETRANSLATION_TEXT,
        source_url="javascript:alert(1)",
    )
    assert field_errors(response, "source_url")
    assert row_counts() == EMPTY_COUNTS


def test_it_escapes_article_text_shown_back_in_the_form(importer_client):
    response = post(importer_client, source_text="<script>alert(1)</script>")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_it_says_when_pasted_texts_are_too_large_for_a_form(importer, settings):
    # Through the CSRF check, with the token in the form as a browser sends it: the
    # middleware reads the body first, and must not turn the message into a bare 400.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    client = csrf_client(importer)
    response = form_post(
        client, URL, {"source_text": "x" * 3000, "retranslation_text": "y"}, follow=True
    )
    assert response.redirect_chain == [(f"{URL}?refused=oversized", 303)]
    assert response.status_code == 200
    assert response.context["page_error"] == (
        "pasted texts: together larger than the limit of 2,000 bytes; upload them as files instead"
    )
    assert "upload them as files instead" in response.content.decode()
    assert row_counts() == EMPTY_COUNTS


def test_it_keeps_the_bare_400_for_oversized_posts_to_other_pages(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    client = csrf_client(editor)
    client.raise_request_exception = False
    response = form_post(client, reverse("logout"), {"padding": "x" * 3000})
    assert response.status_code == 400
    assert "_auth_user_id" in client.session  # not signed out
