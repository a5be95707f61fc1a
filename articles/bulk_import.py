"""Bulk imports: many article pairs from one JSON Lines file or one zip archive.

Reading and importing are two steps. `read_bulk_upload` reads the whole upload first
and refuses it outright (ArticleImportError: nothing is imported) when the upload
itself is unsafe or unusable: too large, not JSON Lines or zip, a zip entry outside
the archive's root, too many entries, too much uncompressed data, too many pairs.
Problems with one pair (a bad line, a folder without its retranslation) only reject
that pair. `import_pairs` then imports each readable pair in its own transaction
(through `importer.import_pair`), so a pair that fails leaves nothing behind and does
not stop the others.

Layouts (docs/admin-import.md):

* JSON Lines (`.jsonl`, `.ndjson`): one pair per line,
  `{"source": {"title": …, "body": …}, "retranslation": {…}}`, each side as in the
  JSON article format; blank lines are skipped, and results name the line number.
  A line may instead hold a story, one source and a list of its copies,
  `{"source": {…}, "copies": [{…}, {…}]}`: each copy is a pair with that source
  ("line 3, copy 2"), imported on its own.
* zip (`.zip`): one folder per pair holding `source.<ext>` and
  `retranslation.<ext>` (`.txt`, `.html` or `.json`); folders may be nested, and a
  pair may sit at the archive's root. Results name the folder.

Plain Python apart from the import step: the admin view and the tests call it.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import struct
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import BinaryIO

from articles.article_reader import (
    DEFAULT_LIMITS,
    SIDES,
    ArticleImportError,
    ArticleLimits,
    ArticleText,
    article_from_mapping,
    check_article,
    check_pair,
    load_json,
    pair_from_mapping,
    parse_article,
    read_limited,
    reading_side,
)
from articles.importer import ImportOutcome, import_pair

logger = logging.getLogger(__name__)

MAX_BULK_BYTES = 50 * 1024 * 1024  # the upload itself (a JSON Lines file or a zip)
MAX_PAIRS = 10_000  # pairs in one upload (NEWSDRIFT_MAX_BULK_PAIRS); a job imports them
MAX_ZIP_ENTRIES = 1000  # files and folders in a zip
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024  # all entries of a zip together, as read

# An upload imported during a request (`import_pairs`; the admin and `import_bulk`
# queue a job instead, with no such limit) must end well inside
# the worker's timeout (gunicorn's 60 s, newsdrift/gunicorn.conf.py): half of it, since
# on a busy machine a request waits for a core as long again as it computes
# (docs/PERFORMANCE.md). The cost of reading, analysing and storing grows with the
# sentences of both sides; bench/bench_bulk.py measures it for pairs from 40 to 4,900
# sentences a side, and this is its slowest figure rounded up: CPU seconds per sentence.
REQUEST_SECONDS = 30.0
SECONDS_PER_SENTENCE = 0.001

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
ZIP_SUFFIXES = (".zip",)

IMPORTED, PRESENT, REJECTED = "imported", "present", "rejected"

# Files that archivers add and nobody means to import.
_JUNK = re.compile(r"(^|/)(__MACOSX/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PairInput:
    """One pair as read from a bulk upload, or the reason it could not be read."""

    label: str  # "line 3", or the pair's folder in a zip
    source: ArticleText | None = None
    retranslation: ArticleText | None = None
    error: str = ""
    # A side given as a web address ("source_url" in JSON Lines), fetched when the
    # pair is imported (by a job: articles/jobs/fetch.py), not when the upload is read.
    source_url: str = ""
    retranslation_url: str = ""

    @property
    def urls(self) -> dict[str, str]:
        """The sides still to fetch, by side."""
        given = {"source": self.source_url, "retranslation": self.retranslation_url}
        return {side: url for side, url in given.items() if url}


@dataclass(frozen=True, slots=True)
class PairResult:
    label: str
    status: str  # IMPORTED, PRESENT or REJECTED
    message: str
    comparison_id: int | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    upload_bytes: int = MAX_BULK_BYTES
    article: ArticleLimits = DEFAULT_LIMITS  # every side, as for a single pair
    pairs: int = MAX_PAIRS
    zip_entries: int = MAX_ZIP_ENTRIES
    zip_uncompressed: int = MAX_ZIP_UNCOMPRESSED
    # What the analysis of all its pairs may take, estimated (None: no limit, for
    # imports that do not run within a request).
    request_seconds: float | None = REQUEST_SECONDS


def read_bulk_upload(
    stream: BinaryIO, name: str, *, size: int | None, limits: Limits | None = None
) -> list[PairInput]:
    """Read every pair of an uploaded JSON Lines file or zip archive (nothing is stored).

    Raises ArticleImportError, naming the upload, when the upload as a whole is refused.
    """
    limits = limits or Limits()
    if size is not None and size > limits.upload_bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(limits.upload_bytes)}")
    if size == 0:
        raise ArticleImportError(name, "is empty")
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in ZIP_SUFFIXES:
        pairs = read_zip(stream, name, limits)
    elif suffix in JSON_LINES_SUFFIXES:
        pairs = read_json_lines(stream, name, limits)
    else:
        shown = f"'{suffix}'" if suffix else "without a file name extension"
        raise ArticleImportError(
            name, f"unsupported type {shown} (expected a .jsonl file or a .zip archive)"
        )
    if not pairs:
        raise ArticleImportError(name, "holds no article pairs")
    if len(pairs) > limits.pairs:
        raise ArticleImportError(
            name, f"holds {len(pairs)} pairs, more than the limit of {limits.pairs} per upload"
        )
    if limits.request_seconds is not None:
        _check_cost(pairs, name, limits.request_seconds)
    return pairs


def sentences_of(pairs: Iterable[PairInput]) -> int:
    """The sentences (segments) of both sides of every readable pair."""
    return sum(
        article.sentences
        for pair in pairs
        if not pair.error
        for article in (pair.source, pair.retranslation)
        if article is not None
    )


def _check_cost(pairs: list[PairInput], name: str, budget: float) -> None:
    """Refuse an upload whose pairs cannot be analysed within one request."""
    sentences = sentences_of(pairs)
    seconds = sentences * SECONDS_PER_SENTENCE
    if seconds <= budget:
        return
    most = int(budget / SECONDS_PER_SENTENCE)
    readable = sum(1 for pair in pairs if not pair.error)
    raise ArticleImportError(
        name,
        f"its {readable} pairs hold {sentences:,} sentences, about {seconds:,.0f} s of "
        f"analysis, more than one request may take ({budget:g} s): split it into uploads "
        f"of at most {most:,} sentences",
    )


def read_json_lines(stream: BinaryIO, name: str, limits: Limits) -> list[PairInput]:
    """One pair per line; a bad line is rejected on its own, with its line number."""
    # A line holds two articles and their JSON quoting; each side is then held to the
    # article limits on its own.
    line_limit = 2 * limits.article.bytes + 64 * 1024
    pairs: list[PairInput] = []
    total = 0
    line_number = 0
    while True:
        raw = stream.readline(line_limit + 1)
        if not raw:
            break
        line_number += 1
        total += len(raw)
        too_long = len(raw) > line_limit
        while too_long and not raw.endswith(b"\n"):
            # Skip the rest of an overlong line, still counting toward the upload's size.
            raw = stream.readline(1024 * 1024)
            total += len(raw)
            if not raw:
                break
            if total > limits.upload_bytes:
                break
        if total > limits.upload_bytes:
            raise ArticleImportError(
                name, f"is larger than the limit of {_size(limits.upload_bytes)}"
            )
        label = f"line {line_number}"
        if too_long:
            pairs.append(PairInput(label, error=f"{label}: is longer than {_size(line_limit)}"))
            continue
        if line_number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        pairs.extend(_pairs_from_line(raw, label, limits.article))
        if len(pairs) > limits.pairs:
            break  # read_bulk_upload refuses the upload; no need to read the rest
    return pairs


def _pairs_from_line(raw: bytes, label: str, limits: ArticleLimits) -> list[PairInput]:
    """A line's pair, or a story line's pairs (one per copy); a line that cannot be read
    is one rejected pair."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return [
            PairInput(
                label, error=f"{label}: is not valid UTF-8 (byte {error.start:,} of the line)"
            )
        ]
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        return [
            PairInput(
                label, error=f"{label}: is not valid JSON ({error.msg} at column {error.colno})"
            )
        ]
    except RecursionError:
        return [PairInput(label, error=f"{label}: is not valid JSON (nested too deeply)")]
    if isinstance(data, dict) and "copies" in data:
        try:
            story = story_from_mapping(data, label, limits=limits)
        except ArticleImportError as error:
            return [PairInput(label, error=str(error))]
        return [
            PairInput(copy_label, story.source, copy)
            if copy is not None
            else PairInput(copy_label, error=error)
            for copy_label, copy, error in story.copies
        ]
    if isinstance(data, dict) and any(f"{side}_url" in data for side in SIDES):
        return [_pair_with_urls(data, label, limits)]
    try:
        source, retranslation = pair_from_mapping(data, label, limits=limits)
    except ArticleImportError as error:
        return [PairInput(label, error=str(error))]
    return [PairInput(label, source, retranslation)]


@dataclass(frozen=True, slots=True)
class StoryLine:
    """A story line as read: its source, and each copy (label, article or None, error)."""

    source: ArticleText
    copies: list[tuple[str, ArticleText | None, str]]


def story_from_mapping(data: dict, label: str, *, limits: ArticleLimits) -> StoryLine:
    """A source and its copies from one JSON Lines object with a `copies` list.

    A source that cannot be read refuses the line (ArticleImportError); a copy that
    cannot be read, or that is the source's own text, refuses that copy only.
    """
    if "retranslation" in data:
        raise ArticleImportError(label, "has both 'retranslation' and 'copies': give one")
    copies = data["copies"]
    if not isinstance(copies, list) or not copies:
        raise ArticleImportError(label, "'copies' must be a non-empty list of article objects")
    if "source" not in data:
        raise ArticleImportError(label, "has no 'source' object")
    with reading_side("source"):
        source = article_from_mapping(data["source"], label)
        source = replace(source, sentences=check_article(source, limits))
    read: list[tuple[str, ArticleText | None, str]] = []
    for number, entry in enumerate(copies, start=1):
        copy_label = f"{label}, copy {number}"
        try:
            with reading_side("retranslation"):
                copy = article_from_mapping(entry, copy_label)
                copy = replace(copy, sentences=check_article(copy, limits))
            check_pair(source, copy)
        except ArticleImportError as error:
            read.append((copy_label, None, str(error)))
        else:
            read.append((copy_label, copy, ""))
    return StoryLine(source, read)


def _pair_with_urls(data: dict, label: str, limits: ArticleLimits) -> PairInput:
    """A line with `source_url` and/or `retranslation_url`: the addresses are checked
    for their form here and fetched when the pair is imported; a side given as an
    object is read as in any other line."""
    from articles.fetching import is_fetchable_url

    sides: dict[str, ArticleText] = {}
    urls: dict[str, str] = {}
    try:
        for side in SIDES:
            key = f"{side}_url"
            if key in data and side in data:
                raise ArticleImportError(label, f"gives both '{side}' and '{key}': give one")
            if key in data:
                url = data[key]
                if not isinstance(url, str) or not is_fetchable_url(url):
                    shown = repr(url)[:80]
                    raise ArticleImportError(
                        label, f"field '{key}' is not an http(s) address: {shown}"
                    )
                urls[side] = url.strip()
            elif side in data:
                with reading_side(side):
                    sides[side] = pair_side(data[side], label, limits)
            else:
                raise ArticleImportError(label, f"has no '{side}' object or '{key}'")
        if urls.get("source") and urls.get("source") == urls.get("retranslation"):
            raise ArticleImportError(label, "the source and the retranslation are the same URL")
    except ArticleImportError as error:
        return PairInput(label, error=str(error))
    return PairInput(
        label,
        sides.get("source"),
        sides.get("retranslation"),
        source_url=urls.get("source", ""),
        retranslation_url=urls.get("retranslation", ""),
    )


def pair_side(data: object, label: str, limits: ArticleLimits) -> ArticleText:
    """One side of a JSON Lines pair given as an object, read and checked."""
    article = article_from_mapping(data, label)
    return replace(article, sentences=check_article(article, limits))


def read_zip(stream: BinaryIO, name: str, limits: Limits) -> list[PairInput]:
    """One folder per pair with `source.*` and `retranslation.*` files."""
    # zipfile parses the whole central directory into objects before anything can be
    # counted (540,000 empty entries cost 300 MiB): count the entries first, from the
    # end record and then the directory's headers, without building anything.
    count_entries(stream, name, limits.zip_entries)
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArticleImportError(name, "is not a valid zip archive") from error
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.zip_entries:  # counted above; kept as the last word
            raise ArticleImportError(
                name, _entries_message(f"{len(entries):,}", limits.zip_entries)
            )
        for entry in entries:
            if not _is_inside_root(entry.filename):
                raise ArticleImportError(
                    name, f"entry {entry.filename[:120]!r} is outside the archive's root"
                )
        # The sizes in the headers are checked first (cheap), and the bytes actually
        # read are counted again below: a header can lie.
        declared = sum(entry.file_size for entry in entries)
        if declared > limits.zip_uncompressed:
            raise ArticleImportError(name, _uncompressed_message(limits))
        folders, stray = _group_entries(entries)
        budget = _Budget(name, limits)
        pairs = [_pair_from_folder(archive, folder, files, budget) for folder, files in folders]
        pairs.extend(
            PairInput(
                entry.filename,
                error=f"{entry.filename}: is not a source.* or retranslation.* file "
                "(a folder holds one pair: source.txt|html|json and retranslation.txt|html|json)",
            )
            for entry in stray
        )
    return pairs


_END = struct.Struct("<4sHHHHIIH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sIQI")
_END64 = struct.Struct("<4sQHHIIQQQQ")
_HEADER = struct.Struct("<4s24sHHH12s")  # a central directory header, up to its lengths


def count_entries(stream: BinaryIO, name: str, limit: int) -> int:
    """The number of entries of a zip, refusing more than `limit` at the cost of `limit`.

    The end-of-central-directory record (and its zip64 form) says how many entries the
    archive has: more than the limit is refused at once. The record can lie, and
    zipfile trusts the directory's size rather than the count, so the directory's
    headers are then walked (46 bytes read per entry, nothing kept) and more than the
    limit is refused too.
    """
    stream.seek(0, 2)
    size = stream.tell()
    tail_size = min(size, _END.size + 0xFFFF)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END.size:
        raise ArticleImportError(name, "is not a valid zip archive")
    end_at = size - tail_size + at
    _, _, _, _, entries, directory_size, _, _ = _END.unpack_from(tail, at)
    directory_end = end_at
    locator_at = end_at - _END64_LOCATOR.size
    if locator_at >= 0:
        stream.seek(locator_at)
        locator = stream.read(_END64_LOCATOR.size)
        if locator[:4] == b"PK\x06\x07":
            record_at = locator_at - _END64.size
            stream.seek(max(record_at, 0))
            record = stream.read(_END64.size)
            if record_at >= 0 and record[:4] == b"PK\x06\x06":
                fields = _END64.unpack(record)
                entries, directory_size = fields[7], fields[8]
                directory_end = record_at
    if entries > limit:
        raise ArticleImportError(name, _entries_message(f"{entries:,}", limit))
    stream.seek(max(directory_end - directory_size, 0))
    walked = 0
    for _ in range(limit + 1):
        header = stream.read(_HEADER.size)
        if len(header) < _HEADER.size or header[:4] != b"PK\x01\x02":
            break  # the end, or a damaged directory: zipfile says which
        _, _, name_length, extra_length, comment_length, _ = _HEADER.unpack(header)
        stream.seek(name_length + extra_length + comment_length, 1)
        walked += 1
    if walked > limit:
        raise ArticleImportError(name, _entries_message(f"more than {limit:,}", limit))
    return max(entries, walked)


def _entries_message(count: str, limit: int) -> str:
    return f"has {count} entries, more than the limit of {limit:,}"


def _is_inside_root(filename: str) -> bool:
    """False for absolute paths, drive letters, backslashes and '..' components."""
    if not filename or "\x00" in filename or "\\" in filename:
        return False
    if filename.startswith("/") or re.match(r"^[A-Za-z]:", filename):
        return False
    return ".." not in filename.split("/")


def _group_entries(
    entries: Iterable[zipfile.ZipInfo],
) -> tuple[list[tuple[str, dict[str, list[zipfile.ZipInfo]]]], list[zipfile.ZipInfo]]:
    folders: dict[str, dict[str, list[zipfile.ZipInfo]]] = {}
    stray: list[zipfile.ZipInfo] = []
    for entry in entries:
        if entry.is_dir() or _JUNK.search(entry.filename):
            continue
        folder, filename = posixpath.split(entry.filename)
        stem = PurePosixPath(filename).stem.lower()
        if stem in SIDES:
            folders.setdefault(folder, {side: [] for side in SIDES})[stem].append(entry)
        else:
            stray.append(entry)
    return sorted(folders.items()), stray


class _Budget:
    """The uncompressed bytes a zip may still yield, counted as they are read."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.left = limits.zip_uncompressed

    def read(self, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
        if entry.flag_bits & 0x1:
            raise ArticleImportError(entry.filename, "is encrypted")
        limit = min(self.limits.article.bytes, self.left)
        try:
            with archive.open(entry) as handle:
                data = read_limited(handle, entry.filename, limit)
        except ArticleImportError:
            if limit < self.limits.article.bytes:
                # The archive as a whole went over its limit: refuse all of it.
                raise ArticleImportError(self.name, _uncompressed_message(self.limits)) from None
            raise
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as error:
            raise ArticleImportError(entry.filename, f"cannot be read ({error})") from error
        except Exception as error:  # zlib.error, lzma.LZMAError, …: a corrupt entry
            raise ArticleImportError(entry.filename, "cannot be read (corrupt data)") from error
        self.left -= len(data)
        return data


def _pair_from_folder(
    archive: zipfile.ZipFile,
    folder: str,
    files: dict[str, list[zipfile.ZipInfo]],
    budget: _Budget,
) -> PairInput:
    label = f"{folder}/" if folder else "(archive root)"
    sides: list[ArticleText] = []
    try:
        for side in SIDES:
            found = files[side]
            if not found:
                raise ArticleImportError(label, f"has no {side}.* file")
            if len(found) > 1:
                names = ", ".join(PurePosixPath(e.filename).name for e in found)
                raise ArticleImportError(label, f"has more than one {side} file ({names})")
            entry = found[0]
            with reading_side(side):
                data = budget.read(archive, entry)
                sides.append(parse_article(data, entry.filename, limits=budget.limits.article))
        source, retranslation = sides
        check_pair(source, retranslation)
    except ArticleImportError as error:
        if error.name == budget.name:
            # The whole archive is refused, whichever side's entry went over its limit.
            raise ArticleImportError(budget.name, error.reason) from error
        return PairInput(label, error=str(error))
    return PairInput(label, source, retranslation)


def import_pairs(pairs: Iterable[PairInput], *, upload_name: str, user=None) -> list[PairResult]:
    """Import every readable pair in this process, each in its own transaction, and say
    what became of it. (The admin and `import_bulk` run a background job instead, which
    imports each pair through `import_one` too.)"""
    return [import_one(pair, upload_name=upload_name, user=user) for pair in pairs]


def import_one(
    pair: PairInput,
    *,
    upload_name: str,
    user=None,
    within: Callable[[PairResult], None] | None = None,
    single: bool = False,
) -> PairResult:
    """Import one pair and say what became of it; a pair that fails leaves nothing.

    `within`, if given, is called with the result inside the import's transaction
    when the pair is imported or found present (a job records it there). A `single`
    pair (the admin's "Import a pair", run as a job) keeps each article's own name as
    its origin, as an import in the request does.
    """
    if pair.error or pair.source is None or pair.retranslation is None:
        return PairResult(pair.label, REJECTED, pair.error)

    def record(outcome: ImportOutcome) -> None:
        if within is not None:
            within(result_of(pair.label, outcome))

    try:
        outcome = import_pair(
            pair.source,
            pair.retranslation,
            origin=None if single else f"{upload_name} {pair.label}"[:255],
            user=user,
            within=record,
        )
    except ArticleImportError as error:
        # A side's refusal names the side and where it came from; a pair's, the pair.
        message = str(error) if error.side else f"{pair.label}: {error.reason}"
        return PairResult(pair.label, REJECTED, message)
    except Exception:
        if within is not None:
            raise  # the job reports it, with its own reason (a time limit, a crash)
        # One pair the analysis cannot handle must not stop the others; its
        # transaction was rolled back, and the traceback is in the log.
        logger.exception("bulk import: %s %s failed", upload_name, pair.label)
        return PairResult(pair.label, REJECTED, f"{pair.label}: could not be analysed (logged)")
    return result_of(pair.label, outcome)


def result_of(label: str, outcome: ImportOutcome) -> PairResult:
    comparison = outcome.comparison
    if outcome.created:
        return PairResult(label, IMPORTED, f"as comparison {comparison.pk}", comparison.pk)
    message = f"already present as comparison {comparison.pk} (same texts): skipped"
    return PairResult(label, PRESENT, message, comparison.pk)


def _uncompressed_message(limits: Limits) -> str:
    return f"uncompresses to more than the limit of {_size(limits.zip_uncompressed)}"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"
