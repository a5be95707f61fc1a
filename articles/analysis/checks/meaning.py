"""Directions and key content words swapped for their opposite.

Both use short curated lists: a direction word on one side answered by a different
direction on the other ("east of the Euphrates" / "west of the Euphrates"), and a
word answered by its antonym or a contrasting concept ("in conjunction with" /
"separated"). A pair fires only when each side lacks the other's word, so a sentence
that mentions both directions is never flagged, and a word under negation ("not
peaceful" / "violent") is left to the negation check's reading.
"""

from __future__ import annotations

import re

from ..categories import CRITICAL, MAJOR
from ..types import Suggestion
from .negation import negated_stems
from .text import TextFacts, span_text, stem, verb_stem

_DIRECTIONS = {
    "north": "north", "northern": "north", "northward": "north", "northwards": "north",
    "south": "south", "southern": "south", "southward": "south", "southwards": "south",
    "east": "east", "eastern": "east", "eastward": "east", "eastwards": "east",
    "west": "west", "western": "west", "westward": "west", "westwards": "west",
    "northeast": "northeast", "northeastern": "northeast", "northwest": "northwest",
    "northwestern": "northwest", "southeast": "southeast", "southeastern": "southeast",
    "southwest": "southwest", "southwestern": "southwest",
    "upstream": "upstream", "downstream": "downstream",
}  # fmt: skip

# Each line: words of one meaning | words of the contrasting one. Phrases are matched
# on lower-case word sequences.
_CONTRASTS_TEXT = """
increase increased increases | decrease decreased decreases
rise rose risen rising grew | fall fell fallen falling dropped declined
higher | lower
more | fewer less
won win wins winning victory | lost lose loses losing defeat defeated
accept accepted accepts approve approved approves | reject rejected rejects refused
allow allowed allows permitted | ban banned bans forbade forbidden prohibited
support supported supports backed | oppose opposed opposes
confirm confirmed confirms | deny denied denies
peaceful calm | violent
killed | wounded injured
arrested detained | released freed
before | after
legal lawful | illegal unlawful
guilty | innocent
ally allies allied | enemy enemies foe foes
praised welcomed hailed | condemned denounced criticised criticized
succeeded success successful | failed failure
lifted eased | imposed tightened
open opened | closed shut
offensive | defensive
unchanged | changed change changes
limited scarce insufficient | sufficient ample plentiful abundant
in conjunction with|together with|jointly|alongside | separated separately separate apart
born birth | died death dead
highest | lowest
largest biggest | smallest
oldest eldest | youngest
older elder | younger
maximum | minimum
best | worst
upper | lower
wettest | driest
bought buy buys buying purchased | sold sell sells selling
import imports imported | export exports exported
arrived arrival | departed departure
maternal | paternal
predecessor | successor
winner winners | loser losers runner-up
husband | wife
son sons | daughter daughters
brother brothers | sister sisters
father | mother
male | female
men | women
"""


def _contrasts() -> list[tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]]:
    pairs = []
    for line in _CONTRASTS_TEXT.strip().splitlines():
        left, right = line.split(" | ")
        sides = []
        for side in (left, right):
            if "|" in side:
                phrases = tuple(tuple(p.split()) for p in side.split("|"))
            else:
                phrases = tuple((w,) for w in side.split())
            sides.append(phrases)
        pairs.append((sides[0], sides[1]))
    return pairs


_CONTRASTS = _contrasts()
# Comparatives contrast only when they govern the same word: "less than"/"more than"
# is a reversal, "less predictable"/"more unpredictable" is the same statement.
_COMPARATIVES = frozenset({"more", "less", "fewer", "higher", "lower"})
_COMPARATIVE_LINES = frozenset(
    n for n, (left, _) in enumerate(_CONTRASTS) if {p[0] for p in left} <= _COMPARATIVES
)


def _index() -> dict[str, list[tuple[int, int, tuple[str, ...]]]]:
    """First word -> (contrast line, side, phrase), so a text is scanned once."""
    index: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
    for line, sides in enumerate(_CONTRASTS):
        for side, phrases in enumerate(sides):
            for phrase in phrases:
                index.setdefault(phrase[0], []).append((line, side, phrase))
    return index


_INDEX = _index()


def _present(lowers: tuple[str, ...]) -> dict[tuple[int, int], tuple[str, str]]:
    """(contrast line, side) -> the first phrase of that side found in the words, with
    the word that follows it."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for i, word in enumerate(lowers):
        for line, side, phrase in _INDEX.get(word, ()):
            if (line, side) not in found and lowers[i : i + len(phrase)] == phrase:
                end = i + len(phrase)
                found[(line, side)] = (" ".join(phrase), lowers[end] if end < len(lowers) else "")
    return found


def meaning_suggestion(source_span: str, target_span: str, reason: str, rule: str) -> Suggestion:
    """A major factual.meaning suggestion: the one shape every meaning rule reports in."""
    return Suggestion("factual.meaning", MAJOR, source_span, target_span, reason, rule)


class MeaningCheck:
    """factual.place (direction swapped) and factual.meaning (antonym)."""

    rules = ("place.direction", "meaning.contrast", "meaning.blame_reversed")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        return (
            self._directions(source, target)
            + self._contrasts(source, target)
            + _blame_reversals(source, target)
        )

    @staticmethod
    def _directions(source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src = {_DIRECTIONS[t.lower]: t.text for t in source.tokens if t.lower in _DIRECTIONS}
        tgt = {_DIRECTIONS[t.lower]: t.text for t in target.tokens if t.lower in _DIRECTIONS}
        lost = [d for d in src if d not in tgt]
        gained = [d for d in tgt if d not in src]
        return [
            Suggestion(
                "factual.place",
                CRITICAL,
                src[s],
                tgt[t],
                f'Direction "{src[s]}" in the source is "{tgt[t]}" in the retranslation.',
                "place.direction",
            )
            for s, t in zip(lost, gained, strict=False)
        ]

    @staticmethod
    def _contrasts(source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src, tgt = _present(source.lowers), _present(target.lowers)
        if not src or not tgt:
            return []
        negated: set[str] | None = None
        found = []
        for line, side in sorted(src):
            other = 1 - side
            if (line, other) not in tgt or (line, side) in tgt or (line, other) in src:
                continue
            (s_word, s_next), (t_word, t_next) = src[(line, side)], tgt[(line, other)]
            if line in _COMPARATIVE_LINES and s_next != t_next:
                continue
            if negated is None:
                negated = negated_stems(source) | negated_stems(target)
            if verb_stem(s_word.split()[-1]) in negated or verb_stem(t_word.split()[-1]) in negated:
                continue
            found.append(
                Suggestion(
                    "factual.meaning",
                    MAJOR,
                    _as_written(source, s_word),
                    _as_written(target, t_word),
                    f'"{s_word}" in the source is "{t_word}" in the retranslation: the '
                    "opposite meaning.",
                    "meaning.contrast",
                )
            )
        return found


def _as_written(facts: TextFacts, phrase: str) -> str:
    size = len(phrase.split())
    lowers = facts.lowers
    for i in range(len(lowers)):
        if " ".join(lowers[i : i + size]) == phrase:
            return facts.text[facts.tokens[i].start : facts.tokens[i + size - 1].end]
    return phrase


# Who is blamed for what. "X holds Y responsible for Z", "X blamed Y for Z" and "X
# blamed Z on Y" all say the same; what reverses the blame is the same Z moving from
# after "for" to after "on" ("which Washington holds responsible for a series of
# strikes" / "which Washington blamed on a series of attacks"). Comparing what follows
# the preposition keeps "blamed the militias for the attack" / "blamed the attack on
# the militias" silent.
_BLAME_FOR = re.compile(r"\b(?=[rb])(?:responsible|blamed?|blames|blaming)\s+for\b", re.IGNORECASE)
_BLAME_ON = re.compile(r"\bblam(?:e|ed|es|ing)\s+on\b", re.IGNORECASE)
_NOUN_WORDS = 4


def _following_words(facts: TextFacts, end: int) -> set[str]:
    words = [t for t in facts.tokens if t.start >= end][: _NOUN_WORDS + 2]
    return {stem(t.lower) for t in words if len(t.lower) > 3}


def _blame_reversals(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    found = []
    for a, b, a_re, b_re in ((source, target, _BLAME_FOR, _BLAME_ON),
                             (source, target, _BLAME_ON, _BLAME_FOR)):  # fmt: skip
        if a_re is _BLAME_FOR and _BLAME_FOR.search(b.text):
            continue
        if a_re is _BLAME_ON and _BLAME_ON.search(b.text):
            continue
        for s_match in a_re.finditer(a.text):
            t_match = b_re.search(b.text)
            if t_match is None:
                break
            shared = _following_words(a, s_match.end()) & _following_words(b, t_match.end())
            if len(shared) >= 2:
                s_span = _phrase_from(a, s_match.start(), s_match.end())
                t_span = _phrase_from(b, t_match.start(), t_match.end())
                found.append(
                    meaning_suggestion(
                        s_span,
                        t_span,
                        f'"{s_span}" in the source is "{t_span}" in the retranslation: the '
                        "blame now runs the other way.",
                        "meaning.blame_reversed",
                    )
                )
                break
    return found


def _phrase_from(facts: TextFacts, start: int, end: int) -> str:
    """The matched words, with "holds" before "responsible" when it is there."""
    tokens = [t for t in facts.tokens if start <= t.start < end]
    index = facts.tokens.index(tokens[0])
    if (
        tokens[0].lower == "responsible"
        and index
        and facts.tokens[index - 1].lower in ("hold", "holds", "held", "holding")
    ):
        tokens.insert(0, facts.tokens[index - 1])
    return span_text(facts.text, tokens)
