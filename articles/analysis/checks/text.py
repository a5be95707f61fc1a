"""The facts about one side of a unit that every check reads: words and quotations.

A unit side is tokenised once (and cached), so that the checks stay cheap: detection
runs on every unit of every imported pair. Every pattern here is linear in the text;
scraped text is hostile, so nothing may backtrack on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# A word: letters or digits, possibly joined by an apostrophe, hyphen or dot
# ("country’s", "ez-Zor", "U.S", "1,000"); a comma joins digits only, so "Nelson,27"
# (a missing space) is two words.
# Each joiner must be followed by a word character, so the pattern cannot backtrack.
_WORD = re.compile(r"\w+(?:(?<=\d)[,.]\d+|[’'\-.]\w+)*")

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    re.split(
        r"\s+",
        "mr mrs ms dr st gen col lt maj capt sgt sen rep gov prof jr sr no vs "
        "jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd",
    )
)


# A named tuple, not a frozen dataclass: a unit side makes dozens of tokens, and a
# frozen dataclass pays one object.__setattr__ a field to build each (a sixth of the
# tokenising time); reading a field costs the same.
class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int
    sentence_initial: bool
    quoted: bool  # inside quotation marks


@dataclass(frozen=True, slots=True)
class Quote:
    """The words between a pair of quotation marks, as they appear in the text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextFacts:
    text: str
    tokens: tuple[Token, ...]
    quotes: tuple[Quote, ...]
    lowers: tuple[str, ...]  # the tokens' lower-case forms, for phrase look-ups
    # gaps[i]: the text between token i - 1 and token i (before the first, for 0).
    # Several checks read what separates two neighbouring words; it is sliced once.
    gaps: tuple[str, ...] = ()


# Typography that is not accents: folded by a fast table before the slow path.
_TYPOGRAPHY_MARKS = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents; typographic apostrophes, quotes and dashes plain."""
    # The typography table maps only characters outside ASCII, and translating with a
    # dict costs a look-up a character: an ASCII text (most of them) skips it.
    if text.isascii():
        return text.lower()
    # Replacing each mark present is a few fast scans; str.translate with a table
    # looks every character up in a dict.
    for mark, plain in _TYPOGRAPHY_MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    # The combining marks are deleted in one pass; each distinct character is tested
    # once, not each occurrence.
    marks = [c for c in set(decomposed) if unicodedata.combining(c)]
    if marks:
        decomposed = decomposed.translate(dict.fromkeys(map(ord, marks)))
    return decomposed.lower()


_OPENING_CONTEXT = " \t\n([{—–-/"
_CLOSING_CONTEXT = " \t\n)]}.,;:!?—–-/"


def _straight_faces(text: str, i: int, width: int) -> str:
    """Which way a straight double quote (or `''`) at i faces: "open" after a space or
    bracket and before a word, "close" after a word and before a space or punctuation,
    "either" when the context does not say (it then alternates)."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = before in _OPENING_CONTEXT and after not in " \t\n"
    closes = before not in " \t\n([{" and after in _CLOSING_CONTEXT
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


_QUOTE_MARKS = re.compile("``|''|[“„«”»\"‘’]")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the inside of every quotation, in one left-to-right pass.

    Typographic double quotes pair up, and so do the typewriter forms of tokenised
    text (`` and ''). A straight double quote opens or closes by what surrounds it
    (after a space and before a word it opens; after a word and before a space or
    punctuation it closes) and alternates where that is unclear. A single typographic
    quote opens only after a space or bracket and closes only before a non-letter, so
    that the apostrophe of "country’s" is never taken for one; single quotes inside a
    double quotation are part of it. A closing mark with no opening one means the
    quotation started before this text (a sentence split inside a long quote); an
    opening mark never closed runs to the end.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    opener = ""
    length = len(text)
    # Only the quotation marks are visited, not every character.
    for mark in _QUOTE_MARKS.finditer(text):
        i, pair = mark.start(), mark.group()
        ch, width = pair[0], len(pair)
        if ch in "“„«" or pair == "``":
            if open_at is None:
                open_at, opener = i + width, "“"
        elif ch in "”»" or pair == "''" or ch == '"':
            faces = "close" if ch in "”»" else _straight_faces(text, i, width)
            if ch == '"' and open_at is None and faces != "close":
                open_at, opener = i + 1, '"'
            elif open_at is not None and opener in ("“", '"') and faces != "open":
                spans.append((open_at, i))
                open_at = None
            elif open_at is None and not spans and faces == "close":
                spans.append((0, i))
        elif ch == "‘" and open_at is None:
            if i == 0 or text[i - 1] in " \t([—–-":
                open_at, opener = i + 1, "‘"
        elif (
            ch == "’"
            and open_at is not None
            and opener == "‘"
            and (i + 1 >= length or not text[i + 1].isalpha())
        ):
            spans.append((open_at, i))
            open_at = None
    if open_at is not None and open_at < length:
        spans.append((open_at, length))
    return _with_single_quotes(text, spans)


# A quotation between straight single quotes: opened after a space or bracket, not by
# a tokenised contraction ("it 's", "they 're"), closed before a space or punctuation;
# two words at least, so that an apostrophe is never taken for one.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[]))'(?!(?:s|d|m|t|re|ve|ll)\b)(?=\w)"
    r"([^'\n]{1,300}?\s[^'\n]{0,300}?[\w.,!?])'(?=[\s.,;:!?)\]]|$)"
)


def _with_single_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, plus quotations between straight single quotes outside them."""
    if "'" not in text:
        return spans
    extra = [
        m.span(1)
        for m in _SINGLE_QUOTED.finditer(text)
        if not any(start <= m.start() < end for start, end in spans)
    ]
    return sorted(spans + extra) if extra else spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


_SENTENCE_ENDS = frozenset(".!?")


# A named tuple's own constructor is Python code that calls this one; a text's tokens
# are built straight from their fields.
_new_token = tuple.__new__


@lru_cache(maxsize=8192)
def facts_of(text: str) -> TextFacts:
    """Tokens and quotations of one unit side (cached: several checks read it)."""
    quotes = []
    for start, end in _quote_spans(text):
        start, end = _trim(text, start, end)
        if end > start:
            quotes.append(Quote(text[start:end], start, end))
    tokens: list[Token] = []
    lowers: list[str] = []
    gaps: list[str] = []
    previous_end = 0
    # The quotations' offsets, with a sentinel past the text: a token is quoted when it
    # starts inside the first quotation that ends after its start.
    bounds = [(quote.start, quote.end) for quote in quotes]
    bounds.append((len(text) + 1, len(text) + 1))
    q = 0
    quote_start, quote_end = bounds[0]
    prev = ""
    initial = True
    # Typography and accents are all outside ASCII: an ASCII word folds to its lower
    # case, so only the other words of a text (few, even in one with curly quotes) pay
    # for the full fold.
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        gap = text[previous_end:start]
        gaps.append(gap)
        if lowers:
            initial = not _SENTENCE_ENDS.isdisjoint(gap) and not (
                prev in _ABBREVIATIONS or (len(prev) <= 3 and "." in prev) or len(prev) == 1
            )
        while quote_end <= start:
            q += 1
            quote_start, quote_end = bounds[q]
        prev = word.lower() if word.isascii() else fold(word)
        tokens.append(_new_token(Token, (word, prev, start, end, initial, quote_start <= start)))
        lowers.append(prev)
        previous_end = end
    return TextFacts(text, tuple(tokens), tuple(quotes), tuple(lowers), tuple(gaps))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to match "trusted" with "trust", "attacks" with
    "attack": the checks compare word families, not grammar."""
    w = word.lower().replace("'", "").replace("’", "")
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("ly", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + keep
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]  # "stopped" -> "stopp" -> "stop"
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # "provoke" and "provoked" -> "provok"
    return w


# The past forms of common irregular verbs, to their base form, so that "sent" and
# "did not send" are one verb to the checks that compare polarity. Only verbs whose past
# form is not also a common word of another meaning: no "left", "saw", "lay", "felt";
# nor "said" and "told", which a news sentence holds in every attribution.
_IRREGULAR_PAST = {
    past: base
    for base, forms in (
        ("send", "sent"), ("take", "took taken"), ("pay", "paid"), ("find", "found"),
        ("make", "made"), ("give", "gave given"),
        ("come", "came"), ("know", "knew known"), ("think", "thought"),
        ("bring", "brought"), ("buy", "bought"), ("sell", "sold"), ("hold", "held"),
        ("keep", "kept"), ("begin", "began begun"), ("win", "won"), ("lose", "lost"),
        ("meet", "met"), ("lead", "led"), ("build", "built"), ("spend", "spent"),
        ("seek", "sought"), ("fight", "fought"), ("catch", "caught"),
        ("choose", "chose chosen"), ("write", "wrote written"),
        ("speak", "spoke spoken"), ("break", "broke broken"), ("stand", "stood"),
        ("understand", "understood"), ("strike", "struck stricken"),
        ("drive", "drove driven"), ("fall", "fell fallen"), ("grow", "grew grown"),
        ("rise", "rose risen"), ("throw", "threw thrown"), ("shoot", "shot"),
        ("hear", "heard"), ("mean", "meant"), ("teach", "taught"),
        ("become", "became"), ("withdraw", "withdrew withdrawn"), ("flee", "fled"),
        ("forbid", "forbade forbidden"), ("forgive", "forgave forgiven"),
        ("see", "seen"), ("eat", "ate eaten"), ("run", "ran"), ("sink", "sank sunk"),
    )
    for past in forms.split()
}  # fmt: skip


@lru_cache(maxsize=65536)
def verb_stem(word: str) -> str:
    """`stem`, with the past form of a common irregular verb read as its base form:
    "sent" and "send", "took" and "take" share a stem."""
    low = word.lower()
    return stem(_IRREGULAR_PAST.get(low, low))


def span_text(text: str, tokens: tuple[Token, ...] | list[Token]) -> str:
    """The stretch of text from the first to the last of some tokens."""
    if not tokens:
        return ""
    return text[tokens[0].start : tokens[-1].end]
