"""A word-level diff of a unit's two sides, for editors to see what changed.

Plain Python (no Django): `diff_words(source, target)` splits both texts into word,
punctuation and space tokens, matches the words (ignoring case and quote styles), and
returns each side as tokens that say whether the word was kept or changed, whether it
looks like a name or a number, and whether it lies inside the evidence of a flag. The
templates render the tokens with autoescaping, so no text here is ever trusted markup.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SAME = "same"
CHANGED = "changed"  # in the source: replaced or dropped; in the target: replaced or new
SPACE = "space"

# Words, numbers with their separators (5, 2,000, 3.5, 28th) and single other characters.
_TOKEN = re.compile(
    r"\d[\d.,:/]*\d(?:st|nd|rd|th|s)?|\d(?:st|nd|rd|th|s)?|[^\W\d_](?:[\w’'\-]*\w)?|\s+|.",
    re.UNICODE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NUMBER_WORDS = _words(
    "zero two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion dozen dozens half quarter first second third fourth fifth sixth seventh "
    "eighth ninth tenth twice"
)

# Capitalised words that start sentences or clauses without being names.
_NOT_NAMES = _words(
    "a an the and but or if in on at of to for by with from as it its this that these "
    "those there their they them he she his her we our you your i my me us is are was "
    "were be been has have had do does did not no yes so while when where which who whom "
    "what why how after before since until during about against among between into over "
    "under again also just only still then than however meanwhile some many most more any "
    "all each both few other such mr mrs ms dr"
)

_OPENERS = frozenset('.!?:“"‘([–—')

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    change: str  # SAME, CHANGED or SPACE
    is_name: bool = False
    is_number: bool = False
    in_evidence: bool = False
    # The keys of the flags whose evidence this word is (for highlighting one flag's).
    evidence: tuple[str, ...] = ()
    # A space between two changed words: marked too, so that a changed phrase reads as
    # one run rather than as separate words.
    bridge: bool = False

    @property
    def is_word(self) -> bool:
        return self.change != SPACE

    @property
    def changed(self) -> bool:
        return self.change == CHANGED

    @property
    def evidence_keys(self) -> str:
        return " ".join(self.evidence)

    @property
    def css(self) -> str:
        """Class names for the template (a fixed vocabulary, never text from the article)."""
        classes = ["w"]
        if self.change == CHANGED:
            classes.append("w-chg")
        if self.is_name:
            classes.append("w-name")
        if self.is_number:
            classes.append("w-num")
        if self.in_evidence:
            classes.append("w-ev")
        return " ".join(classes)


@dataclass(frozen=True, slots=True)
class WordDiff:
    source: tuple[Token, ...]
    target: tuple[Token, ...]

    @property
    def changed_words(self) -> int:
        return sum(t.changed for t in self.source) + sum(t.changed for t in self.target)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(text, start, end) of every word, number, space run and other character."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def normalise(word: str) -> str:
    """How two words are compared: case, accents and quote styles do not count."""
    folded = unicodedata.normalize("NFKD", word.translate(_QUOTES).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def looks_like_number(word: str) -> bool:
    return any(c.isdigit() for c in word) or normalise(word) in NUMBER_WORDS


def _sentence_starts(tokens: Sequence[tuple[str, int, int]]) -> set[int]:
    """Indices of the words that open a sentence or a quotation."""
    starts: set[int] = set()
    expect_start = True
    for index, (text, _, _) in enumerate(tokens):
        if text.isspace():
            continue
        if text in _OPENERS:
            expect_start = True
        elif any(c.isalnum() for c in text):
            if expect_start:
                starts.add(index)
            expect_start = False
    return starts


def looks_like_name(word: str, opens_sentence: bool) -> bool:
    """A capitalised word that is not a common sentence opener, or an acronym."""
    if not word[:1].isupper() or looks_like_number(word):
        return False
    if len(word) > 1 and word.isupper():
        return True  # SDF, ISIS, U.S
    if normalise(word) in _NOT_NAMES:
        return False
    return not opens_sentence or len(word) > 1 and any(c.isupper() for c in word[1:])


Span = str | tuple[str, str]  # the words, or (a key naming the flag, the words)


def _evidence_ranges(text: str, spans: Iterable[Span]) -> list[tuple[int, int, str]]:
    folded = text.casefold()
    ranges = []
    for span in spans:
        key, words = span if isinstance(span, tuple) else ("", span)
        needle = words.strip().casefold()
        if not needle:
            continue
        at = folded.find(needle)
        while at != -1:
            ranges.append((at, at + len(needle), key))
            at = folded.find(needle, at + len(needle))
    return ranges


def _side(
    text: str,
    tokens: Sequence[tuple[str, int, int]],
    changed: set[int],
    evidence: Sequence[tuple[int, int, str]],
) -> tuple[Token, ...]:
    starts = _sentence_starts(tokens)
    out = []
    for index, (word, start, end) in enumerate(tokens):
        if word.isspace():
            out.append(Token(word, start, end, SPACE))
            continue
        is_word = any(c.isalnum() for c in word)
        out.append(
            Token(
                word,
                start,
                end,
                CHANGED if index in changed and is_word else SAME,
                is_name=is_word and looks_like_name(word, index in starts),
                is_number=is_word and looks_like_number(word),
                in_evidence=any(s < end and start < e for s, e, _ in evidence),
                evidence=tuple(
                    dict.fromkeys(k for s, e, k in evidence if k and s < end and start < e)
                ),
            )
        )
    for index in range(1, len(out) - 1):
        token, before, after = out[index], out[index - 1], out[index + 1]
        if token.change != SPACE:
            continue
        shared = tuple(k for k in before.evidence if k in after.evidence)
        bridge = before.changed and after.changed
        if bridge or shared:
            out[index] = Token(
                token.text, token.start, token.end, SPACE, evidence=shared, bridge=bridge
            )
    return tuple(out)


def diff_words(
    source: str,
    target: str,
    *,
    source_spans: Iterable[Span] = (),
    target_spans: Iterable[Span] = (),
) -> WordDiff:
    """Both sides as tokens, changed words marked, evidence spans located.

    `source_spans`/`target_spans` are the words a flag points at (its evidence); every
    token inside one of their occurrences is marked `in_evidence`. A span given as
    (key, words) also puts its key in the token's `evidence`.
    """
    source_tokens, target_tokens = tokenize(source), tokenize(target)
    # Only words and punctuation take part in the matching; spaces follow their words.
    source_index = [i for i, (t, _, _) in enumerate(source_tokens) if not t.isspace()]
    target_index = [i for i, (t, _, _) in enumerate(target_tokens) if not t.isspace()]
    matcher = difflib.SequenceMatcher(
        a=[normalise(source_tokens[i][0]) for i in source_index],
        b=[normalise(target_tokens[i][0]) for i in target_index],
        autojunk=False,
    )
    changed_source: set[int] = set()
    changed_target: set[int] = set()
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changed_source.update(source_index[a1:a2])
        changed_target.update(target_index[b1:b2])
    return WordDiff(
        source=_side(source, source_tokens, changed_source, _evidence_ranges(source, source_spans)),
        target=_side(target, target_tokens, changed_target, _evidence_ranges(target, target_spans)),
    )
