"""Reading the step view's and the overview's filters (plain Python, no database)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from articles.review.filters import BadFilter, Scope, parse_scope


def flag(category="factual.name", severity="major", rule="name.respelled"):
    return SimpleNamespace(category=category, severity=severity, rule=rule)


def test_it_reads_known_values():
    scope = parse_scope(
        {
            "show": "suggested",
            "category": "factual.name",
            "severity": "minor",
            "rule": "name.variant",
        }
    )
    assert scope == Scope("suggested", "factual.name", "minor", "name.variant")
    assert scope.params() == {
        "show": "suggested",
        "category": "factual.name",
        "severity": "minor",
        "rule": "name.variant",
    }
    assert parse_scope({}).params() == {}


@pytest.mark.parametrize(
    "params, named",
    [
        ({"show": "everything"}, "show: “everything”"),
        ({"category": "factual.gossip"}, "category: “factual.gossip”"),
        ({"severity": "huge"}, "severity: “huge”"),
        ({"rule": "<script>"}, "rule: “<script>”"),
        ({"rule": "x" * 65}, "is not the name of an analysis rule"),
    ],
)
def test_it_refuses_an_unknown_value_naming_it(params, named):
    with pytest.raises(BadFilter) as refused:
        parse_scope(params)
    assert named in str(refused.value)


def test_an_action_drops_an_unknown_value_instead_of_refusing():
    scope = parse_scope({"show": "flagged", "severity": "huge"}, strict=False)
    assert (scope.show, scope.severity) == ("flagged", "")


def test_it_keeps_the_units_holding_a_matching_flag():
    scope = Scope(category="factual.name", severity="major").with_positions(
        [(1, flag()), (2, flag(severity="minor")), (3, flag(category="omission")), (4, flag())]
    )
    assert scope.positions == frozenset({1, 4})
    mark = SimpleNamespace(position=4, matches=lambda show: True)
    assert scope.matches(mark)
    assert not scope.matches(SimpleNamespace(position=2, matches=lambda show: True))


def test_without_a_flag_filter_every_unit_passes():
    scope = Scope().with_positions([(1, flag())])
    assert scope.positions is None
    assert scope.matches(SimpleNamespace(position=9, matches=lambda show: True))
