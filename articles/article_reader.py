"""Read an article file (plain text, HTML or JSON) into a title, a body and metadata.

One reader for every way articles come in (the `import_pair` command, `import_seeds`
and the admin's upload and bulk pages), so that they accept the same inputs and refuse
bad ones with the same one-line messages. Plain Python: no Django.

Limits (documented in README.md and docs/RELIABILITY.md): a file may hold at most
`max_bytes` bytes (10 MiB by default), refused before it is decoded; its body at most
MAX_BODY_LINES lines, and the article at most MAX_SENTENCES segments, because the
alignment's cost grows faster than the article (a pair at the limit takes seconds to
import, a 50,000-sentence one minutes).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from articles.analysis.boilerplate import classify_line, looks_like_title
from articles.analysis.segment import segment_article
from articles.analysis.types import BODY

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
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
    """An article that cannot be imported. Its message is one line naming the input."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


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


def read_article_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ArticleText:
    """Read an article from a file on disk."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise ArticleImportError(str(path), "no such file")
    if path.is_dir():
        raise ArticleImportError(str(path), "is a directory, not a file")
    try:
        with path.open("rb") as handle:
            data = read_limited(handle, name, max_bytes)
    except OSError as error:
        raise ArticleImportError(str(path), f"cannot be read ({error.strerror})") from error
    return parse_article(data, name)


def read_limited(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read at most `max_bytes` from a stream, refusing a larger one without reading it."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(max_bytes)}")
    return data


def read_uploaded_article(
    stream: BinaryIO, name: str, *, size: int | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> ArticleText:
    """Read an uploaded article file (the admin's upload pages).

    The declared size is checked first, so an oversized upload is refused without
    reading it; the read itself is limited too, since a declared size can be wrong.
    """
    if size is not None and size > max_bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(max_bytes)}")
    if size == 0:
        raise ArticleImportError(name, "is empty")
    return parse_article(read_limited(stream, name, max_bytes), name)


def read_pasted_article(text: str, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ArticleText:
    """Read an article pasted into a form; `name` says which input it came from.

    Pasted text has no file name, so its format is recognised from its content (plain
    text unless it starts like JSON or HTML) and it meets the same checks as a file.
    """
    data = clean_text(text).encode("utf-8")
    if len(data) > max_bytes:
        raise ArticleImportError(name, f"is larger than the limit of {_size(max_bytes)}")
    return parse_article(data, name)


def check_article(article: ArticleText) -> None:
    """Refuse an article without text, or with an overlong title or body.

    `parse_article` runs it already; callers that rebuild an ArticleText from stored
    values (the admin's confirm step) run it again before importing.
    """
    _check_article(article)


def check_pair(source: ArticleText, retranslation: ArticleText) -> None:
    """Refuse a pair whose two sides are the same text."""
    if source.sha256 == retranslation.sha256:
        raise ArticleImportError(
            f"{source.name} and {retranslation.name}",
            "the source and the retranslation are the same text",
        )


def pair_from_mapping(data: object, name: str) -> tuple[ArticleText, ArticleText]:
    """A source and retranslation from one bulk-import JSON object.

    The object holds a `source` and a `retranslation` object, each as in the JSON file
    format (`title`, `body`, optional `outlet`, `byline`, `url`, `published_at`).
    Messages name the side: "line 3 source: has no 'body' field".
    """
    if not isinstance(data, dict):
        raise ArticleImportError(
            name, "must be a JSON object with 'source' and 'retranslation' objects"
        )
    sides = []
    for side in ("source", "retranslation"):
        if side not in data:
            raise ArticleImportError(name, f"has no '{side}' object")
        article = article_from_mapping(data[side], f"{name} {side}")
        _check_article(article)
        sides.append(article)
    source, retranslation = sides
    check_pair(source, retranslation)
    return source, retranslation


def parse_article(data: bytes, name: str, *, format: str | None = None) -> ArticleText:
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
    _check_article(article)
    return article


def decode_text(data: bytes, name: str) -> str:
    """Bytes to text: a BOM decides, then UTF-8, then Windows-1252 (a Latin-1 superset)."""
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
    # Like git: a NUL byte near the start means binary.
    if b"\x00" in data[:8000]:
        raise ArticleImportError(name, "is a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data, name)
    if _looks_binary(text):
        raise ArticleImportError(name, "is a binary file (mostly control characters), not text")
    return clean_text(text)


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
    article = ArticleText(
        name=name,
        format=HTML,
        title=title[:MAX_TITLE_CHARS],
        body="\n".join(lines),
        byline=byline[:500],
        url=url[:1000] if _is_http_url(url) else "",
        published_at=_parse_datetime(published, name, strict=False),
    )
    return article.with_overrides(language=language)


def _parse_json(text: str, name: str) -> ArticleText:
    """JSON: an object with `title` and `body`, and optional metadata."""
    try:
        data = json.loads(text)
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


def _check_article(article: ArticleText) -> None:
    if not article.body.strip():
        raise ArticleImportError(article.name, "has no article text")
    if len(article.title) > MAX_TITLE_CHARS:
        raise ArticleImportError(
            article.name, f"has a title longer than {MAX_TITLE_CHARS} characters"
        )
    if article.body.count("\n") >= MAX_BODY_LINES:
        raise ArticleImportError(article.name, f"has more than {MAX_BODY_LINES:,} lines")
    sentences = len(segment_article(article.title, article.body))
    if sentences > MAX_SENTENCES:
        raise ArticleImportError(
            article.name,
            f"has {sentences:,} sentences; articles of at most {MAX_SENTENCES:,} can be compared",
        )


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


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"
