"""The entity ledger: every name spelled one way in the source and another way in the
retranslation, with the units where it occurs, so that an editor confirms a respelling
once for all of its units.

Names are compared over the whole article, not unit by unit: a name whose key never
appears on the other side anywhere is paired with the most similar such name of the
other side. That also catches a respelling split across units by a misalignment.
Transliteration-equivalent variants and aliases (see checks.names) never enter it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz.fuzz import ratio

from .checks.names import Mention, is_respelling, keys_of, mentions, unmatched
from .checks.text import facts_of
from .types import LedgerEntry

_MAX_NAMES = 200


def build_entity_ledger(units: Sequence[tuple[str, str]]) -> list[LedgerEntry]:
    """Respelled names across all units, most occurrences first.

    `units` are the (source text, target text) of each unit in order; the indices in
    each entry refer to that list.
    """
    src_keys = _all_keys(units, 0)
    tgt_keys = _all_keys(units, 1)
    src_left = _most_frequent(_left(units, 0, tgt_keys))
    tgt_left = _most_frequent(_left(units, 1, src_keys))

    # Candidate pairs, best first: those that share units (the two spellings stand in
    # the same sentence pair), then the most similar spellings.
    candidates = []
    for s_key, s_found in src_left.items():
        s_units = {i for i, _ in s_found}
        for t_key, t_found in tgt_left.items():
            if is_respelling(s_key, t_key):
                shared = len(s_units & {i for i, _ in t_found})
                candidates.append((-shared, -ratio(s_key, t_key), s_key, t_key))
    candidates.sort()
    entries: list[LedgerEntry] = []
    used_src: set[str] = set()
    used_tgt: set[str] = set()
    for _, _, s_key, t_key in candidates:
        if s_key in used_src or t_key in used_tgt:
            continue
        used_src.add(s_key)
        used_tgt.add(t_key)
        s_spellings = Counter(m.surface for _, m in src_left[s_key])
        t_spellings = Counter(m.surface for _, m in tgt_left[t_key])
        indices = sorted({i for i, _ in src_left[s_key]} | {i for i, _ in tgt_left[t_key]})
        entries.append(
            LedgerEntry(
                source_name=s_spellings.most_common(1)[0][0],
                target_name=t_spellings.most_common(1)[0][0],
                units=tuple(indices),
            )
        )
    entries.sort(key=lambda e: (-len(e.units), e.units[0], e.source_name))
    return entries


def _most_frequent(
    left: dict[str, list[tuple[int, Mention]]],
) -> dict[str, list[tuple[int, Mention]]]:
    """At most _MAX_NAMES unmatched names, the most frequent: pairing is quadratic, and
    an article with more distinct unmatched names than that is not a retranslation of
    the other (or is scraped junk)."""
    if len(left) <= _MAX_NAMES:
        return left
    keep = sorted(left, key=lambda k: -len(left[k]))[:_MAX_NAMES]
    return {k: left[k] for k in keep}


def _all_keys(units: Sequence[tuple[str, str]], side: int) -> set[str]:
    """Every key under which one side's names can be found, over all units."""
    keys: set[str] = set()
    for unit in units:
        keys |= keys_of(unit[side])
    return keys


def _left(
    units: Sequence[tuple[str, str]], side: int, other_keys: set[str]
) -> dict[str, list[tuple[int, Mention]]]:
    """Name keys of one side never found on the other, with their occurrences."""
    left: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    for index, unit in enumerate(units):
        for m in unmatched(mentions(facts_of(unit[side])), other_keys):
            left[m.key].append((index, m))
    return left
