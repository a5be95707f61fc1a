"""The tuning filter (ignore list, muted and lowered rules): plain Python, no database."""

from __future__ import annotations

from collections import Counter

import pytest

from articles.analysis.pipeline import ANALYSIS_VERSION, analyse_pair
from articles.analysis.segment import segment_article, split_plain_article
from articles.analysis.tuning import (
    IGNORED,
    LOWERED,
    MUTED,
    IgnorePair,
    RuleAdjustment,
    Tuning,
    TuningEffect,
)
from articles.analysis.types import Suggestion

SOURCE = "The colonel, Sayyid Hassan, spoke on Monday.\n\nThe army fired 12 missiles at the base."
TARGET = "The colonel, Sayyed Hassan, spoke on Monday.\n\nThe army fired 12 rockets at the base."


def segments(text: str):
    return segment_article(*split_plain_article(text))


def raised(analysis) -> list[tuple[str, str, str]]:
    return [(s.rule, s.source_span, s.target_span) for u in analysis.units for s in u.suggestions]


def suggestion(source: str, target: str, rule: str = "name.variant", severity="major"):
    return Suggestion("factual.name", severity, source, target, "why", rule)


def test_it_raises_both_suggestions_without_tuning():
    analysis = analyse_pair(segments(SOURCE), segments(TARGET))

    assert ("name.variant", "Sayyid", "Sayyed") in raised(analysis)
    assert ("meaning.term", "missiles", "rockets") in raised(analysis)
    assert analysis.version == ANALYSIS_VERSION
    assert analysis.tuning_effects == ()


def test_it_suppresses_a_suggestion_an_ignore_entry_matches_and_counts_it():
    tuning = Tuning(ignore=(IgnorePair(7, "Sayyed", "Sayyid"),))

    analysis = analyse_pair(segments(SOURCE), segments(TARGET), tuning)

    assert [r[0] for r in raised(analysis)] == ["meaning.term"]
    assert analysis.tuning_effects == (TuningEffect(IGNORED, "7", 1),)
    assert analysis.ledger == ()  # the ledger no longer lists the accepted spelling
    assert analysis.version == f"{ANALYSIS_VERSION}+t{tuning.fingerprint()}"


@pytest.mark.parametrize(
    ("source", "target", "suppressed"),
    [
        ("Sayyid", "Sayyed", True),
        ("sayyid", "SAYYED", True),  # case aside
        ("Sayyid Hassan said", "Sayyed Hassan said", True),
        ("Sayyed Hassan", "Sayyid Hassan", True),  # either direction
        ("Sayyid Hassan", "Sayyed Nasrallah", False),  # another difference remains
        ("Sayyid", "", False),
        ("Sayyidi", "Sayyed", False),  # whole words only
        ("Hassan", "Hassan", False),  # the entry is not in the spans
    ],
)
def test_it_suppresses_only_when_the_entry_is_the_whole_difference(source, target, suppressed):
    tuning = Tuning(ignore=(IgnorePair(1, "Sayyid", "Sayyed"),))
    counts: Counter = Counter()

    kept = tuning.apply([suggestion(source, target)], counts)

    assert (kept == ()) is suppressed
    assert counts[(IGNORED, "1")] == int(suppressed)


def test_it_matches_phrases_as_well_as_words():
    tuning = Tuning(ignore=(IgnorePair(2, "air strikes", "airstrikes"),))

    kept = tuning.apply([suggestion("the air strikes began", "the airstrikes began")], Counter())

    assert kept == ()


def test_it_mutes_a_rule_and_counts_it():
    tuning = Tuning(rules=(RuleAdjustment("meaning.term", muted=True),))

    analysis = analyse_pair(segments(SOURCE), segments(TARGET), tuning)

    assert [r[0] for r in raised(analysis)] == ["name.variant"]
    assert analysis.tuning_effects == (TuningEffect(MUTED, "meaning.term", 1),)


def test_it_lowers_a_rules_severity_but_never_raises_it():
    tuning = Tuning(rules=(RuleAdjustment("name.variant", severity="minor"),))
    counts: Counter = Counter()

    kept = tuning.apply(
        [suggestion("A", "B", severity="critical"), suggestion("C", "D", severity="minor")], counts
    )

    assert [s.severity for s in kept] == ["minor", "minor"]
    assert counts == Counter({(LOWERED, "name.variant"): 1})


def test_it_refuses_an_unknown_severity():
    with pytest.raises(ValueError, match="unknown severity"):
        Tuning(rules=(RuleAdjustment("name.variant", severity="huge"),))


def test_it_gives_the_same_fingerprint_to_the_same_tuning_in_any_order():
    one = Tuning(ignore=(IgnorePair(1, "Sayyid", "Sayyed"), IgnorePair(2, "U.S.", "US")))
    two = Tuning(ignore=(IgnorePair(9, "us", "u.s."), IgnorePair(8, "sayyed", "SAYYID")))
    muted = Tuning(rules=(RuleAdjustment("meaning.term", muted=True),))

    assert one.fingerprint() == two.fingerprint()
    assert muted.fingerprint() not in ("", one.fingerprint())
    assert Tuning().fingerprint() == ""
    assert Tuning(rules=(RuleAdjustment("meaning.term"),)).fingerprint() == ""
