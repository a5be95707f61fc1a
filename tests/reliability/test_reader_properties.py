"""The article reader under property-based testing: any input, one documented error.

Whatever bytes or text arrive (scraped pages are hostile), the reader either returns
an article fit to store or raises ArticleImportError with a one-line message naming
the input; it never raises anything else and never returns text a database refuses.
"""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from articles.article_reader import (
    MAX_TITLE_CHARS,
    ArticleImportError,
    ArticleText,
    parse_article,
    read_article_file,
)
from tests.properties import property_settings
from tests.reliability.figures import record

NAMES = st.sampled_from(["story.txt", "story.html", "story.json", "story", "story.md"])
# Text that stresses the reader: controls, NUL, surrogates, newlines of every kind,
# bidi overrides, markup and JSON punctuation, mixed with ordinary prose.
NASTY = st.sampled_from(
    list("\x00\x01\x1b\x7f\x85\x9f\r\n\u2028\u2029\u202e\u2066\ufeff\ufffd<>&\"'{}[]:,\\")
    + ["\r\n", "<script>", "</p>", "<p>", "&amp;", "&#0;", "\ud800", "\udfff", '{"title":']
)
TEXTS = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=40).map("".join)
PROPERTY_SETTINGS = property_settings(500)
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\r]")

examples = {"count": 0}


def assert_storable(article: ArticleText) -> None:
    """What the reader returns can be stored as is, on SQLite and PostgreSQL alike."""
    for field in ("title", "body", "outlet", "byline", "url", "language"):
        value = getattr(article, field)
        assert isinstance(value, str)
        assert not _FORBIDDEN.search(value), (field, value)
        value.encode("utf-8")  # no lone surrogates: PostgreSQL would refuse them
    assert article.body.strip()
    assert len(article.title) <= MAX_TITLE_CHARS
    assert "\n" not in article.title


def read_or_refuse(call, name: str) -> None:
    examples["count"] += 1
    try:
        article = call()
    except ArticleImportError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(name), message
    else:
        assert_storable(article)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2000), name=NAMES)
def test_it_reads_or_refuses_arbitrary_bytes(data, name):
    read_or_refuse(lambda: parse_article(data, name), name)


@PROPERTY_SETTINGS
@given(text=TEXTS, name=NAMES, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_it_reads_or_refuses_arbitrary_text(text, name, encoding):
    data = text.encode(encoding, "surrogatepass")
    read_or_refuse(lambda: parse_article(data, name), name)


@PROPERTY_SETTINGS
@given(
    fields=st.dictionaries(
        st.sampled_from(["title", "body", "outlet", "byline", "url", "published_at", "language"]),
        st.one_of(TEXTS, st.none(), st.integers(), st.lists(st.text(max_size=5), max_size=2)),
    )
)
def test_it_reads_or_refuses_arbitrary_json_articles(fields):
    data = json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")
    read_or_refuse(lambda: parse_article(data, "story.json"), "story.json")


@PROPERTY_SETTINGS
@given(
    title=TEXTS,
    paragraphs=st.lists(TEXTS, max_size=6),
    attributes=st.lists(TEXTS, max_size=3),
)
def test_it_reads_or_refuses_arbitrary_html_pages(title, paragraphs, attributes):
    metas = "".join(f'<meta property="og:title" content="{a}">' for a in attributes)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"<html><head>{metas}<title>{title}</title></head><body><article>{body}</article>"
    data = page.encode("utf-8", "surrogatepass")
    read_or_refuse(lambda: parse_article(data, "story.html"), "story.html")


@property_settings(60)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".json", ""]))
def test_it_reads_or_refuses_arbitrary_files(tmp_path, data, suffix):
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(data)
    read_or_refuse(lambda: read_article_file(path), str(path))  # named as given


def test_it_records_how_many_examples_it_tried():
    # Runs after the properties above (pytest keeps file order).
    assert examples["count"] > 2000
    record("hypothesis examples: article reader", examples["count"])
