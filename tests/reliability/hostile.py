"""The hostile corpus (tests/data/hostile/payloads.json) as article files, and the
checks every rendered response must pass.

Each payload carries a marker `xss-NN`. After escaping, a marker may only ever be
text: in a text node, or in an attribute that holds text (a form field's value, a
tooltip). Markup that a marker ended up naming (an element, an attribute, a link
target, an event handler) means the payload escaped its escaping.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import REPO

CORPUS = REPO / "tests" / "data" / "hostile" / "payloads.json"
MARKER = re.compile(r"xss-\d\d")
# Attributes whose value is shown as text, never followed or run.
# data-label: a table cell's column name, shown on a phone by CSS (attr()), which is text.
TEXT_ATTRIBUTES = {"value", "title", "alt", "aria-label", "placeholder", "data-text", "data-label"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "xlink:href", "srcdoc", "data"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
# Characters that must come out as entities wherever they reach HTML.
SPECIAL = re.compile(r"[<>\"'&]")


@dataclass(frozen=True)
class Payload:
    id: str
    text: str
    what: str


def payloads() -> list[Payload]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    return [Payload(p["id"], p["payload"], p["what"]) for p in data["payloads"]]


def write_text_pair(folder: Path) -> tuple[Path, Path]:
    """A source and retranslation in plain text: every payload in a sentence of each,
    a date changed in every sentence (so the analysis flags them), one payload only in
    the source (an omission) and one only in the retranslation (an addition)."""
    items = payloads()
    source = ["Hostile headline <script>alert('xss-00')</script> and Maroto", ""]
    target = ["Hostile headline <script>alert('xss-00')</script> and Malotto", ""]
    for number, item in enumerate(items):
        source.append(f"Officials said {item.text} on Monday in case {number}.")
        target.append(f"Officials stated {item.text} on Tuesday in case {number}.")
    source.append(f"Only the source says {items[0].text} here.")
    target.append(f"Only the retranslation adds {items[1].text} here.")
    source_path, target_path = folder / "hostile-source.txt", folder / "hostile-retranslation.txt"
    source_path.write_text("\n".join(source) + "\n", encoding="utf-8")
    target_path.write_text("\n".join(target) + "\n", encoding="utf-8")
    return source_path, target_path


def write_html_pair(folder: Path) -> tuple[Path, Path]:
    """Scraped pages: payloads in metadata and (entity-encoded) in paragraphs, which
    the reader decodes into raw markup characters, plus real tags it must drop."""
    items = payloads()

    def page(verb: str, day: str) -> str:
        paragraphs = "\n".join(
            f"<p>Witnesses {verb} {html.escape(item.text)} on {day} ({number}).</p>"
            f"<p>{item.text}</p>"
            for number, item in enumerate(items)
        )
        title = html.escape(f"Page headline {items[3].text} {day}")
        author = html.escape(items[4].text)
        return (
            f'<html lang="en"><head><meta property="og:title" content="{title}">'
            f'<meta name="author" content="{author}">'
            f'<link rel="canonical" href="javascript:alert(\'xss-07\')"></head>'
            f"<body><article>{paragraphs}</article></body></html>"
        )

    source_path, target_path = folder / "hostile-source.html", folder / "hostile-retranslation.html"
    source_path.write_text(page("reported", "Monday"), encoding="utf-8")
    target_path.write_text(page("claimed", "Tuesday"), encoding="utf-8")
    return source_path, target_path


def json_article(verb: str, day: str) -> dict:
    items = payloads()
    return {
        "title": f"JSON headline {items[0].text} {day}",
        "outlet": items[5].text,
        "byline": items[10].text,
        "url": "https://news.example/story?q=%3Cscript%3E",
        "body": "\n".join(
            f"Sources {verb} {item.text} on {day} ({number})." for number, item in enumerate(items)
        ),
    }


def problems_in_html(body: str, where: str) -> list[str]:
    """What in an HTML response shows a payload escaped its escaping."""
    found = []
    soup = BeautifulSoup(body, "html.parser")
    for tag in soup.find_all(True):
        if MARKER.search(tag.name):
            found.append(f"{where}: an element named by a payload: <{tag.name}>")
        if tag.name in FORBIDDEN_ELEMENTS:
            found.append(f"{where}: a <{tag.name}> element")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append(f"{where}: a meta refresh")
        if tag.name == "script":
            kind = str(tag.get("type", "")).lower()
            if kind == "application/json":
                continue  # data, never run (json_script escapes its markup characters)
            source = str(tag.get("src", ""))
            same_origin = source.startswith("/") and not source.startswith("//")
            if not same_origin or (tag.string and tag.string.strip()):
                found.append(
                    f"{where}: a script that is neither a same-origin file nor data: {tag}"
                )
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"{where}: an event handler {name}= on <{tag.name}>")
            if MARKER.search(name):
                found.append(f"{where}: an attribute named by a payload: {name}")
            if name.lower() in URL_ATTRIBUTES and value.strip().lower().startswith(BAD_SCHEMES):
                found.append(f"{where}: <{tag.name} {name}={value!r}>")
            if MARKER.search(value) and not _holds_text(name.lower(), value):
                found.append(f"{where}: payload text in <{tag.name} {name}={value[:80]!r}>")
    return found


def _holds_text(attribute: str, value: str) -> bool:
    """Whether article text in this attribute is only ever text.

    Form values and tooltips are text. A link may carry article text as percent-encoded
    query data (the admin's filter links: `?outlet=%3Csvg...`), as long as it stays on
    this site and no markup character survived.
    """
    if attribute in TEXT_ATTRIBUTES:
        return True
    return (
        attribute == "href"
        and value.startswith(("?", "/"))
        and not value.startswith("//")
        and not re.search(r"[<>\"'\s]", value)
    )


def raw_payloads_in(body: str, texts: list[str], where: str) -> list[str]:
    """Payload texts with markup characters that appear unescaped in the page."""
    # json_script blocks hold data, escaped for that context; they are checked above.
    outside_data = re.sub(
        r'<script[^>]*type="application/json"[^>]*>.*?</script>', "", body, flags=re.S
    )
    return [
        f"{where}: unescaped {text!r}"
        for text in texts
        if SPECIAL.search(text) and text in outside_data
    ]
