"""Read an article file (plain text, HTML or JSON) into a title, a body and metadata.

One reader for every way articles come in (the `import_pair` command, `import_seeds`
and the admin's upload and bulk pages), so that they accept the same inputs and refuse
bad ones with the same one-line messages. Plain Python: no Django.

Limits (documented in README.md and docs/RELIABILITY.md) are one `ArticleLimits` and
one check, `check_article`, that every input path runs on every side (a file, a pasted
text, a JSON file, a side of a JSON Lines line, a zip entry), and that
`importer.import_pair` runs again before anything is written: at most `bytes` of text
(1 MiB by default, what the server can analyse well inside one request's time —
docs/PERFORMANCE.md, "The worst case the limits allow"; a file larger than that is
refused before it is read), at most
`lines` lines, at most `sentences` segments (the alignment's cost grows faster than the
article: a pair at the limit takes seconds to import, a 50,000-sentence one minutes),
a title of at most `title_chars` characters, and some story text: a text that is only
captions, credits, bylines or boilerplate is refused as "no story text".

Encodings: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else valid UTF-8 is read
as UTF-8; text with NUL bytes is read as UTF-16 without a byte-order mark when that is
unambiguous (the zero bytes of its ASCII characters all fall on one side of the byte
pairs) and refused as binary otherwise; invalid UTF-8 is read as Windows-1252 only when
it holds no UTF-8 character at all (legacy text), and refused as malformed UTF-8 when
it does. Every refusal names the encoding that was tried.

Messages name the input and, when the caller says which side it is (`reading_side`),
the side: "source (story.txt): is empty".
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from articles.analysis.boilerplate import classify_line, looks_like_title
from articles.analysis.segment import segment_article
from articles.analysis.types import BODY

if TYPE_CHECKING:
    from articles.fetching.page import FetchedPage

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_BODY_LINES = 100_000
MAX_SENTENCES = 5_000
MAX_TITLE_CHARS = 500
# The Article columns that overrides (ArticleText.with_overrides) may fill.
_OVERRIDE_LIMITS = {"title": MAX_TITLE_CHARS, "outlet": 200, "byline": 500, "url": 1000}

TEXT, HTML, JSON = "text", "html", "json"
FORMATS_BY_SUFFIX = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
}
SUPPORTED = ".txt, .html or .json"

# Magic numbers of common binary files, to name what was uploaded by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive (or Word/OpenDocument file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}

# C0 and C1 control characters other than tab, newline and carriage return: they have
# no place in an article, and PostgreSQL refuses NUL in text.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")


class ArticleImportError(Exception):
    """An article that cannot be imported. Its message is one line naming the input and,
    once known, the side: "source (story.txt): is empty"."""

    def __init__(self, name: str, reason: str, *, side: str = "") -> None:
        self.name = name
        self.reason = reason
        self.side = side
        where = f"{side} ({name})" if side else name
        super().__init__(f"{where}: {reason}")

    def on_side(self, side: str) -> ArticleImportError:
        return self if self.side else ArticleImportError(self.name, self.reason, side=side)


@contextmanager
def reading_side(side: str) -> Iterator[None]:
    """Refusals raised inside name the side they are about (source or retranslation)."""
    try:
        yield
    except ArticleImportError as error:
        if error.side:
            raise
        raise error.on_side(side) from error


@dataclass(frozen=True, slots=True)
class ArticleLimits:
    """What one side of a pair may hold, whichever way it comes in."""

    bytes: int = DEFAULT_MAX_BYTES  # the file as read, and the text as UTF-8
    lines: int = MAX_BODY_LINES
    sentences: int = MAX_SENTENCES
    title_chars: int = MAX_TITLE_CHARS


DEFAULT_LIMITS = ArticleLimits()


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article as read from a file, before it is stored."""

    name: str  # the file name (or label) it came from, for messages and `origin`
    format: str
    title: str
    body: str
    outlet: str = ""
    byline: str = ""
    url: str = ""
    published_at: dt.datetime | None = None
    language: str = "en"
    sentences: int = 0  # segments, as counted by check_article (0: not counted yet)
    # The web page it was read from, when it was fetched by URL (its provenance).
    fetched: FetchedPage | None = None

    @property
    def sha256(self) -> str:
        return text_fingerprint(self.title, self.body)

    def with_overrides(self, **values: object) -> ArticleText:
        """A copy with the given non-empty values replacing the read ones.

        Overrides come from command options, the seeds manifest and forms, and are as
        untrusted as the file: text is cleaned like read text and made one line, and a
        value too long for its column, or a URL that is not http(s), is refused here,
        with a one-line message, rather than by the database half-way through.
        """
        changes = {}
        for key, value in values.items():
            if isinstance(value, str):
                value = _one_line(clean_text(value))
                limit = _OVERRIDE_LIMITS.get(key)
                if limit is not None and len(value) > limit:
                    raise ArticleImportError(
                        self.name, f"the {key} given is longer than {limit:,} characters"
                    )
                if key == "url" and value and not _is_http_url(value):
                    raise ArticleImportError(
                        self.name, f"the url given is not an http(s) address: {value[:80]!r}"
                    )
            if value not in (None, ""):
                changes[key] = value
        return replace(self, **changes)


def text_fingerprint(title: str, body: str) -> str:
    """SHA-256 of the normalised text: the same article however it was spaced."""
    normal = "\n".join(
        _WHITESPACE.sub(" ", unicodedata.normalize("NFC", part)).strip() for part in (title, body)
    )
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def read_article_file(path: str | Path, *, limits: ArticleLimits = DEFAULT_LIMITS) -> ArticleText:
    """Read an article from a file on disk.

    Every refusal names the file as it was given (a missing file and an empty one
    alike); the article keeps the bare file name as its origin.
    """
    path = Path(path)
    shown = str(path)
    try:
        exists, is_directory = path.exists(), path.is_dir()
    except OSError as error:  # e.g. a name longer than the file system allows
        raise ArticleImportError(shown, f"cannot be read ({error.strerror})") from error
    if not exists:
        raise ArticleImportError(shown, "no such file")
    if is_directory:
        raise ArticleImportError(shown, "is a directory, not a file")
    try:
        with path.open("rb") as handle:
            data = read_limited(handle, shown, limits.bytes)
    except OSError as error:
        raise ArticleImportError(shown, f"cannot be read ({error.strerror})") from error
    try:
        return parse_article(data, path.name or shown, limits=limits)
    except ArticleImportError as error:
        raise ArticleImportError(shown, error.reason, side=error.side) from error


def read_limited(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read at most `max_bytes` from a stream, refusing a larger one without reading it."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(max_bytes)}")
    return data


def read_uploaded_article(
    stream: BinaryIO, name: str, *, size: int | None, limits: ArticleLimits = DEFAULT_LIMITS
) -> ArticleText:
    """Read an uploaded article file (the admin's upload pages).

    The declared size is checked first, so an oversized upload is refused without
    reading it; the read itself is limited too, since a declared size can be wrong.
    """
    if size is not None and size > limits.bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(limits.bytes)}")
    if size == 0:
        raise ArticleImportError(name, "is empty")
    return parse_article(read_limited(stream, name, limits.bytes), name, limits=limits)


PASTED = "pasted text"


def read_pasted_article(
    text: str, name: str = PASTED, *, limits: ArticleLimits = DEFAULT_LIMITS
) -> ArticleText:
    """Read an article pasted into a form; `name` says which input it came from.

    Pasted text has no file name, so its format is recognised from its content (plain
    text unless it starts like JSON or HTML) and it meets the same checks as a file.
    """
    data = clean_text(text).encode("utf-8")
    if len(data) > limits.bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(limits.bytes)}")
    return parse_article(data, name, limits=limits)


def check_article(article: ArticleText, limits: ArticleLimits = DEFAULT_LIMITS) -> int:
    """The one check of what a side may hold (see the module's docstring); returns the
    number of segments (sentences and metadata lines) the article has.

    Every reader runs it on what it read, and `importer.import_pair` runs it again
    before anything is written, so no input path can skip it.
    """
    name = article.name
    if not article.body.strip():
        raise ArticleImportError(name, "has no article text")
    if len(article.title) > limits.title_chars:
        raise ArticleImportError(name, f"has a title longer than {limits.title_chars} characters")
    size = len(article.title.encode("utf-8")) + len(article.body.encode("utf-8"))
    if size > limits.bytes:
        raise ArticleImportError(name, f"has more than {_size(limits.bytes)} of text")
    if article.body.count("\n") >= limits.lines:
        raise ArticleImportError(name, f"has more than {limits.lines:,} lines")
    segments = segment_article(article.title, article.body)
    if len(segments) > limits.sentences:
        raise ArticleImportError(
            name,
            f"has {len(segments):,} sentences; articles of at most {limits.sentences:,} "
            "can be compared",
        )
    if not any(segment.kind == BODY for segment in segments):
        raise ArticleImportError(
            name,
            "has no story text: nothing but a headline, captions, credits, bylines or "
            f"boilerplate ({_shown_lines(segments)})",
        )
    return len(segments)


def check_pair(source: ArticleText, retranslation: ArticleText) -> None:
    """Refuse a pair whose two sides are the same text."""
    if source.sha256 == retranslation.sha256:
        raise ArticleImportError(
            f"source ({source.name}) and retranslation ({retranslation.name})",
            "the source and the retranslation are the same text",
        )


SIDES = ("source", "retranslation")


def pair_from_mapping(
    data: object, name: str, *, limits: ArticleLimits = DEFAULT_LIMITS
) -> tuple[ArticleText, ArticleText]:
    """A source and retranslation from one bulk-import JSON object.

    The object holds a `source` and a `retranslation` object, each as in the JSON file
    format (`title`, `body`, optional `outlet`, `byline`, `url`, `published_at`).
    Messages name the side: "source (line 3): has no 'body' field".
    """
    if not isinstance(data, dict):
        raise ArticleImportError(
            name, "must be a JSON object with 'source' and 'retranslation' objects"
        )
    sides = []
    for side in SIDES:
        if side not in data:
            raise ArticleImportError(name, f"has no '{side}' object")
        with reading_side(side):
            article = article_from_mapping(data[side], name)
            article = replace(article, sentences=check_article(article, limits))
        sides.append(article)
    source, retranslation = sides
    check_pair(source, retranslation)
    return source, retranslation


def parse_article(
    data: bytes, name: str, *, format: str | None = None, limits: ArticleLimits = DEFAULT_LIMITS
) -> ArticleText:
    """Parse the bytes of an article file; the format comes from the name or the content."""
    if not data.strip():
        raise ArticleImportError(name, "is empty")
    fmt = format or _format_from_name(name)
    text = decode_text(data, name)
    if fmt is None:
        fmt = _sniff_format(text)
    if fmt == JSON:
        article = _parse_json(text, name)
    elif fmt == HTML:
        article = _parse_html(text, name)
    else:
        article = _parse_text(text, name)
    return replace(article, sentences=check_article(article, limits))


def load_json(text: str) -> object:
    """json.loads, for untrusted text.

    Python refuses to turn a number of more than 4,300 digits into an int (a guard
    against quadratic conversion) with a ValueError that json.loads lets through. No
    article field is a number, so such a number is kept as an opaque value: a field
    that must be a string is refused as not a string, and an unknown field is ignored.
    """
    return json.loads(text, parse_int=_json_int)


class HugeNumber:
    """A JSON number too long to convert (see `load_json`)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<a number of {self.digits:,} digits>"


def _json_int(text: str) -> int | HugeNumber:
    limit = sys.get_int_max_str_digits()  # 4,300 unless the interpreter was told otherwise
    if limit and len(text.lstrip("-")) > limit:
        return HugeNumber(len(text.lstrip("-")))
    return int(text)


def decode_text(data: bytes, name: str) -> str:
    """Bytes to text: a BOM decides; else UTF-8, UTF-16 without a BOM (where that is
    unambiguous) or Windows-1252 (a Latin-1 superset) for legacy text that holds no
    UTF-8 at all. A refusal says which encoding was tried."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return clean_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise ArticleImportError(
                    name, f"cannot be decoded as {encoding.upper()} (byte {error.start})"
                ) from error
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ArticleImportError(name, f"is a binary file ({what}), not an article")
    if b"\x00" in data[:_SAMPLE]:
        # Like git, a NUL byte near the start means binary, unless the text is UTF-16
        # without a byte-order mark: then the NUL bytes are the high bytes of its ASCII
        # characters, and they all fall on one side of the byte pairs.
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ArticleImportError(
                name,
                "is a binary file (it contains NUL bytes and does not read as UTF-16 "
                "without a byte-order mark), not text",
            )
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ArticleImportError(
                name,
                f"cannot be decoded as {encoding.upper()} (no byte-order mark; "
                f"byte {error.start:,})",
            ) from error
        if _looks_binary(text):
            raise ArticleImportError(
                name, f"is a binary file (read as {encoding.upper()}, mostly control characters)"
            )
        return clean_text(text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _UTF8_CHARACTER.search(data):
            bad = data[error.start]
            raise ArticleImportError(
                name,
                f"is not valid UTF-8 (byte 0x{bad:02x} at offset {error.start:,} is not part "
                "of a UTF-8 character), though it holds UTF-8 characters, so it was not read "
                "as Windows-1252 either: save it as UTF-8",
            ) from error
        text = _decode_legacy(data, name)
    if _looks_binary(text):
        raise ArticleImportError(name, "is a binary file (mostly control characters), not text")
    return clean_text(text)


_SAMPLE = 8000
# One well-formed UTF-8 character of two to four bytes. Legacy Windows-1252 text almost
# never holds one by chance; text that does is UTF-8 with some bytes damaged.
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the bytes are unambiguously UTF-16 text.

    UTF-16 text holds ASCII spaces, digits, punctuation or line breaks, whose high byte
    is zero: in little-endian order the zeros sit at odd offsets, in big-endian at even
    ones, and never on the other side. And its high bytes name few Unicode blocks: 0x00
    and the block of its script (0x04 for Cyrillic, 0x06 for Arabic, 0x20 for quotes
    and dashes), so the two most common make up nearly all of them. A binary file, or
    ASCII text with a stray NUL, fails one test or the other; so does text in a script
    spread over many blocks (Chinese, Japanese), which needs its byte-order mark.
    """
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    for encoding, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if 0 in low or 0 not in high:
            continue
        common = sum(n for _, n in Counter(high).most_common(2))
        if common >= 0.9 * len(high):
            return encoding
    return None


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters and lone surrogates, compose (NFC)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode's other line breaks (next line, line and paragraph separators) are line
    # breaks too; NEL is a C1 control, and dropped with them it would fuse two lines.
    text = text.replace("\x85", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL_CHARS.sub("", text)
    text = _LONE_SURROGATES.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def _decode_legacy(data: bytes, name: str) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Bytes that Windows-1252 leaves undefined: ISO 8859-1 maps every byte.
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:8000]
    controls = len(_CONTROL_CHARS.findall(sample))
    return controls > max(8, len(sample) // 10)


def _format_from_name(name: str) -> str | None:
    suffix = Path(name).suffix.lower()
    if not suffix:
        return None
    if suffix not in FORMATS_BY_SUFFIX:
        raise ArticleImportError(name, f"unsupported type '{suffix}' (expected {SUPPORTED})")
    return FORMATS_BY_SUFFIX[suffix]


def _sniff_format(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith("{"):
        return JSON
    if head.startswith(("<!doctype html", "<html", "<article", "<body", "<p>", "<div", "<?xml")):
        return HTML
    return TEXT


def _parse_text(text: str, name: str) -> ArticleText:
    """Plain text: the first line that reads as a headline is the title, the rest the body.

    A scraped retranslation may start with ad markers, a caption and a byline and have
    no headline at all; then the title stays empty and the whole text is the body.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if classify_line(line) != BODY:
            continue  # metadata before the headline: keep looking
        if looks_like_title(line):
            # Metadata lines above the headline stay in the body, where they are kept
            # apart as metadata segments.
            body = "\n".join(lines[:index] + lines[index + 1 :]).strip("\n")
            if body.strip():
                return ArticleText(name=name, format=TEXT, title=line.strip(), body=body)
        # A one-line text is all story and no headline.
        break
    return ArticleText(name=name, format=TEXT, title="", body=text.strip("\n"))


# Elements whose text is never the article's.
_HTML_NOISE = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "canvas",
)
_HTML_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "pre")


def _parse_html(text: str, name: str) -> ArticleText:
    """HTML: the article's text without scripts, navigation or markup."""
    # Imported here, where an HTML file is read: every command and worker that imports
    # the reader (through the importer) would otherwise pay for BeautifulSoup at start-up.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")

    def meta(*keys: str) -> str:
        for key in keys:
            tag = soup.find("meta", attrs={"property": key}) or soup.find(
                "meta", attrs={"name": key}
            )
            if tag and tag.get("content"):
                return _one_line(str(tag["content"]))
        return ""

    title = meta("og:title", "twitter:title")
    byline = meta("author", "article:author")
    url = meta("og:url")
    canonical = soup.find("link", rel="canonical")
    if not url and canonical and canonical.get("href"):
        url = str(canonical["href"]).strip()
    published = meta("article:published_time", "pubdate", "date")
    language = ""
    if soup.html and soup.html.get("lang"):
        language = str(soup.html["lang"]).strip()[:16]

    for tag in soup.find_all(_HTML_NOISE):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    h1 = root.find("h1")
    if not title:
        if h1:
            title = _one_line(h1.get_text(" "))
        elif soup.title:
            title = _one_line(soup.title.get_text(" "))
    if h1 and _one_line(h1.get_text(" ")) == title:
        h1.decompose()

    lines = []
    blocks = root.find_all(_HTML_BLOCKS)
    if blocks:
        for block in blocks:
            # Nested blocks (a <p> inside a <blockquote>) are read once, at the outer one.
            if block.find_parent(_HTML_BLOCKS):
                continue
            line = _one_line(block.get_text(" "))
            if line:
                lines.append(line)
    else:
        lines = [_one_line(line) for line in root.get_text("\n").split("\n") if line.strip()]
    # Entities decode to any character (&#1; is a control character): clean again.
    article = ArticleText(
        name=name,
        format=HTML,
        title=_one_line(clean_text(title))[:MAX_TITLE_CHARS],
        body=clean_text("\n".join(lines)),
        byline=_one_line(clean_text(byline))[:500],
        url=url[:1000] if _is_http_url(url) else "",
        published_at=_parse_datetime(published, name, strict=False),
    )
    return article.with_overrides(language=language)


def _parse_json(text: str, name: str) -> ArticleText:
    """JSON: an object with `title` and `body`, and optional metadata."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        raise ArticleImportError(
            name, f"is not valid JSON ({error.msg} at line {error.lineno})"
        ) from error
    except RecursionError as error:
        raise ArticleImportError(name, "is not valid JSON (nested too deeply)") from error
    return article_from_mapping(data, name)


def article_from_mapping(data: object, name: str) -> ArticleText:
    """An article from a JSON object (also one side of a bulk-import line)."""
    if not isinstance(data, dict):
        raise ArticleImportError(name, "must be a JSON object with 'title' and 'body'")
    for key in ("title", "body"):
        if key not in data:
            raise ArticleImportError(name, f"has no '{key}' field")
    for key in ("title", "body", "outlet", "byline", "url", "published_at", "language"):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise ArticleImportError(name, f"field '{key}' must be a string")

    def field(key: str) -> str:
        return clean_text(data.get(key) or "")

    url = field("url").strip()
    if url and not _is_http_url(url):
        raise ArticleImportError(name, f"field 'url' is not an http(s) address: {url[:80]!r}")
    article = ArticleText(
        name=name,
        format=JSON,
        title=_one_line(field("title")),
        body=field("body").strip("\n"),
        outlet=_one_line(field("outlet"))[:200],
        byline=_one_line(field("byline"))[:500],
        url=url[:1000],
        published_at=_parse_datetime(field("published_at"), name, strict=True),
    )
    return article.with_overrides(language=_one_line(field("language"))[:16])


def _parse_datetime(value: str, name: str, *, strict: bool) -> dt.datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        if not strict:
            return None
        raise ArticleImportError(
            name, f"field 'published_at' is not an ISO 8601 date: {value[:40]!r}"
        ) from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _is_http_url(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s/$.?#][^\s]*$", url, re.IGNORECASE))


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _shown_lines(segments: list) -> str:
    """The first lines of a text without story, shortened, for its refusal."""
    shown = "; ".join(repr(s.text[:40]) for s in segments[:2])
    return shown + ("; …" if len(segments) > 2 else "") if shown else "nothing else"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"
