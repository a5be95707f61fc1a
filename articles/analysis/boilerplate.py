"""Recognise the lines of a scraped article that are not its story.

Scraped and republished articles carry ad markers, comment prompts, slide counters,
photo captions, bylines and credit lines. They must stay visible to editors but never
take part in the alignment, so each line of an article gets a kind here before the
body is split into sentences.
"""

from __future__ import annotations

import re

from .types import BODY, BOILERPLATE, BYLINE, CAPTION, CREDIT

_BOILERPLATE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\[\s*ad[_ -]?\d*\s*\]$",  # [ad_1]
        r"^\d{1,3}\s*/\s*\d{1,3}$",  # slide counter "2/2"
        r"^please enter your (comment|name|email)( here)?[!.]?$",
        r"^(source|original) link:?$",
        r"^(advertisement|sponsored( content)?|related( articles?| stories)?)$",
        r"^(read more|see also|share this( article)?|click here)\b.{0,60}$",
        r"^(sign up|subscribe)\b.{0,80}$",
        r"^(leave a (reply|comment)|comments?)$",
        r"^(save my name|notify me of)\b.{0,120}$",
        r"^(tags?|filed under|categor(y|ies)):.{0,200}$",
        r"^(follow us|like us) on\b.{0,80}$",
        # "Copyright 2021 Reuters", "Copyright © ...", not "Copyright lawsuits rose ..."
        r"^(all rights reserved\b|copyright\s*(©|\(c\)|\d{4})).{0,120}$",
    )
]

# A photo caption: starts with a copyright sign or "Photo:", or ends with an agency
# credit such as "REUTERS/Guglielmo Mangiapane".
_CAPTION_START = re.compile(r"^(©|\(c\)\s|photo:|file photo\b|picture:|image:)", re.IGNORECASE)
_CAPTION_END = re.compile(r"\b(REUTERS|AFP|AP|Getty Images|EPA)\s*/\s*[A-Z][\w.' -]{1,60}$")

_BYLINE = re.compile(
    r"^(?i:authors?|by|written by|words by)\s*:?\s+(?P<names>[A-Z][\w.,' -]{1,120})$"
)
# Words a byline may hold besides capitalised names: "By Phil Stewart and Idrees Ali
# in Washington". A lower-case word of any other kind makes the line a sentence ("By
# Monday, troops had left the base.").
_BYLINE_CONNECTORS = frozenset(
    ("and", "in", "of", "for", "de", "da", "del", "der", "van", "von", "al", "bin", "la", "le")
)
_BYLINE_WORD = re.compile(r"[^\W\d_][\w'.-]*")

# Credit lines, usually in parentheses at the foot of a wire story:
# "(Reporting by Phil Stewart; editing by Howard Goller)". Without the parentheses a
# credit line names a second role ("Reporting by ...; Editing by ...") or only names
# ("Editing by Howard Goller"), so that a sentence such as "Reporting by The
# Washington Post revealed ..." stays body text.
_CREDIT = re.compile(
    r"^\(?\s*(reporting|additional reporting|writing|editing|compiled|translated|"
    r"translation|production) by\b(?P<credited>.{0,600})$",
    re.IGNORECASE,
)
_CREDIT_SECOND_ROLE = re.compile(
    r"[;,]\s*(and\s+)?(additional reporting|reporting|writing|editing|compiled|translated|"
    r"translation|production|graphics|fact-checking) by\b",
    re.IGNORECASE,
)

# A wire dateline at the start of the lead paragraph: "WASHINGTON (Reuters) -",
# "WASHINGTON/Damascus –", "LONDON, Jan 5 (AP) —". The city is in capitals; the dash
# is either spaced or follows the agency's parenthesis, so that a sentence starting
# "US-backed forces" is not taken for one.
_DATELINE = re.compile(
    r"""^(?P<dateline>
        [A-Z][A-Z'.\-]{2,}(?:\ [A-Z][A-Z'.\-]+){0,3}       # WASHINGTON, NEW YORK, ST. LOUIS
        (?:\s*/\s*[A-Z][A-Za-z'.\-]+(?:\ [A-Z][A-Za-z'.\-]+){0,2})*  # /Damascus
        (?:,\s*[A-Z][a-z]{2,8}\.?\ \d{1,2})?                 # , Jan 5
        (?:\s*\([A-Za-z][A-Za-z .&\-]{0,30}\))?              # (Reuters)
        (?:\s+[-–—]{1,2}|(?<=\))\s*[-–—]{1,2})               # spaced dash, or dash after ")"
        \s*)""",
    re.VERBOSE,
)

_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS_WITH_PERIOD = 14


def classify_line(line: str) -> str:
    """The kind of one stripped line of article text: body or a kind of metadata."""
    text = line.strip()
    if not text:
        return BOILERPLATE
    if any(p.match(text) for p in _BOILERPLATE_PATTERNS):
        return BOILERPLATE
    if (credit := _CREDIT.match(text)) and (
        (text.startswith("(") and text.endswith(")"))
        or _CREDIT_SECOND_ROLE.search(text)
        or _names_only(credit["credited"])
    ):
        return CREDIT
    if _CAPTION_START.match(text) or _CAPTION_END.search(text):
        return CAPTION
    if len(text) <= 160 and (byline := _BYLINE.match(text)) and _names_only(byline["names"]):
        return BYLINE
    return BODY


def _names_only(text: str) -> bool:
    """Whether text is only names and their connectors ("Phil Stewart in Washington")."""
    words = _BYLINE_WORD.findall(text)
    return bool(words) and all(w[0].isupper() or w in _BYLINE_CONNECTORS for w in words)


def split_dateline(paragraph: str) -> tuple[str, int]:
    """The dateline that opens a paragraph and the offset where the story starts.

    Returns ("", 0) when the paragraph has no dateline.
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return "", 0
    return match.group("dateline").strip().rstrip("-–—").strip(), match.end()


def looks_like_title(line: str) -> bool:
    """Whether the first body line of a plain-text article reads as its headline.

    A headline is short, has no dateline, and is not a full paragraph: a long line
    ending in a full stop is the lead, not the title (a retranslation scraped without
    its headline starts straight with the lead).
    """
    text = line.strip()
    if not text or len(text) > _TITLE_MAX_CHARS or classify_line(text) != BODY:
        return False
    if split_dateline(text)[0]:
        return False
    ends_sentence = text.rstrip("\"'”’)").endswith(".")
    return not (ends_sentence and len(text.split()) > _TITLE_MAX_WORDS_WITH_PERIOD)
