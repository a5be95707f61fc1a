"""articles.bulk_import: reading JSON Lines and zip uploads, and importing pair by pair."""

from __future__ import annotations

import io
import struct

import pytest

from articles.article_reader import ArticleImportError, ArticleLimits
from articles.bulk_import import (
    IMPORTED,
    PRESENT,
    REJECTED,
    Limits,
    import_pairs,
    read_bulk_upload,
)
from articles.models import Comparison
from tests.admin.conftest import (
    EMPTY_COUNTS,
    RETRANSLATION_TEXT,
    SOURCE_TEXT,
    article_json,
    make_zip,
    pair_line,
    row_counts,
)

GOOD_1 = pair_line(
    "Rockets hit US base",
    "US forces came under rocket fire on Monday.\nNo one was hurt, Colonel Marotto said.",
    "Rockets hit American base",
    "American troops were hit by rockets on Monday.\nNobody was hurt, Colonel Malotto said.",
)
GOOD_2 = pair_line(
    "Council approves budget",
    "The council approved the budget on Tuesday.\nThe mayor said it was balanced.",
    "Budget approved",
    "The council passed the budget on Wednesday.\nThe mayor said it was not balanced.",
)


def read(name: str, data: bytes | str, limits: Limits | None = None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return read_bulk_upload(io.BytesIO(data), name, size=len(data), limits=limits)


def test_it_reads_one_pair_per_json_line_and_skips_blank_lines():
    pairs = read("pairs.jsonl", f"{GOOD_1}\n\n{GOOD_2}\n")
    assert [p.label for p in pairs] == ["line 1", "line 3"]
    assert all(not p.error for p in pairs)
    assert pairs[0].source.title == "Rockets hit US base"
    assert pairs[0].source.outlet == "Wire"
    assert pairs[1].retranslation.title == "Budget approved"


def test_it_rejects_bad_lines_alone_and_names_their_line_numbers():
    lines = [
        GOOD_1,
        "{not json",
        '{"source": {"title": "A", "body": "Text."}}',
        '{"source": {"title": "A"}, "retranslation": {"title": "B", "body": "x"}}',
        '["a list"]',
        pair_line("Same", "The same text.", "Same", "The same text."),
        GOOD_2,
    ]
    pairs = read("pairs.jsonl", "\n".join(lines))
    errors = {p.label: p.error for p in pairs}
    assert errors["line 1"] == "" and errors["line 7"] == ""
    assert errors["line 2"].startswith("line 2: is not valid JSON")
    assert errors["line 3"] == "line 3: has no 'retranslation' object"
    assert errors["line 4"] == "source (line 4): has no 'body' field"
    assert errors["line 5"].startswith("line 5: must be a JSON object")
    assert errors["line 6"].endswith("the source and the retranslation are the same text")


def test_it_rejects_a_line_that_is_not_utf8():
    pairs = read("pairs.jsonl", GOOD_1.encode() + b"\n" + b'{"source": "\xff"}\n')
    assert pairs[1].error == "line 2: is not valid UTF-8 (byte 12 of the line)"


def test_it_rejects_an_overlong_line_and_reads_on():
    limits = Limits(article=ArticleLimits(bytes=2000))
    long_line = pair_line("A", "word " * 40_000, "B", "other")
    pairs = read("pairs.jsonl", f"{long_line}\n{GOOD_1}\n", limits)
    assert pairs[0].error.startswith("line 1: is longer than")
    assert pairs[1].label == "line 2" and not pairs[1].error


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pairs.jsonl", b"", "pairs.jsonl: is empty"),
        ("pairs.jsonl", b"\n\n", "pairs.jsonl: holds no article pairs"),
        ("pairs.csv", b"a,b", "pairs.csv: unsupported type '.csv'"),
        ("pairs", b"a,b", "pairs: unsupported type without a file name extension"),
        ("pairs.zip", b"not a zip at all", "pairs.zip: is not a valid zip archive"),
    ],
)
def test_it_refuses_an_unusable_upload(name, data, message):
    with pytest.raises(ArticleImportError) as caught:
        read(name, data)
    assert str(caught.value).startswith(message)


def test_it_refuses_an_upload_over_the_size_limit_before_reading_it():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read although too large")

        readline = read

    with pytest.raises(ArticleImportError, match="larger than the limit of 1,000 bytes"):
        read_bulk_upload(Unreadable(), "p.jsonl", size=5000, limits=Limits(upload_bytes=1000))


def test_it_refuses_too_many_pairs():
    data = "\n".join([GOOD_1] * 4)
    with pytest.raises(ArticleImportError, match="more than the limit of 3 per upload"):
        read("pairs.jsonl", data, Limits(pairs=3))


def test_it_reads_one_pair_per_zip_folder_at_any_depth():
    archive = make_zip(
        {
            "pairs/": "",
            "pairs/syria/source.txt": SOURCE_TEXT,
            "pairs/syria/retranslation.txt": RETRANSLATION_TEXT,
            "pairs/budget/source.json": article_json("Budget", "The council voted.\nIt passed."),
            "pairs/budget/retranslation.html": "<html><body><h1>Budget</h1><p>The council"
            " voted no.</p><p>It failed.</p></body></html>",
            "__MACOSX/pairs/._source.txt": "junk",
            "pairs/.DS_Store": "junk",
        }
    )
    pairs = read("pairs.zip", archive)
    assert [p.label for p in pairs] == ["pairs/budget/", "pairs/syria/"]
    assert all(not p.error for p in pairs)
    assert pairs[0].retranslation.format == "html"
    assert pairs[1].source.name == "pairs/syria/source.txt"


def test_it_rejects_incomplete_folders_and_stray_files_alone():
    archive = make_zip(
        {
            "a/source.txt": SOURCE_TEXT,
            "a/retranslation.txt": RETRANSLATION_TEXT,
            "b/source.txt": SOURCE_TEXT,
            "c/source.txt": "Title here\n\nOne text.",
            "c/source.json": article_json("T", "x"),
            "c/retranslation.txt": "Title\n\nTwo.",
            "d/source.pdf": b"%PDF-1.4 ...",
            "d/retranslation.txt": "Title\n\nTwo.",
            "notes.md": "hello",
        }
    )
    errors = {p.label: p.error for p in read("pairs.zip", archive)}
    assert errors["a/"] == ""
    assert errors["b/"] == "b/: has no retranslation.* file"
    assert errors["c/"].startswith("c/: has more than one source file")
    assert errors["d/"].startswith("source (d/source.pdf): unsupported type '.pdf'")
    assert errors["notes.md"].startswith("notes.md: is not a source.* or retranslation.* file")


@pytest.mark.parametrize(
    "entry",
    ["../evil/source.txt", "a/../../source.txt", "/etc/source.txt", "C:/x/source.txt"],
)
def test_it_refuses_a_zip_with_an_entry_outside_its_root(entry):
    archive = make_zip(
        {"a/source.txt": SOURCE_TEXT, "a/retranslation.txt": RETRANSLATION_TEXT, entry: "x"}
    )
    with pytest.raises(ArticleImportError) as caught:
        read("pairs.zip", archive)
    assert str(caught.value) == f"pairs.zip: entry {entry!r} is outside the archive's root"


def test_it_refuses_a_zip_with_too_many_entries():
    archive = make_zip({f"p{i}/source.txt": "x" for i in range(6)})
    with pytest.raises(ArticleImportError) as caught:
        read("pairs.zip", archive, Limits(zip_entries=5))
    assert str(caught.value) == "pairs.zip: has 6 entries, more than the limit of 5"


def test_it_refuses_a_zip_that_uncompresses_beyond_the_limit():
    archive = make_zip({"a/source.txt": "a" * 50_000, "a/retranslation.txt": "b" * 50_000})
    assert len(archive) < 2000  # a small archive, large once uncompressed
    with pytest.raises(ArticleImportError) as caught:
        read("bomb.zip", archive, Limits(zip_uncompressed=60_000))
    assert str(caught.value) == "bomb.zip: uncompresses to more than the limit of 60,000 bytes"


def test_it_does_not_trust_an_entry_size_the_header_understates():
    data = "Headline of the story\n\n" + "A sentence of the story. " * 2000
    archive = bytearray(make_zip({"a/source.txt": data, "a/retranslation.txt": "T\n\nOther."}))
    # Claim the first entry holds 100 bytes, in its local and central headers.
    local = archive.index(b"PK\x03\x04")
    struct.pack_into("<I", archive, local + 22, 100)
    central = archive.index(b"PK\x01\x02")
    struct.pack_into("<I", archive, central + 24, 100)
    pairs = read("liar.zip", bytes(archive))
    assert pairs[0].error.startswith("source (a/source.txt): cannot be read")


def test_it_imports_each_pair_on_its_own(db, importer):
    pairs = read("pairs.jsonl", "\n".join([GOOD_1, "{bad", GOOD_2, GOOD_1]))
    results = import_pairs(pairs, upload_name="pairs.jsonl", user=importer)
    assert [r.status for r in results] == [IMPORTED, REJECTED, IMPORTED, PRESENT]
    first = Comparison.objects.get(pk=results[0].comparison_id)
    assert first.units.exists()
    assert first.source.origin == "pairs.jsonl line 1"
    assert results[3].comparison_id == first.pk
    assert results[3].message.startswith(f"already present as comparison {first.pk}")
    assert results[1].message.startswith("line 2: is not valid JSON")
    assert Comparison.objects.count() == 2


def test_it_leaves_nothing_behind_for_a_pair_that_fails_to_import(db, monkeypatch):
    from articles import importer as importer_module

    def failing_analysis(comparison):
        raise RuntimeError("analysis crashed")

    monkeypatch.setattr(importer_module, "store_analysis", failing_analysis)
    results = import_pairs(read("pairs.jsonl", GOOD_1), upload_name="pairs.jsonl")
    assert results[0].status == REJECTED
    assert results[0].message == "line 1: could not be analysed (logged)"
    assert row_counts() == EMPTY_COUNTS
