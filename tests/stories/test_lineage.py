"""articles.stories.lineage: which earlier text each copy is closest to (no database)."""

from __future__ import annotations

from articles.stories.lineage import SOURCE, Text, likely_lineage, similarity, words_of

SOURCE_TEXT = "Engineer Pieter Vandersloot said 3,200 residents left the harbour before dawn."


def text(id_: int, value: str) -> Text:
    return Text(id_, words_of(value))


def test_it_measures_the_share_of_words_in_common():
    assert similarity(words_of("A b c"), words_of("a, B; c.")) == 1.0
    assert similarity(words_of("a b c d"), words_of("x y z w")) == 0.0
    assert 0.5 < similarity(words_of("a b c d"), words_of("a b c x")) < 1.0


def test_it_finds_a_copy_made_from_another_copy_rather_than_from_the_source():
    first = text(1, SOURCE_TEXT.replace("Vandersloot", "Fandersloot"))
    second = text(
        2, first_text := SOURCE_TEXT.replace("Vandersloot", "Fandersloot").replace("3,200", "2,300")
    )
    third = text(3, first_text.replace("before dawn", "at sunrise"))
    independent = text(4, SOURCE_TEXT.replace("harbour", "port"))
    lineage = likely_lineage(text(SOURCE, SOURCE_TEXT), [first, second, third, independent])
    assert [(p.copy_id, p.parent_id) for p in lineage] == [(1, SOURCE), (2, 1), (3, 2), (4, SOURCE)]
    assert lineage[1].similarity > lineage[1].to_source
    assert lineage[0].from_source and not lineage[2].from_source


def test_it_never_makes_a_copy_the_child_of_a_later_one():
    early = text(1, SOURCE_TEXT.replace("dawn", "sunrise"))
    late = text(2, SOURCE_TEXT)  # the source's very words, published later
    lineage = likely_lineage(text(SOURCE, SOURCE_TEXT), [early, late])
    assert lineage[0].parent_id == SOURCE and lineage[1].parent_id == SOURCE
    assert lineage[1].similarity == 1.0
