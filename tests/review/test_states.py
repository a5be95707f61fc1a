"""The domain's one definition of "reviewed", and the operations that follow it."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Comparison, Flag
from articles.review import flags as flag_ops
from articles.review import states
from articles.review.errors import NotDecided, ReviewError
from articles.review.undo import undo_last
from articles.review.units import mark_done, mark_unit, reopen_comparison
from tests.builders import build_comparison

SUGGESTION = {"category": "factual.name", "severity": "major", "rule": "name.respelled"}


@pytest.fixture
def comparison(db):
    return build_comparison(
        [("One.", "Un."), ("Two Maroto.", "Deux Malotto."), ("Three.", "Trois.")],
        flags={1: [SUGGESTION, {**SUGGESTION, "category": "factual.number"}]},
    )


def unit(comparison, position):
    found = comparison.units.get(position=position)
    found.comparison = comparison
    return found


def test_a_unit_is_reviewed_only_when_marked_and_every_suggestion_decided():
    assert states.unit_is_reviewed("ok", 0)
    assert states.unit_is_reviewed("flagged", 0)
    assert not states.unit_is_reviewed("flagged", 1)
    assert not states.unit_is_reviewed("unreviewed", 0)


def test_accepting_one_of_two_suggestions_leaves_the_unit_open(comparison, editor):
    target = unit(comparison, 1)
    first = target.flags.order_by("id").first()
    flag_ops.accept_flag(user=editor, unit=target, flag=first, shown_version=1)
    left = states.open_units(comparison)
    assert [(u.number, u.unmarked, u.open_suggestions) for u in left] == [
        (1, True, 0),
        (2, False, 1),
        (3, True, 0),
    ]
    assert left[1].reason == "1 open suggestion"


def test_ok_dismisses_the_open_suggestions_and_one_undo_restores_them(comparison, editor):
    target = unit(comparison, 1)
    assert mark_unit(user=editor, unit=target, shown_version=1, state="ok") == 2
    assert set(target.flags.values_list("status", flat=True)) == {"dismissed"}
    assert AuditEvent.objects.count() == 1
    undo_last(user=editor, comparison=comparison)
    assert set(target.flags.values_list("status", flat=True)) == {"suggested"}
    assert unit(comparison, 1).review_state == "unreviewed"


def test_done_is_refused_while_anything_is_open(comparison, editor):
    comparison.units.update(review_state="ok")
    with pytest.raises(NotDecided) as refused:
        mark_done(user=editor, comparison=comparison)
    assert [u.number for u in refused.value.open_units] == [2]
    assert "1 unit is not reviewed yet (2 open suggestions)" in str(refused.value)
    Flag.objects.update(status="dismissed")
    mark_done(user=editor, comparison=comparison)
    assert comparison.status == "done"


def test_only_staff_may_close_with_things_open_and_the_reason_is_kept(comparison, editor, importer):
    with pytest.raises(NotDecided, match="Only staff"):
        mark_done(user=editor, comparison=comparison, override_reason="late")
    mark_done(user=importer, comparison=comparison, override_reason="  late edition  ")
    comparison.refresh_from_db()
    assert (comparison.status, comparison.closed_open_reason) == ("done", "late edition")
    event = AuditEvent.objects.get()
    assert event.after["open_units"] == [1, 2, 3]


def test_a_closed_comparison_stays_done_after_later_decisions(comparison, importer):
    mark_done(user=importer, comparison=comparison, override_reason="late")
    mark_unit(user=importer, unit=unit(comparison, 0), shown_version=1, state="ok")
    comparison.refresh_from_db()
    assert comparison.status == "done"


def test_a_done_comparison_goes_back_to_review_when_a_suggestion_reappears(comparison, editor):
    comparison.units.update(review_state="ok")
    Flag.objects.update(status="dismissed")
    mark_done(user=editor, comparison=comparison)
    target = unit(comparison, 1)
    flag = target.flags.first()
    flag_ops.accept_flag(user=editor, unit=target, flag=flag, shown_version=1)
    undo_last(user=editor, comparison=comparison)  # the suggestion is dismissed again
    comparison.refresh_from_db()
    assert comparison.status == "done"
    Flag.objects.filter(pk=flag.pk).update(status="suggested")
    mark_unit(user=editor, unit=unit(comparison, 0), shown_version=1, state="flagged")
    comparison.refresh_from_db()
    assert comparison.status == "in_review"


def test_reopen_needs_a_done_comparison_and_is_undone_whole(comparison, importer):
    with pytest.raises(ReviewError, match="not done"):
        reopen_comparison(user=importer, comparison=comparison)
    mark_done(user=importer, comparison=comparison, override_reason="late")
    reopen_comparison(user=importer, comparison=comparison)
    assert Comparison.objects.get().closed_open_reason == ""
    undo_last(user=importer, comparison=comparison)
    assert Comparison.objects.values_list("status", "closed_open_reason").get() == (
        "done",
        "late",
    )
