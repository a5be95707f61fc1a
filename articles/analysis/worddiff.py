"""A word-level diff of a unit's two sides, for editors to see what changed.

Plain Python (no Django): `diff_words(source, target)` splits both texts into word,
punctuation and space tokens, matches the words, and returns each side as tokens that
say whether the word was kept, changed or moved, whether it looks like a name or a
number, and whether it lies inside the evidence of a flag. The templates render the
tokens with autoescaping, so no text here is ever trusted markup.

Words are compared as the analysis compares them (articles.analysis.normalise), so that
what is not drift is not marked: case, accents, quote shapes, "U.S." / "US" / "United
States", "five" / "5", "28th" / "28", "Deir ez-Zor" / "Deir Ezzor", and hyphenation
("cease-fire" / "ceasefire", "Iranian-allied" / "Iranian allied"). Words found on both
sides but in another order are MOVED, not a deletion on one side and an insertion on
the other.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalise import STOPWORDS, alias_spans, canonical_text, words_of

SAME = "same"
CHANGED = "changed"  # in the source: replaced or dropped; in the target: replaced or new
MOVED = "moved"  # on both sides, in another place
SPACE = "space"

# Words, numbers with their separators (5, 2,000, 3.5, 28th) and single other characters.
_TOKEN = re.compile(
    r"\d[\d.,:/]*\d(?:st|nd|rd|th|s)?|\d(?:st|nd|rd|th|s)?|[^\W\d_](?:[\w’'\-]*\w)?|\s+|.",
    re.UNICODE,
)
# At most this many words on either side are joined when looking for the same letters
# spelled apart ("cease fire" / "ceasefire", "Deir ez-Zor" / "Deir Ezzor").
_JOIN_WORDS = 3
# Function words alone count as moved from this many in a row on.
_MOVED_PHRASE = 3
# Above this many word pairs (a unit of thousands of words, which only a broken
# segmentation makes) the joined-spelling and move passes are skipped: the plain
# matching still runs, and they would take quadratic time for little gain.
_MAX_PAIRS = 250_000


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
    change: str  # SAME, CHANGED, MOVED or SPACE
    is_name: bool = False
    is_number: bool = False
    in_evidence: bool = False
    # The keys of the flags whose evidence this word is (for highlighting one flag's).
    evidence: tuple[str, ...] = ()
    # A space between two changed words: marked too, so that a changed phrase reads as
    # one run rather than as separate words.
    bridge: bool = False
    # Moved words: which move (1, 2, … the same number on both sides), whether this
    # word opens or closes its run of moved words; a space inside a run is marked too.
    move: int = 0
    move_start: bool = False
    move_end: bool = False
    moved_bridge: bool = False

    @property
    def is_word(self) -> bool:
        return self.change != SPACE

    @property
    def changed(self) -> bool:
        return self.change == CHANGED

    @property
    def moved(self) -> bool:
        return self.change == MOVED

    @property
    def evidence_keys(self) -> str:
        return " ".join(self.evidence)

    @property
    def css(self) -> str:
        """Class names for the template (a fixed vocabulary, never text from the article)."""
        classes = ["w"]
        if self.change == CHANGED:
            classes.append("w-chg")
        if self.change == MOVED:
            classes.append("w-mov")
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

    @property
    def moved_words(self) -> int:
        return sum(t.moved for t in self.source) + sum(t.moved for t in self.target)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(text, start, end) of every word, number, space run and other character.

    A spelling of a country or body ("U.S.", "United States") is one token, so that it
    is compared, and marked, as a whole.
    """
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    for start, end in reversed(alias_spans(text)):
        inside = [i for i, (_, s, e) in enumerate(tokens) if start <= s and e <= end]
        if len(inside) > 1 and tokens[inside[0]][1] == start and tokens[inside[-1]][2] == end:
            tokens[inside[0] : inside[-1] + 1] = [(text[start:end], start, end)]
    return tokens


# The word functions are pure and a newsroom's words repeat from one unit to the next:
# `normalise`, `comparison_words` and `_word_marks` keep their last answers, which took
# a diff from 0.58 to 0.3 ms a unit (issue 18: a unit is drawn again after every action
# on it).
_WORDS_KEPT = 8192


@lru_cache(maxsize=_WORDS_KEPT)
def normalise(word: str) -> str:
    """How two words are compared for display: case, accents and quote styles do not count."""
    folded = unicodedata.normalize("NFKD", word.translate(_QUOTES).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


@lru_cache(maxsize=_WORDS_KEPT)
def comparison_words(token: str) -> tuple[str, ...]:
    """What a token is compared as: the analysis's folded words (none for punctuation).

    "U.S." -> ("usa",), "five" -> ("5",), "28th" -> ("28",), "Iranian-allied" ->
    ("iranian", "allied"), "ez-Zor" -> ("ezzor",), "—" -> ().
    """
    return tuple(words_of(canonical_text(token)))


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


@lru_cache(maxsize=_WORDS_KEPT)
def _word_marks(token: str, opens_sentence: bool) -> tuple[bool, bool]:
    """Whether a token that is not a space reads as a name and as a number (kept here,
    once for both tests, rather than in each)."""
    if not any(c.isalnum() for c in token):
        return False, False
    return looks_like_name(token, opens_sentence), looks_like_number(token)


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


# --- Matching the compared words ----------------------------------------------------


@dataclass(slots=True)
class _Words:
    """One side's compared words, the token each comes from, and what became of it."""

    keys: list[str]
    token_of: list[int]
    state: list[str]
    move: list[int]

    @classmethod
    def of(cls, tokens: Sequence[tuple[str, int, int]]) -> _Words:
        keys, token_of = [], []
        for index, (text, _, _) in enumerate(tokens):
            if text.isspace():
                continue
            for key in comparison_words(text):
                keys.append(key)
                token_of.append(index)
        return cls(keys, token_of, [CHANGED] * len(keys), [0] * len(keys))

    def free(self, start: int, end: int) -> bool:
        return all(state == CHANGED for state in self.state[start:end])


def _match_joined(a: _Words, b: _Words, a1: int, a2: int, b1: int, b2: int) -> None:
    """Inside a replaced stretch, words that are the same letters spelled apart or
    hyphenated ("cease fire" / "ceasefire") are the same."""
    for i in range(a1, a2):
        for j in range(b1, b2):
            if a.state[i] != CHANGED or b.state[j] != CHANGED or a.keys[i][0] != b.keys[j][0]:
                continue
            for la in range(1, min(_JOIN_WORDS, a2 - i) + 1):
                joined = "".join(a.keys[i : i + la])
                lb = next(
                    (
                        n
                        for n in range(1, min(_JOIN_WORDS, b2 - j) + 1)
                        if (la, n) != (1, 1) and "".join(b.keys[j : j + n]) == joined
                    ),
                    0,
                )
                if lb and a.free(i, i + la) and b.free(j, j + lb):
                    a.state[i : i + la] = [SAME] * la
                    b.state[j : j + lb] = [SAME] * lb
                    break


def _match_moves(a: _Words, b: _Words) -> None:
    """Runs of words left over on both sides with the same words: moved.

    A run is the longest stretch of left-over words the sides share around a word; it
    counts as moved when it carries meaning: a word other than "the", "of", "said"…,
    or at least _MOVED_PHRASE words ("it was over"). A lone "the" elsewhere is just a
    change. The longest runs are taken first.
    """
    where: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(b.keys):
        if b.state[j] == CHANGED:
            where[key].append(j)
    runs = set()
    for i, key in enumerate(a.keys):
        if a.state[i] != CHANGED:
            continue
        for j in where.get(key, ()):
            left = 0
            while (
                i - left > 0
                and j - left > 0
                and a.state[i - left - 1] == CHANGED
                and b.state[j - left - 1] == CHANGED
                and a.keys[i - left - 1] == b.keys[j - left - 1]
            ):
                left += 1
            right = 1
            while (
                i + right < len(a.keys)
                and j + right < len(b.keys)
                and a.state[i + right] == CHANGED
                and b.state[j + right] == CHANGED
                and a.keys[i + right] == b.keys[j + right]
            ):
                right += 1
            size, start = left + right, i - left
            if size >= _MOVED_PHRASE or any(
                k not in STOPWORDS for k in a.keys[start : start + size]
            ):
                runs.add((size, start, j - left))
    number = 0
    for size, i, j in sorted(runs, key=lambda run: (-run[0], run[1], run[2])):
        if a.free(i, i + size) and b.free(j, j + size):
            number += 1
            a.state[i : i + size] = [MOVED] * size
            b.state[j : j + size] = [MOVED] * size
            a.move[i : i + size] = [number] * size
            b.move[j : j + size] = [number] * size


def _compare(a: _Words, b: _Words) -> None:
    """Set the state of every compared word of both sides."""
    matcher = difflib.SequenceMatcher(a=a.keys, b=b.keys, autojunk=False)
    thorough = len(a.keys) * len(b.keys) <= _MAX_PAIRS
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            a.state[a1:a2] = [SAME] * (a2 - a1)
            b.state[b1:b2] = [SAME] * (b2 - b1)
        elif op == "replace" and thorough:
            _match_joined(a, b, a1, a2, b1, b2)
    if thorough:
        _match_moves(a, b)


def _token_changes(words: _Words, count: int) -> tuple[list[str], list[int]]:
    """Each token's change and move: changed if any of its words is, else moved if one
    is; tokens without compared words (punctuation) are the same."""
    change, move = [SAME] * count, [0] * count
    for key_index, token in enumerate(words.token_of):
        state = words.state[key_index]
        if state == CHANGED or (state == MOVED and change[token] == SAME):
            change[token] = state
            move[token] = words.move[key_index] if state == MOVED else 0
    return change, move


def _side(
    tokens: Sequence[tuple[str, int, int]],
    words: _Words,
    evidence: Sequence[tuple[int, int, str]],
) -> tuple[Token, ...]:
    starts = _sentence_starts(tokens)
    change, move = _token_changes(words, len(tokens))
    out = []
    for index, (word, start, end) in enumerate(tokens):
        if word.isspace():
            out.append(Token(word, start, end, SPACE))
            continue
        is_name, is_number = _word_marks(word, index in starts)
        if evidence:
            keys = tuple(dict.fromkeys(k for s, e, k in evidence if k and s < end and start < e))
            in_evidence = bool(keys) or any(s < end and start < e for s, e, _ in evidence)
        else:  # most units: no flag points at any of their words
            keys, in_evidence = (), False
        out.append(
            Token(
                word,
                start,
                end,
                change[index],
                is_name=is_name,
                is_number=is_number,
                in_evidence=in_evidence,
                evidence=keys,
                move=move[index],
            )
        )
    for index in range(1, len(out) - 1):
        token, before, after = out[index], out[index - 1], out[index + 1]
        if token.change != SPACE:
            continue
        shared = tuple(k for k in before.evidence if k in after.evidence)
        bridge = before.changed and after.changed
        moved_bridge = before.moved and after.moved and before.move == after.move
        if bridge or shared or moved_bridge:
            out[index] = Token(
                token.text,
                token.start,
                token.end,
                SPACE,
                evidence=shared,
                bridge=bridge,
                move=before.move if moved_bridge else 0,
                moved_bridge=moved_bridge,
            )
    return _mark_move_ends(out)


def _mark_move_ends(tokens: list[Token]) -> tuple[Token, ...]:
    """Mark the first and last token of every run of moved tokens (for the text that
    says where moved words begin and end)."""
    runs: dict[int, list[int]] = defaultdict(list)
    for index, token in enumerate(tokens):
        if token.moved:
            runs[token.move].append(index)
    # A move's words may come apart on one side (punctuation between them is kept).
    for indices in runs.values():
        first, last = indices[0], indices[-1]
        for index in (first, last):
            token = tokens[index]
            tokens[index] = Token(
                token.text,
                token.start,
                token.end,
                token.change,
                is_name=token.is_name,
                is_number=token.is_number,
                in_evidence=token.in_evidence,
                evidence=token.evidence,
                move=token.move,
                move_start=token.move_start or index == first,
                move_end=token.move_end or index == last,
            )
    return tuple(tokens)


def diff_words(
    source: str,
    target: str,
    *,
    source_spans: Iterable[Span] = (),
    target_spans: Iterable[Span] = (),
) -> WordDiff:
    """Both sides as tokens, changed and moved words marked, evidence spans located.

    `source_spans`/`target_spans` are the words a flag points at (its evidence); every
    token inside one of their occurrences is marked `in_evidence`. A span given as
    (key, words) also puts its key in the token's `evidence`.
    """
    source_tokens, target_tokens = tokenize(source), tokenize(target)
    source_words, target_words = _Words.of(source_tokens), _Words.of(target_tokens)
    _compare(source_words, target_words)
    return WordDiff(
        source=_side(source_tokens, source_words, _evidence_ranges(source, source_spans)),
        target=_side(target_tokens, target_words, _evidence_ranges(target, target_spans)),
    )
