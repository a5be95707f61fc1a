"""The article reader on real files: formats, encodings and every refusal."""

from __future__ import annotations

import json

import pytest

from articles.article_reader import (
    ArticleImportError,
    ArticleLimits,
    parse_article,
    read_article_file,
    text_fingerprint,
)
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE

STORY = "Mutual bombing in Syria\n\nUS forces came under missile fire.\nNo one was hurt.\n"


def _refusal(tmp_path, name: str, content: bytes, **kwargs) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleImportError) as caught:
        read_article_file(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    assert name in message
    return message


def test_it_takes_the_first_line_of_a_text_file_as_its_title():
    article = read_article_file(SEED_SOURCE)
    assert article.title == "Mutual bombing between US forces and Iranian militias in Syria"
    assert article.body.startswith("WASHINGTON/Damascus")
    assert article.format == "text"


def test_it_leaves_the_title_empty_when_a_text_starts_with_its_lead():
    article = read_article_file(SEED_RETRANSLATION)
    assert article.title == ""
    assert article.body.startswith("[ad_1]")


def test_it_reads_html_without_scripts_navigation_or_markup(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html lang='en'><head><title>Site | Story</title>"
        "<meta property='og:title' content='Rockets hit US base'>"
        "<meta name='author' content='Phil Stewart'>"
        "<link rel='canonical' href='https://news.example.org/rockets'>"
        "<script>var tracking = 1;</script><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a> World</nav>"
        "<article><h1>Rockets hit US base</h1><p>US forces came under <b>rocket</b> fire.</p>"
        "<p>No one was hurt.</p><aside>Related: other news</aside></article>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article_file(page)
    assert article.title == "Rockets hit US base"
    assert article.body == "US forces came under rocket fire.\nNo one was hurt."
    assert article.byline == "Phil Stewart"
    assert article.url == "https://news.example.org/rockets"
    assert "tracking" not in article.body and "Home" not in article.body


def test_it_reads_json_with_its_metadata(tmp_path):
    path = tmp_path / "story.json"
    path.write_text(
        json.dumps(
            {
                "title": "Rockets hit US base",
                "body": "US forces came under fire.\nNo one was hurt.",
                "outlet": "Wire",
                "byline": "Phil Stewart",
                "url": "https://example.org/a",
                "published_at": "2021-06-28T10:00:00Z",
            }
        )
    )
    article = read_article_file(path)
    assert (article.title, article.outlet, article.byline) == (
        "Rockets hit US base",
        "Wire",
        "Phil Stewart",
    )
    assert article.published_at.isoformat() == "2021-06-28T10:00:00+00:00"


def test_it_decodes_utf16_with_a_bom(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.replace("Syria", "Syrië").encode("utf-16"))
    assert read_article_file(path).title == "Mutual bombing in Syrië"


def test_it_decodes_latin1_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Café talks in Zürich\n\nThe minister said “no”.\n".encode("cp1252"))
    article = read_article_file(path)
    assert article.title == "Café talks in Zürich"
    assert "“no”" in article.body


def test_it_gives_the_same_fingerprint_to_the_same_text_however_it_is_spaced():
    assert text_fingerprint("A  title", "One.\n\nTwo.") == text_fingerprint("A title", "One. Two.")
    assert text_fingerprint("A title", "One.") != text_fingerprint("A title", "Two.")


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(ArticleImportError, match="no such file"):
        read_article_file(tmp_path / "gone.txt")


def test_it_refuses_an_empty_file(tmp_path):
    assert "is empty" in _refusal(tmp_path, "empty.txt", b"  \n\n")


def test_it_refuses_a_binary_file(tmp_path):
    assert "binary file" in _refusal(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "NUL bytes" in _refusal(tmp_path, "blob.txt", b"abc\x00\x01\x02" * 50)


def test_it_refuses_text_that_cannot_be_decoded(tmp_path):
    message = _refusal(tmp_path, "broken.txt", b"\xff\xfe" + b"\x00\xd8" + b"A\x00")
    assert "cannot be decoded as UTF-16" in message


def test_it_refuses_an_unsupported_type(tmp_path):
    assert "unsupported type '.pdf'" in _refusal(tmp_path, "story.pdf", b"hello")


def test_it_refuses_a_file_over_the_size_limit_without_reading_it_all(tmp_path):
    message = _refusal(tmp_path, "big.txt", b"word " * 3000, limits=ArticleLimits(bytes=10_000))
    assert "larger than the limit of 10,000 bytes" in message


def test_it_refuses_json_without_a_body_or_with_bad_fields(tmp_path):
    assert "has no 'body' field" in _refusal(tmp_path, "a.json", b'{"title": "T"}')
    assert "has no 'title' field" in _refusal(tmp_path, "b.json", b'{"body": "B"}')
    assert "not valid JSON" in _refusal(tmp_path, "c.json", b'{"title": ')
    assert "must be a string" in _refusal(tmp_path, "d.json", b'{"title": 1, "body": "B"}')
    assert "ISO 8601" in _refusal(
        tmp_path, "e.json", b'{"title": "T", "body": "B", "published_at": "yesterday"}'
    )


def test_it_removes_control_characters_and_lone_surrogates():
    article = parse_article(
        json.dumps({"title": "T\u0007", "body": "Fine\ud800 text\x00."}).encode(), "x.json"
    )
    assert article.title == "T"
    assert article.body == "Fine\ufffd text."


def test_it_sniffs_the_format_of_a_file_without_a_suffix():
    assert parse_article(b'{"title": "T", "body": "B"}', "upload").format == "json"
    assert parse_article(b"<html><body><p>Hi there.</p></body></html>", "upload").format == "html"
    assert parse_article(b"Just text.", "upload").format == "text"
