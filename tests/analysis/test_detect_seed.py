"""The seed pair through the real path: segment -> align -> detect, as the importer runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.analysis.checks import ALL_CHECKS
from articles.analysis.checks.text import facts_of
from articles.analysis.detect import detect_drift
from articles.analysis.pipeline import analyse_pair
from articles.analysis.segment import segment_article, split_plain_article
from articles.analysis.types import ADDITION, ALIGNABLE_KINDS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SOURCE = (SEEDS / "000_7be70c43fb544a5f.txt").read_text(encoding="utf-8")
TARGET = (SEEDS / "001_bce71628527fee74.txt").read_text(encoding="utf-8")


def segments(text):
    return segment_article(*split_plain_article(text))


@pytest.fixture(scope="module")
def analysis():
    return analyse_pair(segments(SOURCE), segments(TARGET))


def suggestions(analysis, category):
    return [(u, s) for u in analysis.units for s in u.suggestions if s.category == category]


@pytest.mark.parametrize(
    ("source", "target", "times"),
    [("Maroto", "Malotto", 1), ("Blinken", "Brinken", 2), ("Khatibzadeh", "Khatibzad", 1)],
)
def test_every_respelled_name_is_flagged_in_each_unit(analysis, source, target, times):
    found = [
        u for u, s in suggestions(analysis, "factual.name")
        if (s.source_span, s.target_span) == (source, target)
    ]  # fmt: skip
    assert len(found) == times
    assert len({u.unit.source for u in found}) == times  # in as many different units


@pytest.mark.parametrize(
    ("source_words", "target_words"),
    [
        ("we are assessing the damage", "damage is being assessed"),
        ("clear and unambiguous message of deterrence", "clear and clear deterrent message"),
        ("resorting to all available legal options", "study all legal options"),
        ("flagrant violation", "blatant violation"),
        ("maximally problematic behavior", "extremely problematic behavior"),
        ("provoke a crisis", "creating a crisis"),
        ("destabilizing security in the region", "undermining the security of the region"),
    ],
)
def test_every_changed_quote_is_flagged_with_both_versions(analysis, source_words, target_words):
    assert any(
        source_words in s.source_span and target_words in s.target_span
        for _, s in suggestions(analysis, "attribution.quote")
    )


def test_the_pronoun_flips_are_flagged(analysis):
    flips = {
        (s.source_span, s.target_span) for _, s in suggestions(analysis, "attribution.pronoun")
    }
    # Psaki's "she" made "He" is flagged; "She vowed revenge" / "They vowed to retaliate"
    # is not: its "She" is the Popular Mobilization Forces, a body, and the
    # retranslation's "They" is the Iraqi militia (an editor dismissed it).
    assert flips == {("she", "He")}


def test_the_added_sentence_is_an_addition_unit(analysis):
    [unit] = [u for u in analysis.units if u.target_text.startswith("But it is not yet clear")]
    assert unit.unit.kind == ADDITION and not unit.unit.source
    assert [s.category for s in unit.suggestions] == ["addition"]


def test_the_told_reuters_sourcing_and_the_vaguer_author_are_flagged(analysis):
    found = {(s.source_span, s.target_span) for _, s in suggestions(analysis, "attribution.source")}
    assert ("", "told Reuters") in found
    assert ("Popular Mobilization Forces", "The Iraqi militia") in found


def test_transliteration_variants_are_not_flagged(analysis):
    names = {
        n for _, s in suggestions(analysis, "factual.name") for n in (s.source_span, s.target_span)
    }
    assert not names & {"Ezzor", "ez-Zor", "Al-Omar", "Omar", "ISIS", "Islamic", "Tehran", "Iran"}


def test_a_both_negative_rewording_is_not_a_negation_flag(analysis):
    assert suggestions(analysis, "factual.negation") == []


def test_boilerplate_is_never_in_a_unit(analysis):
    src, tgt = segments(SOURCE), segments(TARGET)
    for u in analysis.units:
        assert all(src[i].kind in ALIGNABLE_KINDS for i in u.unit.source)
        assert all(tgt[i].kind in ALIGNABLE_KINDS for i in u.unit.target)
    texts = " ".join(u.target_text + u.source_text for u in analysis.units)
    for junk in ("[ad_1]", "Please enter your", "Authors: Phil Stewart", "Reporting by", "2/2"):
        assert junk not in texts


def test_the_ledger_lists_the_respelled_names_with_their_units(analysis):
    ledger = {(e.source_name, e.target_name): e.units for e in analysis.ledger}
    assert len(ledger[("Blinken", "Brinken")]) == 2
    assert {("Maroto", "Malotto"), ("Khatibzadeh", "Khatibzad"), ("Saeed", "Said")} <= set(ledger)


def test_the_article_against_itself_gives_no_suggestion():
    same = analyse_pair(segments(SOURCE), segments(SOURCE))
    assert [s for u in same.units for s in u.suggestions] == []
    assert same.ledger == ()


@pytest.mark.parametrize("text", [SOURCE, TARGET])
def test_every_sentence_against_itself_gives_no_suggestion(text):
    for segment in segments(text):
        assert detect_drift(segment.text, segment.text) == []
        # detect_drift short-circuits equal texts; every check must also be silent.
        facts = facts_of(segment.text)
        for check in ALL_CHECKS:
            assert check.run(facts, facts) == [], type(check).__name__


def test_the_meaning_changes_are_flagged(analysis):
    found = {(s.source_span, s.target_span) for _, s in suggestions(analysis, "factual.meaning")}
    assert found == {
        ("in conjunction with", "separated"),
        ("holds responsible for", "blamed on"),
        # The suggestions an editor missed before issue 13.
        ("missiles", "rockets"),
        ("missile", "rockets"),
        ("missile", "rocket"),
        ("army and government", "Iraqi military"),
        ("", "Sunni extremist"),
    }


def test_the_relative_clause_speaker_change_is_flagged(analysis):
    found = {
        (s.source_span, s.target_span) for _, s in suggestions(analysis, "attribution.speaker")
    }
    assert ("which it said were killed", "who said they were killed") in found
