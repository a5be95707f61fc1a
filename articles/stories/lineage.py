"""Likely lineage: which earlier text each copy of a story is closest to.

Plain Python (no Django). A copy is usually made from the source, but a site that
republishes another site's copy carries over its drift ("Fandersloot" spreading from
site to site). Each copy is compared with the source and with every copy published
before it (a copy cannot come from a later one); the closest of them is its likely
parent, with the similarity behind it: the share of words the two texts have in
common, in order (an edit-distance ratio over their words).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

SOURCE = 0  # the parent id that means "the source itself"

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Text:
    id: int  # a comparison id (a copy), or SOURCE
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Parent:
    copy_id: int
    parent_id: int  # SOURCE, or the comparison id of an earlier copy
    similarity: float  # 0..1, to that parent
    to_source: float  # 0..1, to the source (the same as `similarity` when it is the parent)

    @property
    def from_source(self) -> bool:
        return self.parent_id == SOURCE


def words_of(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Indel similarity of two word sequences: 1 for the same words in the same order."""
    from rapidfuzz.distance import Indel  # heavy-ish: loaded when a story is shown

    if not a and not b:
        return 1.0
    return float(Indel.normalized_similarity(a, b))


def likely_lineage(source: Text, copies: Sequence[Text]) -> list[Parent]:
    """Each copy's closest earlier text; `copies` are in publication order. A copy as
    close to the source as to an earlier copy is said to come from the source."""
    found = []
    for index, copy in enumerate(copies):
        to_source = similarity(source.words, copy.words)
        best_id, best = SOURCE, to_source
        for earlier in copies[:index]:
            score = similarity(earlier.words, copy.words)
            if score > best:
                best_id, best = earlier.id, score
        found.append(Parent(copy.id, best_id, round(best, 3), round(to_source, 3)))
    return found
