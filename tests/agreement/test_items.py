"""The items two blind reviews are compared on (no database)."""

from __future__ import annotations

from articles.agreement.items import Sheet, Suggestion, paired_items


def test_it_pairs_suggestions_units_and_the_categories_either_editor_used():
    units = [1, 2, 3]
    suggestions = [Suggestion(10, 1, "factual.name"), Suggestion(11, 2, "attribution.pronoun")]
    a = Sheet(decisions={10: "accept", 11: "dismiss"}, own={3: {"omission"}})
    b = Sheet(decisions={10: "accept", 11: "accept"})
    items = paired_items(units, suggestions, a, b)
    assert items.suggestions == [("accept", "accept"), ("dismiss", "accept")]
    assert items.units == [
        ("flagged", "flagged"),
        ("not flagged", "flagged"),
        ("flagged", "not flagged"),
    ]
    # Three categories used x three units.
    assert len(items.categories) == 9
    assert items.by_category["factual.name"] == [("yes", "yes"), ("no", "no"), ("no", "no")]
    assert items.by_category["omission"] == [("no", "no"), ("no", "no"), ("yes", "no")]


def test_it_leaves_out_a_suggestion_only_one_editor_decided():
    items = paired_items([1], [Suggestion(10, 1, "factual.name")], Sheet({10: "accept"}), Sheet())
    assert items.suggestions == []
    assert items.units == [("flagged", "not flagged")]
