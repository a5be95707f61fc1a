"""Negation: a statement flipped between affirmative and negative.

Counting negators per sentence would flag every rewording ("cannot be trusted" /
"is not credible", "not to provoke" / "to avoid"), so polarity is anchored to a word:
each negator marks the first content word after it ("not ... trusted"), and a flip is
a word that is negated on one side and present, but not negated, on the other.
"""

from __future__ import annotations

from collections import Counter

from ..categories import CRITICAL
from ..types import Suggestion
from .lexicon import words
from .text import TextFacts, Token, span_text, verb_stem

_NEGATORS = words(
    """not no never cannot without nor neither none nothing nobody fail fails failed
    failing unable refuse refuses refused refusing decline declines declined declining
    dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt hasnt
    havent hadnt"""
)
# Negators only in a phrase: "rather than", "instead of" ("will instead create" is not
# a negation of "create").
_PHRASE_NEGATORS = {"rather": "than", "instead": "of"}
# Words that make their clause negative without being a negator of one word: near them
# nothing is "clearly affirmative" ("IE's failure to determine" / "IE does not
# determine", "rarely keep" / "do not keep", "denied a motion to postpone" / "refused
# to postpone").
_NEGATIVE_CONTEXT = words(
    """failure failures rarely seldom hardly barely scarcely deny denies denied denying
    reject rejects rejected rejecting lack lacks lacked lacking absence absent avoid
    avoids avoided prevent prevents prevented stop stops stopped halt halted"""
)
# Words a negation passes over on its way to what it negates.
_PASS_OVER = words(
    """be been being is are was were am have has had do does did will would can could
    shall should may might must a an the any to so very too only just even really yet
    always ever all much longer entirely fully quite one there get got seem seems
    seemed appear appears appeared necessarily immediately currently also than of"""
)
# Every word `polarity` stops at: a negator (alone or opening a phrase) or a negative
# context.
_TRIGGERS = _NEGATORS | frozenset(_PHRASE_NEGATORS) | {"yet"} | _NEGATIVE_CONTEXT
_SCOPE = 4
_SHADOW = 6
_SHADOW_BEFORE = 4


def _is_negator(tokens: tuple[Token, ...], i: int) -> bool:
    low = tokens[i].lower
    following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if low == "yet":  # "has yet to respond" is "has not responded yet"
        return following == "to"
    if low in _PHRASE_NEGATORS:
        return following == _PHRASE_NEGATORS[low]
    return low in _NEGATORS or low.endswith("n't")


def _same_clause(facts: TextFacts, a: int, b: int) -> bool:
    """Whether no clause punctuation stands between tokens a < b."""
    tokens = facts.tokens
    return _CLAUSE_MARKS.isdisjoint(facts.text[tokens[a].end : tokens[b].start])


_CLAUSE_MARKS = frozenset(",;:.!?()")


def polarity(facts: TextFacts) -> tuple[Counter, Counter, dict[str, list[Token]]]:
    """Negated and affirmative counts per word stem, and the tokens of each negation
    (negator through the word it negates)."""
    negated: Counter = Counter()
    spans: dict[str, list[Token]] = {}
    tokens = facts.tokens
    # Words near a negator, in the same clause, are not clearly affirmative even when
    # the negation anchored on another word: "cannot afford to feed" is as negative
    # about feeding as "can no longer feed", and in "the two sides have not commented"
    # the sides are not affirmed against "neither side has commented".
    shadowed: set[int] = set()
    for i, token in enumerate(tokens):
        # Most words are neither a negator nor a negative context: passed at once.
        if token.lower not in _TRIGGERS and not token.lower.endswith("n't"):
            continue
        negator = _is_negator(tokens, i)
        if not negator and tokens[i].lower not in _NEGATIVE_CONTEXT:
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + _SHADOW)):
            if not _same_clause(facts, i, j):
                break
            shadowed.add(j)
        for j in range(i - 1, max(-1, i - 1 - _SHADOW_BEFORE), -1):
            if not _same_clause(facts, j, i):
                break
            shadowed.add(j)
        if not negator:
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + _SCOPE)):
            low = tokens[j].lower
            if low in _PASS_OVER:
                continue
            if _is_negator(tokens, j) or len(low) < 3:
                break
            key = verb_stem(low)
            negated[key] += 1
            spans.setdefault(key, list(tokens[i : j + 1]))
            break
    lowers = facts.lowers
    if shadowed:
        lowers = [low for j, low in enumerate(lowers) if j not in shadowed]
    affirmative = Counter(
        map(verb_stem, [low for low in lowers if len(low) >= 3 and low.isalpha()])
    )
    return negated, affirmative, spans


def negated_stems(facts: TextFacts) -> set[str]:
    return set(polarity(facts)[0])


def _affirmative_span(facts: TextFacts, key: str) -> str:
    tokens = facts.tokens
    for j, token in enumerate(tokens):
        if verb_stem(token.lower) == key:
            start = j
            while start > 0 and j - start < 2 and tokens[start - 1].lower in _PASS_OVER:
                start -= 1
            return span_text(facts.text, tokens[start : j + 1])
    return ""


class NegationCheck:
    """factual.negation: a word negated on one side and affirmed on the other."""

    rules = ("negation.flipped",)

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        s_neg, s_aff, s_spans = polarity(source)
        t_neg, t_aff, t_spans = polarity(target)
        found = []
        for key in s_neg:
            if t_neg[key] < s_neg[key] and t_aff[key] > s_aff[key]:
                s_text = span_text(source.text, s_spans[key])
                t_text = _affirmative_span(target, key)
                found.append(
                    Suggestion(
                        "factual.negation",
                        CRITICAL,
                        s_text,
                        t_text,
                        f'Negative "{s_text}" in the source is affirmative '
                        f'"{t_text}" in the retranslation.',
                        "negation.flipped",
                    )
                )
        for key in t_neg:
            if s_neg[key] < t_neg[key] and s_aff[key] > t_aff[key]:
                t_text = span_text(target.text, t_spans[key])
                s_text = _affirmative_span(source, key)
                found.append(
                    Suggestion(
                        "factual.negation",
                        CRITICAL,
                        s_text,
                        t_text,
                        f'Affirmative "{s_text}" in the source is negative '
                        f'"{t_text}" in the retranslation.',
                        "negation.flipped",
                    )
                )
        return found
