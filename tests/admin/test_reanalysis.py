"""articles.reanalysis: a re-run recomputes suggestions and keeps editors' decisions."""

from __future__ import annotations

from articles.analysis.pipeline import ANALYSIS_VERSION
from articles.importer import analyse_comparison
from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag
from articles.reanalysis import REANALYSE_ACTION, reanalyse
from tests.builders import build_comparison


def flag_keys(comparison: Comparison, status: str) -> set[tuple]:
    return {
        (f.unit.position, f.category, f.source_span, f.target_span)
        for f in Flag.objects.filter(unit__comparison=comparison, status=status).select_related(
            "unit"
        )
    }


def expected_suggestions(comparison: Comparison) -> set[tuple]:
    analysis, _, _ = analyse_comparison(comparison)
    return {
        (position, s.category, s.source_span, s.target_span)
        for position, result in enumerate(analysis.units)
        for s in result.suggestions
    }


def a_match_unit(comparison: Comparison) -> AlignmentUnit:
    return comparison.units.filter(kind="match").exclude(is_title=True).order_by("position")[1]


def test_it_recomputes_the_suggestions_and_drops_stale_ones(seed_comparison):
    unit = a_match_unit(seed_comparison)
    stale = Flag.objects.create(
        unit=unit, category="factual.date", origin="auto", status="suggested", source_span="zz"
    )
    summary = reanalyse(seed_comparison)
    assert not Flag.objects.filter(pk=stale.pk).exists()
    assert flag_keys(seed_comparison, "suggested") == expected_suggestions(seed_comparison)
    assert summary.suggestions_after == len(expected_suggestions(seed_comparison))
    positions = list(seed_comparison.units.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(positions)))


def test_it_keeps_a_confirmed_flag_on_the_unit_with_the_same_sentences(seed_comparison, editor):
    unit = a_match_unit(seed_comparison)
    confirmed = Flag.objects.create(
        unit=unit,
        category="factual.name",
        severity="critical",
        origin="editor",
        status="confirmed",
        source_span="Maroto",
        target_span="Malotto",
        note="Checked against the wire.",
        author=editor,
    )
    unit.review_state = "flagged"
    unit.save()
    reanalyse(seed_comparison, user=editor)
    confirmed.refresh_from_db()
    assert confirmed.unit_id == unit.pk  # the same unit row: same sentences
    assert confirmed.unit.source_positions == unit.source_positions
    assert (confirmed.severity, confirmed.note) == ("critical", "Checked against the wire.")
    unit.refresh_from_db()
    assert unit.review_state == "flagged"
    assert unit.version == 2  # an edit made against the old unit is refused


def test_it_keeps_a_confirmed_suggestion_without_suggesting_it_again(seed_comparison):
    suggestion = Flag.objects.filter(unit__comparison=seed_comparison, status="suggested").first()
    assert suggestion is not None, "the seed pair has suggestions"
    suggestion.status = "confirmed"
    suggestion.save()
    reanalyse(seed_comparison)
    suggestion.refresh_from_db()
    assert suggestion.status == "confirmed"
    same = Flag.objects.filter(
        unit=suggestion.unit,
        category=suggestion.category,
        source_span=suggestion.source_span,
        target_span=suggestion.target_span,
    )
    assert list(same) == [suggestion]


def test_it_keeps_a_dismissal_when_the_same_suggestion_comes_back(seed_comparison):
    suggestion = Flag.objects.filter(unit__comparison=seed_comparison, status="suggested").first()
    suggestion.status = "dismissed"
    suggestion.save()
    summary = reanalyse(seed_comparison)
    suggestion.refresh_from_db()
    assert suggestion.status == "dismissed"
    assert summary.dismissals_kept == 1
    assert not Flag.objects.filter(
        unit=suggestion.unit,
        status="suggested",
        category=suggestion.category,
        source_span=suggestion.source_span,
        target_span=suggestion.target_span,
    ).exists()


def test_it_drops_a_dismissal_the_analysis_no_longer_suggests(seed_comparison):
    unit = a_match_unit(seed_comparison)
    old = Flag.objects.create(
        unit=unit, category="factual.number", origin="auto", status="dismissed", source_span="9"
    )
    reanalyse(seed_comparison)
    assert not Flag.objects.filter(pk=old.pk).exists()


def test_it_moves_a_confirmed_flag_to_the_unit_that_now_carries_its_sentences(db):
    comparison = build_comparison(
        [
            ("The colonel said no one was hurt.", "The colonel said nobody was hurt."),
            ("Rockets hit the base on Monday.", "Rockets struck the base on Monday."),
        ],
        title="",
    )
    # A wrong alignment by hand: source 0 paired with target 1, and the reverse.
    first, second = comparison.units.order_by("position")
    AlignmentUnit.objects.filter(pk=first.pk).update(target_positions=[1])
    AlignmentUnit.objects.filter(pk=second.pk).update(target_positions=[0])
    confirmed = Flag.objects.create(
        unit=first, category="factual.meaning", origin="editor", status="confirmed"
    )
    summary = reanalyse(comparison)
    confirmed.refresh_from_db()
    assert confirmed.unit.source_positions == [0]
    assert confirmed.unit.target_positions == [0]
    assert confirmed.unit.review_state == "flagged"
    assert (summary.flags_kept, summary.flags_moved) == (1, 1)
    assert not AlignmentUnit.objects.filter(pk__in=[first.pk, second.pk]).exists()


def test_it_records_the_run_in_the_audit_trail(seed_comparison, editor):
    Comparison.objects.filter(pk=seed_comparison.pk).update(analysis_version="0")
    seed_comparison.refresh_from_db()
    summary = reanalyse(seed_comparison, user=editor)
    event = AuditEvent.objects.get(action=REANALYSE_ACTION)
    assert event.comparison_id == seed_comparison.pk
    assert event.actor == editor
    assert event.before["analysis_version"] == "0"
    assert event.after["version_after"] == ANALYSIS_VERSION
    assert event.after["units_after"] == summary.units_after
    seed_comparison.refresh_from_db()
    assert seed_comparison.analysis_version == ANALYSIS_VERSION


def test_it_changes_nothing_else_when_run_twice(seed_comparison):
    reanalyse(seed_comparison)
    units = list(seed_comparison.units.values_list("pk", "position", "source_positions"))
    suggested = flag_keys(seed_comparison, "suggested")
    summary = reanalyse(seed_comparison)
    assert list(seed_comparison.units.values_list("pk", "position", "source_positions")) == units
    assert flag_keys(seed_comparison, "suggested") == suggested
    assert summary.units_kept == summary.units_after


def test_it_stores_the_same_units_as_a_first_import(seed_comparison):
    """A re-run of an untouched comparison gives what the import gave."""
    before = list(
        seed_comparison.units.order_by("position").values_list(
            "source_positions", "target_positions", "kind", "similarity"
        )
    )
    reanalyse(seed_comparison)
    after = list(
        seed_comparison.units.order_by("position").values_list(
            "source_positions", "target_positions", "kind", "similarity"
        )
    )
    assert after == before
