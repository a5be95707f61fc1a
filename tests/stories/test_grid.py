"""articles.stories.grid: each copy's state for each source sentence (no database)."""

from __future__ import annotations

import datetime as dt

from articles.stories.grid import (
    FLAGGED,
    MISSING,
    REWORDED,
    SAME,
    CopyRow,
    FlagRow,
    SentenceRow,
    UnitRow,
    build_grid,
    publication_order,
    same_text,
)

T0 = dt.datetime(2024, 3, 12, 9, tzinfo=dt.UTC)
SENTENCES = [
    SentenceRow(0, "Flood barrier fails", True),
    SentenceRow(2, "Vandersloot saw it.", False),
]


def copy(cid: int, hours: float | None, imported: int = 0) -> CopyRow:
    published = None if hours is None else T0 + dt.timedelta(hours=hours)
    return CopyRow(
        cid, f"Outlet {cid}", "", published, T0 + dt.timedelta(days=imported), 0.0, "new"
    )


def unit(cid: int, uid: int, position: int, sources, kind="match", s="", t="") -> UnitRow:
    return UnitRow(cid, uid, position, sources, kind, s, t)


def test_it_orders_copies_by_publication_time_and_undated_ones_last_by_import():
    copies = [copy(1, 3), copy(2, None, imported=2), copy(3, 1), copy(4, None, imported=1)]
    assert [c.comparison_id for c in publication_order(copies)] == [3, 1, 4, 2]


def test_it_tells_same_from_reworded_whatever_the_spacing_and_quotation_marks():
    assert same_text("“We moved,” she said.", '"We moved,"  she said.')
    assert not same_text("We moved.", "We evacuated.")


def test_it_gives_each_cell_its_state_and_the_unit_to_open():
    units = [
        unit(1, 10, 0, [0], s="Flood barrier fails", t="Flood  barrier fails"),
        unit(1, 11, 1, [2], s="Vandersloot saw it.", t="Fandersloot saw it."),
        unit(2, 20, 0, [0], s="Flood barrier fails", t="Barrier collapses"),
        unit(2, 21, 1, [2], kind="omission", s="Vandersloot saw it."),
        unit(2, 22, 2, [], kind="addition", t="Opposition called for resignation."),
    ]
    flags = [FlagRow(11, "factual.name", False), FlagRow(11, "factual.number", True)]
    grid = build_grid(SENTENCES, [copy(2, 2), copy(1, 1)], units, flags)
    assert [c.copy.comparison_id for c in grid.columns] == [1, 2]
    states = [[(c.state, c.unit_position) for c in row.cells] for row in grid.rows]
    assert states == [[(SAME, 0), (REWORDED, 0)], [(FLAGGED, 1), (MISSING, 1)]]
    flagged = grid.rows[1].cells[0]
    assert flagged.categories == ("Name", "Number") and flagged.confirmed
    assert flagged.outlet == "Outlet 1"
    assert grid.columns[1].additions == [2] and grid.columns[0].additions == []
    assert grid.columns[1].counts == {SAME: 0, REWORDED: 1, FLAGGED: 0, MISSING: 1}
    assert [row.number for row in grid.rows] == [1, 2]


def test_it_gives_a_unit_joining_two_sentences_to_both_and_a_sentence_without_unit_as_missing():
    units = [unit(1, 10, 0, [0, 2], s="Flood barrier fails Vandersloot saw it.", t="x")]
    grid = build_grid(SENTENCES, [copy(1, 1)], units, [])
    assert [row.cells[0].unit_position for row in grid.rows] == [0, 0]
    lonely = build_grid(SENTENCES, [copy(1, 1)], [], [])
    assert [(c.state, c.unit_position) for row in lonely.rows for c in row.cells] == [
        (MISSING, None),
        (MISSING, None),
    ]
