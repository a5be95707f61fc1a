"""articles.stories.names: spelling pairs gathered across comparisons (no database)."""

from __future__ import annotations

import datetime as dt

from articles.stories.names import LedgerRow, names_index

T = dt.datetime(2024, 3, 12, 9, tzinfo=dt.UTC)


def row(cid, outlet, hours, *entries):
    ledger = [{"source": s, "target": t, "units": units} for s, t, units in entries]
    return LedgerRow(cid, ledger, outlet, T + dt.timedelta(hours=hours))


ROWS = [
    row(1, "Harbour Daily", 1, ("Vandersloot", "Fandersloot", [5]), ("Blinken", "Brinken", [2, 7])),
    row(2, "Coastal Times", 2, ("Vandersloot", "Fandersloot", [4])),
    row(3, "Coastal Times", 0, ("Vandersloot", "Fandersloot", [6]), ("Maroto", "Malotto", [])),
    row(4, "", 5, ("Blinken", "Brinken", [1])),
]


def test_it_gathers_each_spelling_pair_with_counts_outlets_and_dates():
    pairs = names_index(ROWS)
    assert [(p.source, p.target, p.comparisons) for p in pairs] == [
        ("Vandersloot", "Fandersloot", 3),
        ("Blinken", "Brinken", 2),
        ("Maroto", "Malotto", 1),
    ]
    first = pairs[0]
    assert first.outlets == ["Coastal Times", "Harbour Daily"]
    assert (first.first_seen, first.last_seen) == (T, T + dt.timedelta(hours=2))
    assert [(o.comparison_id, o.unit_position) for o in first.occurrences] == [
        (3, 6),
        (1, 5),
        (2, 4),
    ]
    assert pairs[2].occurrences[0].unit_position is None
    assert pairs[1].outlets == ["Harbour Daily"]


def test_it_finds_pairs_by_either_spelling_in_any_case():
    assert [p.target for p in names_index(ROWS, "brink")] == ["Brinken"]
    assert [p.source for p in names_index(ROWS, "VANDER")] == ["Vandersloot"]
    assert names_index(ROWS, "nobody") == []


def test_it_skips_what_is_not_a_ledger_entry():
    odd = LedgerRow(9, ["junk", {"source": "A", "target": "B"}], "X", T)
    [pair] = names_index([odd])
    assert (pair.source, pair.target, pair.occurrences[0].unit_position) == ("A", "B", None)
