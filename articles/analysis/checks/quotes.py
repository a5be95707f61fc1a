"""Direct quotations: the words inside quotation marks must survive verbatim.

Quotes are compared after normalising what a typesetter varies: quotation marks,
apostrophes, case, punctuation (a serial comma is not a change of wording) and
whitespace. Quotes are paired across the sides by similarity; the suggestion shows
both versions whole, and its severity grows with how much of the wording changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.fuzz import ratio, token_set_ratio

from ..categories import CRITICAL, MAJOR, MINOR
from ..types import Suggestion
from .lexicon import words
from .text import Quote, TextFacts, fold

_NOT_WORD = re.compile(r"[^\w\s]+")

# Below this similarity two quotations are not versions of one another.
_PAIR_FLOOR = 35.0
# A quotation of one or two words is usually a term ("so-called"), not a statement.
_MIN_WORDS = 2
# Longer than this, "quoted" text is a stray quotation mark in scraped copy, not a quote;
# comparing it would cost time proportional to the square of its length.
_MAX_CHARS = 1500


# Contractions and possessives, also as tokenised text writes them ("it 's", "do n't").
_CONTRACTION = re.compile(
    r"\b(it|he|she|that|there|what|who|here)\s?'s\b|\s?n't\b|\s?'(re|ve|ll|m|d)\b"
)
_EXPANDED = {"re": " are", "ve": " have", "ll": " will", "m": " am", "d": " would"}
_POSSESSIVE = re.compile(r"(?<=\w)\s?'s?\b")


def _expand(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + " is"
    if match.group(2):
        return _EXPANDED[match.group(2)]
    return " not"


@lru_cache(maxsize=4096)
def normalise_quote(text: str) -> str:
    """A quotation with typography, case and punctuation removed ("U.S." -> "us"),
    contractions written out ("it's" = "it is", "don't" = "do not") and possessives
    read alike ("the princess' car" = "the princess's car"). Cached: a quotation is
    compared with several others."""
    # Dots join, not separate: "U.S." = "US".
    folded = fold(text).replace(".", "")
    # Contractions and possessives all have an apostrophe (fold made every one plain).
    if "'" in folded:
        folded = _POSSESSIVE.sub("", _CONTRACTION.sub(_expand, folded))
    for short, full in (("ca not", "cannot"), ("can not", "cannot"), ("wo not", "will not")):
        folded = folded.replace(short, full)
    # str.split() splits at what \s matches, and drops the ends as strip() does.
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def _severity(similarity: float) -> str:
    if similarity >= 90:
        return MINOR
    if similarity >= 55:
        return MAJOR
    return CRITICAL


def pair_quotes(
    source: tuple[Quote, ...], target: tuple[Quote, ...]
) -> list[tuple[Quote | None, Quote | None, float]]:
    """Each source quote with its version in the target (None if it has none), and the
    target quotes left over; with the similarity of each pair."""
    src_norm = [normalise_quote(q.text) for q in source]
    tgt_norm = [normalise_quote(q.text) for q in target]
    candidates = []
    for i, s in enumerate(src_norm):
        for j, t in enumerate(tgt_norm):
            score = max(ratio(s, t), token_set_ratio(s, t) * 0.9)
            if score >= _PAIR_FLOOR or (len(source) == 1 and len(target) == 1):
                candidates.append((score, i, j))
    candidates.sort(reverse=True)
    src_used: dict[int, tuple[int, float]] = {}
    tgt_used: set[int] = set()
    for _score, i, j in candidates:
        if i in src_used or j in tgt_used:
            continue
        src_used[i] = (j, ratio(src_norm[i], tgt_norm[j]))
        tgt_used.add(j)
    pairs: list[tuple[Quote | None, Quote | None, float]] = []
    for i, quote in enumerate(source):
        if i in src_used:
            j, similarity = src_used[i]
            pairs.append((quote, target[j], similarity))
        else:
            pairs.append((quote, None, 0.0))
    pairs.extend((None, q, 0.0) for j, q in enumerate(target) if j not in tgt_used)
    return pairs


def _words(quote: Quote | None) -> int:
    """The words of a quotation that may be a statement: none for a title in quotation
    marks ("The Matrix Reloaded", "Long Day's Journey Into Night"), which is a name."""
    if quote is None:
        return 0
    words = quote.text.split()
    capitalised = [w for w in words if w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS]
    if len(words) <= 8 and len(capitalised) == len(words) and not quote.text.endswith("."):
        return 0
    return len(words)


_TITLE_SMALL_WORDS = words("a an the of and or in on at to for with by from")


class QuoteCheck:
    """attribution.quote: a direct quotation reworded, dropped or introduced."""

    rules = ("quote.changed", "quote.lost", "quote.added")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        found = []
        src = tuple(q for q in source.quotes if len(q.text) <= _MAX_CHARS)
        tgt = tuple(q for q in target.quotes if len(q.text) <= _MAX_CHARS)
        for s, t, similarity in pair_quotes(src, tgt):
            if s is not None and t is not None:
                if _verbatim(s, target) or _verbatim(t, source):
                    continue
                found.append(
                    Suggestion(
                        "attribution.quote",
                        _severity(similarity),
                        s.text,
                        t.text,
                        f"Quotation reworded ({100 - similarity:.0f}% changed): "
                        "a direct quote must stay verbatim.",
                        "quote.changed",
                    )
                )
            elif s is not None and _words(s) > _MIN_WORDS and _unquoted_in(s, target):
                found.append(
                    Suggestion(
                        "attribution.quote",
                        MAJOR,
                        s.text,
                        "",
                        "The quotation of the source is not quoted in the retranslation.",
                        "quote.lost",
                    )
                )
            elif t is not None and _words(t) > _MIN_WORDS and _unquoted_in(t, source):
                found.append(
                    Suggestion(
                        "attribution.quote",
                        MAJOR,
                        "",
                        t.text,
                        "The retranslation puts in quotation marks words the source does "
                        "not quote.",
                        "quote.added",
                    )
                )
        return found


def _verbatim(quote: Quote, other: TextFacts) -> bool:
    """Whether the quotation's words stand unchanged on the other side, whether or not
    they are quoted there in the same places: "the law “has several weaknesses”" and
    "“The law has several weaknesses,” he said" quote the same words."""
    words = normalise_quote(quote.text)
    if not words:
        return False
    # Spaces compared away too: "drug trafficking" = "drug-trafficking".
    return words.replace(" ", "") in normalise_quote(other.text).replace(" ", "")


def _unquoted_in(quote: Quote, other: TextFacts) -> bool:
    """Whether the other side still carries the gist of the quote, unquoted: only then
    is a lost or added quotation a change of attribution rather than a dropped clause
    (which the clause check reports)."""
    if not other.text or len(other.text) > 20 * _MAX_CHARS:
        return False
    return token_set_ratio(normalise_quote(quote.text), normalise_quote(other.text)) >= 60
