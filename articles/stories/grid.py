"""The story grid: a source's sentences down the side, its copies across the top.

Plain Python (no Django): `build_grid` takes rows already fetched (the source's
sentences, the copies, their units and open flags) and works out each cell's state,
so that the page's queries do not depend on the number of copies or units, and the
rules are tested without a database.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from articles.analysis.categories import CATEGORY_CODES, category_label
from articles.analysis.types import ADDITION, OMISSION

SAME, REWORDED, FLAGGED, MISSING = "same", "reworded", "flagged", "missing"
STATE_LABELS = {SAME: "Same", REWORDED: "Reworded", FLAGGED: "Flagged", MISSING: "Missing"}
STATE_MARKS = {SAME: "=", REWORDED: "≈", FLAGGED: "⚑", MISSING: "∅"}

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class SentenceRow:
    position: int
    text: str
    is_title: bool


@dataclass(frozen=True, slots=True)
class CopyRow:
    comparison_id: int
    outlet: str
    title: str
    published_at: dt.datetime | None
    imported_at: dt.datetime
    score: float
    status: str


@dataclass(frozen=True, slots=True)
class UnitRow:
    comparison_id: int
    unit_id: int
    position: int
    source_positions: Sequence[int]
    kind: str
    source_text: str
    target_text: str


@dataclass(frozen=True, slots=True)
class FlagRow:
    unit_id: int
    category: str
    confirmed: bool  # confirmed, or only suggested (dismissed flags are not shown)


@dataclass(frozen=True, slots=True)
class Cell:
    state: str
    comparison_id: int
    unit_position: int | None  # the step to open; None when no unit covers it
    categories: tuple[str, ...] = ()  # category labels, in the vocabulary's order
    confirmed: bool = False  # at least one flag is confirmed (else only suggested)
    target_text: str = ""
    outlet: str = ""  # the copy's, for the phone's list and screen readers
    href: str = ""  # the unit's step view ("" when no unit covers the sentence)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def text(self) -> str:
        """What the cell says: its state, or its flags' categories ("?" when only
        suggested)."""
        if not self.categories:
            return self.label
        return ", ".join(self.categories) + ("" if self.confirmed else " ?")

    @property
    def mark(self) -> str:
        return STATE_MARKS[self.state]


@dataclass(slots=True)
class Row:
    sentence: SentenceRow
    number: int  # 1-based, as people count sentences
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class CopyColumn:
    copy: CopyRow
    number: int
    counts: dict[str, int] = field(default_factory=dict)
    additions: list[int] = field(default_factory=list)  # unit positions of added sentences


@dataclass(slots=True)
class Grid:
    columns: list[CopyColumn]
    rows: list[Row]


def publication_order(copies: Iterable[CopyRow]) -> list[CopyRow]:
    """Copies by publication time; those without one after, by import time."""
    return sorted(
        copies,
        key=lambda c: (
            c.published_at is None,
            c.published_at or c.imported_at,
            c.imported_at,
            c.comparison_id,
        ),
    )


def same_text(a: str, b: str) -> bool:
    """The same sentence, whatever its spacing, quotation marks or Unicode form."""
    return a == b or _normal(a) == _normal(b)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def cell_for(unit: UnitRow | None, flags: Sequence[FlagRow], comparison_id: int) -> Cell:
    if unit is None or unit.kind == OMISSION:
        position = unit.position if unit is not None else None
        return Cell(MISSING, comparison_id, position)
    if flags:
        codes = {f.category for f in flags}
        labels = tuple(category_label(code) for code in CATEGORY_CODES if code in codes)
        return Cell(
            FLAGGED,
            comparison_id,
            unit.position,
            labels,
            any(f.confirmed for f in flags),
            unit.target_text,
        )
    state = SAME if same_text(unit.source_text, unit.target_text) else REWORDED
    return Cell(state, comparison_id, unit.position, target_text=unit.target_text)


def build_grid(
    sentences: Sequence[SentenceRow],
    copies: Iterable[CopyRow],
    units: Iterable[UnitRow],
    flags: Iterable[FlagRow],
    link: Callable[[int, int], str] | None = None,
) -> Grid:
    """Each copy's state for each source sentence (a unit joining two sentences is
    the cell of both); `link(comparison id, unit position)` gives a cell's address."""
    flags_of: dict[int, list[FlagRow]] = defaultdict(list)
    for flag in flags:
        flags_of[flag.unit_id].append(flag)
    covering: dict[int, dict[int, UnitRow]] = defaultdict(dict)
    additions: dict[int, list[int]] = defaultdict(list)
    for unit in units:
        if unit.kind == ADDITION:
            additions[unit.comparison_id].append(unit.position)
        for position in unit.source_positions:
            covering[unit.comparison_id].setdefault(position, unit)
    columns = [
        CopyColumn(copy, number, dict.fromkeys(STATE_LABELS, 0))
        for number, copy in enumerate(publication_order(copies), start=1)
    ]
    rows = []
    for number, sentence in enumerate(sentences, start=1):
        row = Row(sentence, number)
        for column in columns:
            cid = column.copy.comparison_id
            unit = covering[cid].get(sentence.position)
            cell = cell_for(unit, flags_of.get(unit.unit_id, []) if unit else [], cid)
            href = link(cid, cell.unit_position) if link and cell.unit_position is not None else ""
            cell = replace(cell, outlet=column.copy.outlet, href=href)
            column.counts[cell.state] += 1
            row.cells.append(cell)
        rows.append(row)
    for column in columns:
        column.additions = sorted(additions.get(column.copy.comparison_id, []))
    return Grid(columns, rows)
