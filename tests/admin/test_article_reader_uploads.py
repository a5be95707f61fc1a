"""The reader's entry points for the admin: uploads, pasted text, pair checks and
bulk-import objects (additions to articles/article_reader.py)."""

from __future__ import annotations

import io

import pytest

from articles.article_reader import (
    ArticleImportError,
    ArticleLimits,
    ArticleText,
    check_article,
    check_pair,
    pair_from_mapping,
    read_pasted_article,
    read_uploaded_article,
)


class Unreadable(io.BytesIO):
    def read(self, *args):
        raise AssertionError("the file was read although its size was refused")


def test_it_refuses_an_oversized_upload_from_its_declared_size_without_reading_it():
    with pytest.raises(ArticleImportError) as caught:
        read_uploaded_article(
            Unreadable(b""), "big.txt", size=2000, limits=ArticleLimits(bytes=1000)
        )
    assert str(caught.value) == "big.txt: is larger than the limit of 1,000 bytes"


def test_it_refuses_an_upload_larger_than_it_declared():
    data = b"Headline here\n\n" + b"word " * 500
    with pytest.raises(ArticleImportError, match="larger than the limit of 1,000 bytes"):
        read_uploaded_article(
            io.BytesIO(data), "liar.txt", size=10, limits=ArticleLimits(bytes=1000)
        )


def test_it_reads_an_upload_by_its_name():
    data = b'{"title": "A headline", "body": "Some text."}'
    article = read_uploaded_article(io.BytesIO(data), "a.json", size=len(data))
    assert (article.format, article.title, article.body) == ("json", "A headline", "Some text.")


def test_it_refuses_an_empty_upload():
    with pytest.raises(ArticleImportError, match="^e.txt: is empty$"):
        read_uploaded_article(io.BytesIO(b""), "e.txt", size=0)


def test_it_reads_pasted_text_html_and_json_by_their_content():
    text = read_pasted_article("A headline here\n\nThe story.")
    assert (text.format, text.title, text.name) == ("text", "A headline here", "pasted text")
    html = read_pasted_article("<html><body><h1>T</h1><p>Body.</p></body></html>", "p")
    assert (html.format, html.title, html.body) == ("html", "T", "Body.")
    data = read_pasted_article('{"title": "T", "body": "B."}', "p")
    assert data.format == "json"


def test_it_cleans_pasted_text_like_a_file():
    article = read_pasted_article("Title line here\r\n\r\nCafe\u0301 \x07bell.", "p")
    assert article.body == "Caf\u00e9 bell."


def test_it_refuses_pasted_text_over_the_limit_in_utf8_bytes():
    with pytest.raises(ArticleImportError, match="^p: is larger than the limit of 10 bytes$"):
        read_pasted_article("é" * 6, "p", limits=ArticleLimits(bytes=10))


def test_it_checks_a_rebuilt_article_again():
    with pytest.raises(ArticleImportError, match="^x: has no article text$"):
        check_article(ArticleText(name="x", format="text", title="T", body=" \n "))


def test_it_refuses_the_same_text_twice_however_it_is_spaced():
    a = ArticleText(name="a", format="text", title="T", body="One  two.\nThree.")
    b = ArticleText(name="b", format="json", title="T ", body="One two.\n\nThree.")
    with pytest.raises(ArticleImportError) as caught:
        check_pair(a, b)
    assert str(caught.value) == (
        "source (a) and retranslation (b): the source and the retranslation are the same text"
    )


def test_it_reads_a_bulk_object_and_names_the_side_at_fault():
    source, retranslation = pair_from_mapping(
        {
            "source": {"title": "S", "body": "One.", "outlet": "Wire"},
            "retranslation": {"title": "R", "body": "Uno.", "url": "https://e.com/x"},
        },
        "line 4",
    )
    assert (source.name, source.outlet) == ("line 4", "Wire")
    assert retranslation.url == "https://e.com/x"
    with pytest.raises(
        ArticleImportError, match=r"^retranslation \(line 4\): has no 'body' field$"
    ):
        pair_from_mapping(
            {"source": {"title": "S", "body": "x"}, "retranslation": {"title": "R"}}, "line 4"
        )
    with pytest.raises(ArticleImportError, match=r"^source \(line 4\): has no article text$"):
        pair_from_mapping(
            {"source": {"title": "S", "body": " "}, "retranslation": {"title": "R", "body": "x"}},
            "line 4",
        )
