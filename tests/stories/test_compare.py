"""articles.stories.compare: two copies lined up through the source (no database)."""

from __future__ import annotations

from articles.stories.compare import pair_copies
from articles.stories.grid import SentenceRow, UnitRow

SENTENCES = [
    SentenceRow(0, "Barrier fails", True),
    SentenceRow(1, "Engineer Vandersloot saw it.", False),
    SentenceRow(2, "Schools stay closed.", False),
]


def unit(cid, position, sources, target, kind="match"):
    return UnitRow(cid, cid * 10 + position, position, sources, kind, "", target)


UNITS = [
    unit(1, 0, [0], "Barrier fails"),
    unit(1, 1, [1], "Engineer Fandersloot saw it."),
    unit(1, 2, [2], "Schools stay closed."),
    unit(2, 0, [0], "Barrier fails"),
    unit(2, 1, [1], "Engineer Fandersloot saw them."),
    unit(2, 2, [2], "", kind="omission"),
    unit(2, 3, [], "The minister should resign.", kind="addition"),
]


def test_it_lines_up_each_source_sentence_in_both_copies_and_marks_what_differs():
    pair = pair_copies(SENTENCES, UNITS, 1, 2)
    assert [(r.a_text, r.b_text) for r in pair.rows] == [
        ("Barrier fails", "Barrier fails"),
        ("Engineer Fandersloot saw it.", "Engineer Fandersloot saw them."),
        ("Schools stay closed.", ""),
    ]
    assert [r.same for r in pair.rows] == [True, False, False]
    assert pair.differing == 2
    changed_a = [t.text for t in pair.rows[1].a_tokens if t.changed]
    changed_b = [t.text for t in pair.rows[1].b_tokens if t.changed]
    assert changed_a == ["it"] and changed_b == ["them"]
    # Both copies have the respelling: it differs from the source, not between them.
    assert pair.rows[1].a_differs_from_source and pair.rows[1].b_differs_from_source
    assert pair.b_added == ["The minister should resign."] and pair.a_added == []


def test_it_shows_a_unit_joining_two_sentences_once_at_the_first():
    units = [unit(1, 0, [0], "Barrier fails"), unit(1, 1, [1, 2], "Both sentences.")]
    pair = pair_copies(SENTENCES, units, 1, 1)
    assert [r.a_text for r in pair.rows] == ["Barrier fails", "Both sentences.", ""]
