"""Copy against copy: two copies of one story side by side, sentence by sentence.

Plain Python (no Django). The two copies are lined up through the source: each source
sentence's text in copy A and in copy B (the units that cover it), with the words that
differ between the two marked. Where A and B differ shows which of them a drift came
from: a change that B shares with A and not with the source is A's, carried over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from articles.analysis.types import ADDITION
from articles.analysis.worddiff import Token, diff_words
from articles.stories.grid import SentenceRow, UnitRow, same_text


@dataclass(frozen=True, slots=True)
class PairRow:
    number: int
    sentence: SentenceRow
    a_text: str  # "" when the copy has no such sentence
    b_text: str
    a_tokens: tuple[Token, ...]
    b_tokens: tuple[Token, ...]
    a_differs_from_source: bool
    b_differs_from_source: bool

    @property
    def same(self) -> bool:
        return same_text(self.a_text, self.b_text)


@dataclass(frozen=True, slots=True)
class CopyPair:
    rows: list[PairRow]
    a_added: list[str]  # sentences only in A (not in the source)
    b_added: list[str]

    @property
    def differing(self) -> int:
        return sum(not row.same for row in self.rows)


def _texts(units: Sequence[UnitRow], comparison_id: int) -> tuple[dict[int, str], list[str]]:
    """A copy's text for each source sentence, and its sentences not in the source. A
    unit joining two source sentences is shown once, at the first of them."""
    by_sentence: dict[int, str] = {}
    added = []
    for unit in units:
        if unit.comparison_id != comparison_id:
            continue
        if unit.kind == ADDITION:
            added.append(unit.target_text)
            continue
        first, *rest = unit.source_positions or [None]
        if first is not None:
            by_sentence.setdefault(first, unit.target_text)
        for position in rest:
            by_sentence.setdefault(position, "")
    return by_sentence, added


def pair_copies(
    sentences: Sequence[SentenceRow], units: Sequence[UnitRow], a_id: int, b_id: int
) -> CopyPair:
    a_texts, a_added = _texts(units, a_id)
    b_texts, b_added = _texts(units, b_id)
    rows = []
    for number, sentence in enumerate(sentences, start=1):
        a_text = a_texts.get(sentence.position, "")
        b_text = b_texts.get(sentence.position, "")
        diff = diff_words(a_text, b_text)
        rows.append(
            PairRow(
                number,
                sentence,
                a_text,
                b_text,
                diff.source,
                diff.target,
                not same_text(a_text, sentence.text),
                not same_text(b_text, sentence.text),
            )
        )
    return CopyPair(rows, a_added, b_added)
