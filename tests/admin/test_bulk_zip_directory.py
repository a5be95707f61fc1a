"""A zip's entries are counted from its end-of-central-directory record (and then its
directory's headers) before zipfile parses the directory into objects: an archive with
more entries than the limit costs next to nothing to refuse."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest

from articles.article_reader import ArticleImportError
from articles.bulk_import import Limits, count_entries, read_bulk_upload
from tests.admin.conftest import RETRANSLATION_TEXT, SOURCE_TEXT, make_zip
from tests.reliability.figures import record


def empty_entries(count: int, *, zip64: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for n in range(count):
            archive.writestr(f"e{n}", b"")
    data = bytearray(buffer.getvalue())
    if zip64:
        # Rewrite the end record as zip64 tools write it: the 16-bit counts saturated,
        # the real ones in a zip64 record and its locator before it.
        end = data.rindex(b"PK\x05\x06")
        _, _, _, _, entries, size, offset, _ = struct.unpack_from("<4sHHHHIIH", data, end)
        record64 = struct.pack(
            "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
        )
        locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
        tail = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, size, offset, 0)
        data = data[:end] + record64 + locator + tail
    return bytes(data)


def refused_without_parsing(data: bytes, limits: Limits) -> str:
    def no_parsing(*args, **kwargs):
        raise AssertionError("zipfile parsed the directory of an archive it should refuse")

    original = zipfile.ZipFile
    zipfile.ZipFile = no_parsing
    try:
        with pytest.raises(ArticleImportError) as caught:
            read_bulk_upload(io.BytesIO(data), "pairs.zip", size=len(data), limits=limits)
    finally:
        zipfile.ZipFile = original
    return str(caught.value)


def test_it_refuses_too_many_entries_from_the_end_record():
    data = empty_entries(1500)

    message = refused_without_parsing(data, Limits())

    assert message == "pairs.zip: has 1,500 entries, more than the limit of 1,000"


def test_it_reads_the_count_of_a_zip64_end_record():
    data = empty_entries(1200, zip64=True)

    assert refused_without_parsing(data, Limits()) == (
        "pairs.zip: has 1,200 entries, more than the limit of 1,000"
    )


def test_it_does_not_trust_an_end_record_that_understates_the_entries():
    data = bytearray(empty_entries(1500))
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # "one entry", says the record

    message = refused_without_parsing(bytes(data), Limits())

    assert message == "pairs.zip: has more than 1,000 entries, more than the limit of 1,000"


def test_it_counts_an_archive_within_the_limit_and_reads_it():
    archive = make_zip({"a/source.txt": SOURCE_TEXT, "a/retranslation.txt": RETRANSLATION_TEXT})

    assert count_entries(io.BytesIO(archive), "pairs.zip", 1000) == 2
    pairs = read_bulk_upload(io.BytesIO(archive), "pairs.zip", size=len(archive))
    assert [p.label for p in pairs] == ["a/"] and not pairs[0].error


def peak_bytes(action) -> tuple[int, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        action()
        return tracemalloc.get_traced_memory()[1], time.perf_counter() - started
    finally:
        tracemalloc.stop()


def test_it_refuses_a_huge_directory_in_little_memory_and_time():
    data = empty_entries(40_000)

    def refuse() -> None:
        with pytest.raises(ArticleImportError, match="has 40,000 entries"):
            read_bulk_upload(io.BytesIO(data), "pairs.zip", size=len(data))

    peak, seconds = peak_bytes(refuse)
    parse_peak, parse_seconds = peak_bytes(lambda: zipfile.ZipFile(io.BytesIO(data)).close())

    assert peak < 1024 * 1024 < parse_peak
    record(
        "zip of 40,000 empty entries: refused (time, peak memory)",
        f"{seconds:.3f} s, {peak / 1024:.0f} KiB (zipfile's own parse of its directory: "
        f"{parse_seconds:.2f} s, {parse_peak / 1024 / 1024:.1f} MiB)",
    )
