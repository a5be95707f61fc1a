"""Clauses present on one side only, inside a matched unit.

This is where false suggestions come from: a retranslation rewords everything, so a
clause is called missing only when it is long enough to carry a fact (at least four
content words) and almost none of its content words (after light stemming and a few
news synonyms) appear anywhere on the other side. Adjacent missing clauses are merged
into one suggestion. Quotations and sourcing phrases ("according to local sources")
are left to the quote and source checks, so that one change gives one flag.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from ..categories import MAJOR
from ..types import Suggestion
from .lexicon import FUNCTION_WORDS, words
from .text import TextFacts, fold, stem

# Clause boundaries: punctuation, brackets, and the conjunctions that open a clause.
_BOUNDARY = re.compile(
    # Every boundary starts with one of these characters: the look-ahead lets the
    # engine pass over every other position without trying the alternatives below.
    r"(?=[;()\[\]—–,:\swatbs])(?:"
    # A comma or colon between digits is part of a figure ("1,000", "9:30").
    r"[;()\[\]—–]|,(?!\d)|(?<!\d):(?!\d)|\s-\s|"
    r"\b(?:while|whereas|although|though|but|as well as|after|before|because|since|which|who)\b|"
    # "and" only where it joins a second predicate ("... and will be monitored").
    r"\band(?=\s+(?:will|would|was|were|is|are|has|have|had|could|should|may|might)\b)|"
    # ... and before a verb in the past or a new subject ("... and warned voters",
    # "... and police have swept the grounds").
    r"\band(?=\s+(?:\w{3,}ed|he|she|they|we|it|police|officials)\s))",
    re.IGNORECASE,
)
# The same boundaries, for a text read in lower case (same length, same offsets):
# without the leading look-ahead, the case-insensitive matching and the leading \b,
# the engine passes over a text by the first characters alone, several times faster.
# `_boundaries` checks each word's start itself, and restarts after a match it refuses,
# so that it finds exactly what `_BOUNDARY` finds.
_LOWER_BOUNDARY = re.compile(
    r"[;()\[\]—–]|,(?!\d)|:(?<!\d:)(?!\d)|-(?<=\s-)(?=\s)|"
    r"(?:while|whereas|although|though|but|as well as|after|before|because|since|which|who)\b|"
    r"and(?=\s+(?:will|would|was|were|is|are|has|have|had|could|should|may|might)\b)|"
    r"and(?=\s+(?:\w{3,}ed|he|she|they|we|it|police|officials)\s)"
)


# The only characters that case-insensitive matching takes for an ASCII letter ("ſ"
# for "s", the Kelvin sign for "k"), or whose lower case is longer ("İ"): a text
# without them reads the same in lower case.
_CASE_TWINS = frozenset("İıſ\u212a")


def _boundaries(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, whether a word opens the next clause) of each clause boundary."""
    if not text.isascii() and not _CASE_TWINS.isdisjoint(text):
        return [(m.start(), m.end(), m.group()[:1].isalpha()) for m in _BOUNDARY.finditer(text)]
    low = text.lower()
    found = []
    pos = 0
    while match := _LOWER_BOUNDARY.search(low, pos):
        start, end = match.span()
        first = low[start]
        if first == "-":
            # " - ": the spaces around the dash are part of it, as in `_BOUNDARY`; a
            # space that an earlier boundary took cannot start another.
            if start - 1 < pos:
                pos = start + 1
                continue
            start, end = start - 1, end + 1
        elif first.isalpha() and start and (low[start - 1].isalnum() or low[start - 1] == "_"):
            pos = start + 1  # inside a word: `_BOUNDARY`'s \b refuses it
            continue
        found.append((start, end, first.isalpha()))
        pos = end
    return found


# Sourcing and speakers are the attribution checks' business: "according to local
# sources", "who spoke on condition of anonymity", and a clause that is only an
# attribution ("the World Health Organization said").
# Two patterns, the second matched at the start only: as one alternation, the
# anchored part was tried (and failed) at every position of every clause.
_SOURCING_WORDS = re.compile(
    r"\b(?=[actn])(?:according to|citing|told|anonymity|anonymously|not authori[sz]ed)\b",
    re.IGNORECASE,
)
_ONLY_ATTRIBUTION = re.compile(
    r"\W*(?:[\w’'.-]+\s+){0,6}(?:said|says|added|stated)\b(?:\s+[\w’'.-]+){0,3}\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")
_MIN_CONTENT_WORDS = 3
# The first clause carries the subject and verb; it needs one more word to count.
_MIN_FIRST_CLAUSE_WORDS = 4
_MAX_COVERAGE = 0.25  # a clause is missing when under a quarter of its words are found

# Words a retranslation swaps freely, mapped to one representative (compared as stems).
_SYNONYM_WORDS = {
    "rocket": "missile", "troop": "force", "soldier": "force", "military": "force",
    "militaries": "force", "forces": "force", "stated": "say", "told": "say", "said": "say",
    "strike": "attack", "condemn": "denounce", "united": "us", "american": "us",
    "iranian": "iran", "iraqi": "iraq", "syrian": "syria", "faction": "militia",
    "group": "militia", "injured": "casualty", "casualties": "casualty",
    "wounded": "casualty", "hurt": "casualty", "launch": "fire", "retaliation": "response",
    "retaliate": "response", "revenge": "response", "combat": "fight", "battle": "fight",
}  # fmt: skip
_SYNONYMS = {stem(k): stem(v) for k, v in _SYNONYM_WORDS.items()}
_IGNORED = FUNCTION_WORDS | words("also very said says told stated would could")


@lru_cache(maxsize=16384)
def _content(text: str) -> tuple[str, ...]:
    """The content words of a text as comparable keys (stems, synonyms merged)."""
    return tuple(chain.from_iterable(map(_word_keys, _WORD.findall(fold(text)))))


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    """The keys one folded word gives (none for a function word or a number): a word
    recurs in every clause and side it is read in, so its keys are worked out once."""
    word = word.replace(".", "")
    if word in _IGNORED or len(word) < 2 or word.isdigit():
        return ()
    keys = []
    for part in word.split("-"):
        if part and part not in _IGNORED:
            key = stem(part)
            keys.append(_SYNONYMS.get(key, key))
    return tuple(keys)


def _unquoted(facts: TextFacts) -> str:
    """The text with quotations blanked out (same length, so offsets hold)."""
    text = facts.text
    for quote in reversed(facts.quotes):
        text = text[: quote.start] + " " * (quote.end - quote.start) + text[quote.end :]
    return text


def clauses(facts: TextFacts) -> list[tuple[int, int]]:
    """Offsets of the clauses of a text, quotations blanked out."""
    text = _unquoted(facts)
    spans, start = [], 0
    for boundary_start, boundary_end, opens_with_word in _boundaries(text):
        if boundary_start > start:
            spans.append((start, boundary_start))
        start = boundary_start if opens_with_word else boundary_end
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def missing_clauses(facts: TextFacts, other: TextFacts) -> list[str]:
    """Runs of clauses of `facts` whose content the other side lacks, as written."""
    available = set(_content(_unquoted(other))) | set(_content(other.text))
    text = _unquoted(facts)
    runs: list[tuple[int, int]] = []
    extend = False  # whether the next missing clause continues the current run
    spans = clauses(facts)
    first_start = spans[0][0] if spans else 0
    for start, end in spans:
        clause = text[start:end]
        content = _content(clause)
        if _SOURCING_WORDS.search(clause) or _ONLY_ATTRIBUTION.match(clause):
            extend = False
            continue
        if len(content) < (_MIN_FIRST_CLAUSE_WORDS if start == first_start else _MIN_CONTENT_WORDS):
            # A short clause ("(SDF)", "rockets fired") neither starts nor breaks a run.
            continue
        covered = sum(1 for w in content if w in available) / len(content)
        # The first clause carries the sentence's subject and verb; if it is truly gone
        # the aligner would not have matched the sentence, so a reworded main clause
        # ("The Federal Reserve held rates steady" / "The Fed kept rates unchanged")
        # is missing only when none of its words are found.
        if covered >= _MAX_COVERAGE or (covered and start == first_start):
            extend = False
            continue
        if extend:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        extend = True
    return [facts.text[s:e].strip(" ,;:\"“”‘’'") for s, e in runs]


class ClauseCheck:
    """omission / addition: a clause of a matched unit present on one side only."""

    rules = ("clause.omitted", "clause.added")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        found = []
        for clause in missing_clauses(source, target):
            found.append(
                Suggestion(
                    "omission",
                    MAJOR,
                    clause,
                    "",
                    "This clause of the source has no counterpart in the retranslation.",
                    "clause.omitted",
                )
            )
        for clause in missing_clauses(target, source):
            found.append(
                Suggestion(
                    "addition",
                    MAJOR,
                    "",
                    clause,
                    "This clause of the retranslation is not in the source.",
                    "clause.added",
                )
            )
        return found
