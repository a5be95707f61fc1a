"""The analytics' daily tables, once the comparisons the review marked stale are
counted (`catch_up`), always equal a recomputation from scratch: after imports,
decisions, bulk decisions, undo, alignment fixes, re-analysis, an article edited and a
comparison deleted."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from articles.analytics import aggregates
from articles.analytics.models import ComparisonContribution, DailyDecisions, DailyDrift
from articles.models import Comparison, Flag
from articles.reanalysis import reanalyse
from articles.review import bulk
from articles.review.alignment import merge_with_next
from articles.review.flags import accept_flag, add_flag, dismiss_flag
from articles.review.undo import undo_last
from articles.review.units import mark_unit
from articles.scoring import comparison_score

pytestmark = pytest.mark.django_db


def assert_up_to_date() -> None:
    aggregates.catch_up()
    assert not Comparison.objects.filter(analytics_stale=True).exists()
    stored, fresh = aggregates.stored(), aggregates.recomputed()
    for table in aggregates.TABLES:
        assert stored[table] == fresh[table], table


def _suggested(comparison: Comparison) -> list[Flag]:
    return list(
        Flag.objects.filter(unit__comparison=comparison, status="suggested")
        .select_related("unit")
        .order_by("id")
    )


def _with(flag: Flag, comparison: Comparison):
    unit = flag.unit
    unit.refresh_from_db()
    unit.comparison = comparison
    return unit


def test_it_counts_imported_comparisons_at_once(seed_comparison):
    assert ComparisonContribution.objects.count() == Comparison.objects.count() == 6
    assert sum(DailyDrift.objects.values_list("comparisons", flat=True)) == 6
    assert_up_to_date()


def test_it_follows_decisions_and_their_undo(seed_comparison, editor, other_editor):
    first, second, third = _suggested(seed_comparison)[:3]
    accept_flag(
        user=editor,
        unit=_with(first, seed_comparison),
        flag=first,
        shown_version=first.unit.version,
    )
    assert_up_to_date()
    stored = ComparisonContribution.objects.get(comparison=seed_comparison)
    assert stored.score_centi == round(comparison_score(seed_comparison) * 100) > 0
    unit = _with(second, seed_comparison)
    dismiss_flag(user=other_editor, unit=unit, flag=second, shown_version=unit.version)
    unit = _with(third, seed_comparison)
    add_flag(
        user=editor,
        unit=unit,
        shown_version=unit.version,
        category="factual.number",
        severity="critical",
    )
    assert_up_to_date()
    quiet = seed_comparison.units.filter(flags__isnull=True).first()
    quiet.comparison = seed_comparison
    mark_unit(user=other_editor, unit=quiet, shown_version=quiet.version, state="ok")
    assert_up_to_date()
    undo_last(user=editor, comparison=seed_comparison)  # the critical flag goes
    assert_up_to_date()
    undo_last(user=other_editor, comparison=seed_comparison)  # the OK mark goes
    assert_up_to_date()
    stored = ComparisonContribution.objects.get(comparison=seed_comparison)
    assert stored.score_centi == round(comparison_score(seed_comparison) * 100)


def test_it_follows_bulk_decisions_and_alignment_fixes(seed_comparison, editor):
    flag = _suggested(seed_comparison)[0]
    likes = bulk.likes_of(seed_comparison, flag)
    bulk.decide_like(
        user=editor,
        comparison=seed_comparison,
        flag=flag,
        decision="accept",
        shown_flags=[f.pk for f in likes],
        versions={f.unit_id: f.unit.version for f in likes},
    )
    assert_up_to_date()
    unit = seed_comparison.units.order_by("position").first()
    following = seed_comparison.units.get(position=unit.position + 1)
    unit.comparison = seed_comparison
    merge_with_next(
        user=editor, unit=unit, shown_version=unit.version, next_version=following.version
    )
    assert_up_to_date()


def test_it_follows_a_reanalysis(seed_comparison, editor):
    flag = _suggested(seed_comparison)[0]
    accept_flag(
        user=editor, unit=_with(flag, seed_comparison), flag=flag, shown_version=flag.unit.version
    )
    Flag.objects.filter(pk=flag.pk).update(status="suggested")  # a write around the review
    reanalyse(seed_comparison, user=editor)
    assert_up_to_date()


def test_it_follows_an_edited_article_and_a_deleted_comparison(seed_comparison, editor):
    flag = _suggested(seed_comparison)[0]
    accept_flag(
        user=editor, unit=_with(flag, seed_comparison), flag=flag, shown_version=flag.unit.version
    )
    copy = seed_comparison.retranslation
    copy.outlet = "Renamed outlet"
    copy.save()
    source = seed_comparison.source
    source.word_count = 10
    source.save()
    assert_up_to_date()
    seed_comparison.delete()
    assert_up_to_date()
    assert not DailyDrift.objects.filter(outlet="Renamed outlet", comparisons__gt=0).exists()


def test_the_command_rebuilds_what_was_written_around_the_application(seed_comparison):
    Flag.objects.filter(unit__comparison=seed_comparison).update(status="confirmed")
    with pytest.raises(Exception, match="differ from a recomputation in: drift, flags"):
        call_command("rebuild_analytics", "--check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("rebuild_analytics", stdout=out)
    assert "Rebuilt the analytics of 6 comparisons" in out.getvalue()
    assert_up_to_date()
    call_command("rebuild_analytics", "--check", stdout=out)
    assert "agree" in out.getvalue()


def _decide_quiet_unit(comparison: Comparison, user) -> None:
    quiet = comparison.units.filter(flags__isnull=True).first()
    quiet.comparison = comparison
    mark_unit(user=user, unit=quiet, shown_version=quiet.version, state="ok")


def test_it_leaves_a_decision_to_the_catch_up(seed_comparison, editor):
    _decide_quiet_unit(seed_comparison, editor)
    seed_comparison.refresh_from_db()
    assert seed_comparison.analytics_stale
    assert not DailyDecisions.objects.filter(editor=editor, units__gt=0).exists()

    assert aggregates.catch_up() == 1
    assert DailyDecisions.objects.get(editor=editor).units == 1
    seed_comparison.refresh_from_db()
    assert not seed_comparison.analytics_stale
    assert aggregates.catch_up() == 0  # nothing left: counted once
    assert DailyDecisions.objects.get(editor=editor).units == 1
    assert_up_to_date()


def test_it_catches_up_many_comparisons_in_batches(seed_comparison, editor, monkeypatch):
    monkeypatch.setattr(aggregates, "CATCH_UP_BATCH", 4)
    comparisons = list(Comparison.objects.order_by("pk"))
    for comparison in comparisons:
        _decide_quiet_unit(comparison, editor)
    assert aggregates.catch_up() == len(comparisons) == 6
    assert sum(DailyDecisions.objects.filter(editor=editor).values_list("units", flat=True)) == 6
    assert_up_to_date()


def test_it_takes_a_stale_comparison_out_whole_when_it_is_deleted(seed_comparison, editor):
    flag = _suggested(seed_comparison)[0]
    accept_flag(
        user=editor, unit=_with(flag, seed_comparison), flag=flag, shown_version=flag.unit.version
    )
    _decide_quiet_unit(seed_comparison, editor)
    seed_comparison.delete()  # before any catch-up counted its decisions
    assert_up_to_date()


def test_a_rebuild_leaves_nothing_stale(seed_comparison, editor):
    _decide_quiet_unit(seed_comparison, editor)
    call_command("rebuild_analytics", stdout=io.StringIO())
    assert not Comparison.objects.filter(analytics_stale=True).exists()
    assert DailyDecisions.objects.get(editor=editor).units == 1
    assert aggregates.catch_up() == 0


def test_the_check_counts_the_last_decisions_first(seed_comparison, editor):
    _decide_quiet_unit(seed_comparison, editor)
    out = io.StringIO()
    call_command("rebuild_analytics", "--check", stdout=out)
    assert out.getvalue().strip() == (
        "The analytics agree with a recomputation (after counting 1 changed comparison)."
    )
