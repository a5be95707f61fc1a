"""Which encodings the reader reads, and what it says when it refuses one
(articles/article_reader.py, `decode_text`; documented in README.md)."""

from __future__ import annotations

import pytest

from articles.article_reader import ArticleImportError, parse_article

STORY = "Minister resigns\n\nThe minister resigned on Monday, aides said.\n"
CYRILLIC = "Министр подал в отставку\n\nМинистр ушёл в понедельник, сказали помощники.\n"
ACCENTED = "Café talks in Zürich\n\nThe minister said “no” — and left.\n"


def refusal(data: bytes, name: str = "story.txt") -> str:
    with pytest.raises(ArticleImportError) as caught:
        parse_article(data, name)
    return str(caught.value)


@pytest.mark.parametrize("text", [STORY, CYRILLIC, ACCENTED], ids=["latin", "cyrillic", "quotes"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_it_reads_utf16_without_a_byte_order_mark(text, encoding):
    article = parse_article(text.encode(encoding), "story.txt")

    assert article.title == text.split("\n")[0]
    assert article.body == text.split("\n", 2)[2].strip()


def test_it_refuses_ascii_text_with_a_stray_nul_naming_the_encoding_it_tried():
    message = refusal(b"Head\x00line\n\nStory.\n")

    assert message == (
        "story.txt: is a binary file (it contains NUL bytes and does not read as UTF-16 "
        "without a byte-order mark), not text"
    )


def test_it_refuses_utf16_of_a_script_spread_over_many_blocks_without_its_mark():
    # Chinese in UTF-16 has zero bytes only where it has ASCII: too few to be sure.
    text = "部长辞职。\n\n部长周一辞职，助手说。中国外交部发言人表示将继续关注。\n"
    assert "does not read as UTF-16 without a byte-order mark" in refusal(text.encode("utf-16-le"))
    # With its byte-order mark it is read.
    assert parse_article(text.encode("utf-16"), "story.txt").body.startswith("部长周一辞职")


def test_it_refuses_utf16_without_a_mark_that_breaks_off_in_a_surrogate_pair():
    data = STORY.encode("utf-16-le") + "\U0001f600".encode("utf-16-le")[:2] + b"A\x00"

    at = len(STORY.encode("utf-16-le"))
    assert refusal(data) == (
        f"story.txt: cannot be decoded as UTF-16-LE (no byte-order mark; byte {at})"
    )


def test_it_refuses_malformed_utf8_instead_of_reading_it_as_windows_1252():
    data = ACCENTED.encode("utf-8").replace("ü".encode(), b"\xfc")  # one byte damaged

    message = refusal(data)

    at = data.index(b"\xfc")
    assert message == (
        f"story.txt: is not valid UTF-8 (byte 0xfc at offset {at} is not part of a UTF-8 "
        "character), though it holds UTF-8 characters, so it was not read as Windows-1252 "
        "either: save it as UTF-8"
    )


def test_it_still_reads_legacy_windows_1252_text():
    article = parse_article(ACCENTED.encode("cp1252"), "story.txt")

    assert article.title == "Café talks in Zürich"
    assert "“no” — and left." in article.body


def test_it_reads_latin1_bytes_windows_1252_leaves_undefined():
    article = parse_article(b"Titel hier\n\nDer Text.\n" + b"\x81 ok.", "story.txt")

    assert article.body.endswith("\x81 ok.".replace("\x81", "")) or "ok." in article.body
