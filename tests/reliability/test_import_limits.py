"""Pathological article files: each handled within the documented limits.

Every case goes the whole way a command-line import goes (read the file, segment,
align, analyse, store) against the seed retranslation, and records how long it took
for docs/RELIABILITY.md. What the limits refuse is refused with a one-line message
naming the file, and leaves no row behind.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from django.core.management import CommandError, call_command

from articles.article_reader import DEFAULT_MAX_BYTES, MAX_SENTENCES
from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from tests.conftest import SEED_RETRANSLATION
from tests.reliability.figures import record

LEAD = "The minister said the talks would resume on Monday, according to two officials. "


class _Output:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str, *args, **kwargs) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Article, Sentence, Comparison, AlignmentUnit, Flag))


def timed_import(path: Path, figure: str) -> tuple[str | None, float]:
    """Import `path` against the seed retranslation: (refusal message or None, seconds)."""
    before = counts()
    started = time.perf_counter()
    try:
        call_command("import_pair", str(path), str(SEED_RETRANSLATION), stdout=_Output())
        refusal = None
    except CommandError as error:
        refusal = str(error)
        assert counts() == before, "a refused import left rows behind"
    seconds = round(time.perf_counter() - started, 2)
    outcome = "refused" if refusal else "imported"
    record(f"limit: {figure}", f"{outcome} in {seconds} s")
    return refusal, seconds


def stored_source(path: Path) -> Article:
    return Article.objects.get(origin=path.name)


def test_it_drops_nul_characters_it_can_read_past(db, tmp_path):
    path = tmp_path / "nul.txt"
    # A NUL near the start marks a binary file; further in, it is dropped.
    path.write_bytes(("Headline\n\n" + LEAD * 120).encode() + b"Stray\x00 NUL\x00 bytes.\n")
    json_path = tmp_path / "nul.json"
    json_path.write_text(json.dumps({"title": "Nul\u0000 title", "body": "A\u0000 body."}))

    refusal, _ = timed_import(path, "NUL characters in a text file")
    json_refusal, _ = timed_import(json_path, "NUL characters in JSON strings")

    assert (refusal, json_refusal) == (None, None)
    for article in (stored_source(path), stored_source(json_path)):
        assert "\x00" not in article.title + article.body
        assert all("\x00" not in s.text for s in article.sentences.all())
    assert stored_source(json_path).title == "Nul title"


def test_it_refuses_a_nul_at_the_start_as_a_binary_file(db, tmp_path):
    path = tmp_path / "early-nul.txt"
    path.write_bytes(b"Head\x00line\n\nStory.\n")

    refusal, _ = timed_import(path, "NUL in the first bytes")

    assert refusal == (
        f"source ({path}): is a binary file (it contains NUL bytes and does not read as "
        "UTF-16 without a byte-order mark), not text"
    )


def test_it_replaces_lone_surrogates(db, tmp_path):
    path = tmp_path / "surrogates.json"
    # JSON escapes are the one way a lone surrogate gets into text read from a file.
    path.write_text('{"title": "Half \\ud800 pair", "body": "Low \\udfff and high \\ud83d alone."}')

    refusal, _ = timed_import(path, "lone surrogates")

    assert refusal is None
    article = stored_source(path)
    assert article.title == "Half \ufffd pair"
    assert article.body == "Low \ufffd and high \ufffd alone."


def test_it_reads_mixed_newlines_as_one_kind(db, tmp_path):
    path = tmp_path / "newlines.txt"
    text = (
        "Headline\r\n\r\nFirst paragraph.\rSecond paragraph.\nThird one.\r\nFourth."
        "\x85Fifth.\u2028Sixth.\u2029Seventh."
    )
    path.write_bytes(text.encode("utf-8"))

    refusal, _ = timed_import(path, "mixed newlines")

    assert refusal is None
    article = stored_source(path)
    assert "\r" not in article.body
    body = [s for s in article.sentences.order_by("position") if s.kind == "body"]
    assert not any(c in article.body for c in "\x85\u2028\u2029")
    texts = ["First paragraph.", "Second paragraph.", "Third one.", "Fourth."]
    texts += ["Fifth.", "Sixth.", "Seventh."]
    first = body[-7].paragraph
    assert [(s.paragraph, s.text) for s in body][-7:] == [
        (first + offset, text) for offset, text in enumerate(texts)
    ]


def test_it_refuses_a_file_over_the_size_limit_without_reading_it(db, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (DEFAULT_MAX_BYTES + 1))

    refusal, _ = timed_import(path, "1 MiB + 1 byte")

    assert refusal == f"source ({path}): is larger than the limit of 1 MiB"


def test_it_refuses_a_one_megabyte_article_by_its_sentence_count(db, tmp_path):
    # Under the byte limit, over the sentence limit: the sentence count refuses it.
    path = tmp_path / "one-megabyte.txt"
    text = "Headline\n\n" + "\n".join(LEAD * 5 for _ in range(2_500))
    path.write_text(text[:1_000_000])
    assert path.stat().st_size == 1_000_000 < DEFAULT_MAX_BYTES

    refusal, _ = timed_import(path, "a 1 MB file")

    assert refusal is not None
    assert re.match(rf"source \({re.escape(str(path))}\): has [\d,]+ sentences;", refusal)
    assert refusal.endswith(f"sentences; articles of at most {MAX_SENTENCES:,} can be compared")


def test_it_refuses_fifty_thousand_tiny_sentences(db, tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("Headline\n\n" + " ".join(f"Go on {i}." for i in range(50_000)))

    refusal, _ = timed_import(path, "50,000 tiny sentences")

    assert refusal == (
        f"source ({path}): has 50,001 sentences; "
        f"articles of at most {MAX_SENTENCES:,} can be compared"
    )


def test_it_imports_an_article_at_the_sentence_limit(db, tmp_path):
    path = tmp_path / "at-the-limit.txt"
    path.write_text("Headline\n\n" + " ".join(f"Go on {i}." for i in range(MAX_SENTENCES - 1)))

    refusal, _ = timed_import(path, f"{MAX_SENTENCES:,} tiny sentences (at the limit)")

    assert refusal is None
    assert stored_source(path).sentences.count() == MAX_SENTENCES


def test_it_imports_one_line_of_almost_a_megabyte(db, tmp_path):
    size = 1_000_000
    path = tmp_path / "one-line.txt"
    path.write_text("Headline\n\n" + ("word " * (size // 5)).strip() + "\n")

    refusal, _ = timed_import(path, "one 1 MB line")

    assert refusal is None
    article = stored_source(path)
    assert len(article.body) == size - 1
    assert max(len(s.text) for s in article.sentences.all()) == size - 1
