"""The names index: every pair of spellings seen across the archive.

Plain Python (no Django). Each comparison stores its ledger (the names spelled one way
in the source and another in the retranslation, with their units); the index gathers
them by (source spelling, retranslation spelling): in how many comparisons, at which
outlets, first and last seen, and every occurrence (each unit of each comparison).

The names page reads the index stored by articles/stories/names_store.py; this module
is what that index is computed from, for one comparison at a time or (in tests and
`rebuild_names_index`) for the whole archive at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LedgerRow:
    comparison_id: int
    ledger: list  # [{"source": …, "target": …, "units": [positions]}]
    outlet: str
    seen_at: dt.datetime  # the copy's publication time, else when it was compared


@dataclass(frozen=True, slots=True)
class Occurrence:
    comparison_id: int
    unit_position: int | None
    outlet: str
    seen_at: dt.datetime


@dataclass(slots=True)
class NamePair:
    source: str
    target: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def comparisons(self) -> int:
        return len({o.comparison_id for o in self.occurrences})

    @property
    def outlets(self) -> list[str]:
        return sorted({o.outlet for o in self.occurrences if o.outlet})

    @property
    def first_seen(self) -> dt.datetime:
        return min(o.seen_at for o in self.occurrences)

    @property
    def last_seen(self) -> dt.datetime:
        return max(o.seen_at for o in self.occurrences)


def spellings_of(ledger: list) -> Iterator[tuple[str, str, int | None]]:
    """(source spelling, retranslation spelling, unit position) for every unit of every
    entry of a stored ledger; an entry without units gives one with None. What is not a
    ledger entry (a hand-edited or older ledger) is skipped."""
    for entry in ledger or []:
        if not isinstance(entry, dict):
            continue
        source, target = str(entry.get("source", "")), str(entry.get("target", ""))
        units = [u for u in entry.get("units") or [] if isinstance(u, int) and u >= 0]
        for unit in sorted(set(units)) or [None]:
            yield source, target, unit


def names_index(rows: Iterable[LedgerRow], query: str = "") -> list[NamePair]:
    """Every (source, retranslation) spelling pair, the most frequent first; `query`
    keeps the pairs where either spelling contains it (any case)."""
    wanted = query.casefold().strip()
    pairs: dict[tuple[str, str], NamePair] = {}
    for row in rows:
        for source, target, unit in spellings_of(row.ledger):
            if wanted and wanted not in source.casefold() and wanted not in target.casefold():
                continue
            pair = pairs.setdefault((source, target), NamePair(source, target))
            pair.occurrences.append(Occurrence(row.comparison_id, unit, row.outlet, row.seen_at))
    found = list(pairs.values())
    for pair in found:
        pair.occurrences.sort(key=lambda o: (o.seen_at, o.comparison_id, o.unit_position or 0))
    found.sort(key=lambda p: (-p.comparisons, p.source.casefold(), p.target.casefold()))
    return found
