"""The stage rule is kept by the review's operations themselves, whatever called them:
the ledger, bulk decisions, alignment fixes and undo are refused past review too, and
a refused change is rolled back whole."""

from __future__ import annotations

import pytest

from articles.assignments import stages
from articles.assignments.models import Approval
from articles.models import AuditEvent, Comparison, Flag
from articles.review import alignment, flags, ledger
from articles.review.errors import Conflict
from articles.roles import APPROVERS, EDITORS
from tests.builders import build_comparison
from tests.team_helpers import make_user

UNITS = [("Colonel Maroto spoke.", "Colonel Malotto spoke."), ("Then he left.", "He left.")]
FLAGS = {0: [{"category": "factual.name", "source_span": "Maroto", "target_span": "Malotto"}]}


@pytest.fixture
def awaiting(db):
    editor = make_user("eddie", EDITORS)
    make_user("april", APPROVERS)
    comparison = build_comparison(UNITS, flags=FLAGS)
    comparison.ledger = [{"source": "Maroto", "target": "Malotto", "units": [0]}]
    comparison.save(update_fields=["ledger"])
    Comparison.objects.filter(pk=comparison.pk).update(status="in_approval")
    comparison.status = "in_approval"
    Approval.objects.create(comparison=comparison, reviewer=editor)
    return comparison, editor


def unchanged(comparison) -> None:
    assert set(comparison.units.values_list("version", flat=True)) == {1}
    assert list(Flag.objects.values_list("status", flat=True)) == ["suggested"]
    assert not AuditEvent.objects.exists()


def test_the_ledger_refuses_the_reviewer_while_it_awaits_approval(awaiting):
    comparison, editor = awaiting
    unit = comparison.units.get(position=0)
    with pytest.raises(stages.StageLocked):
        ledger.confirm_ledger_entry(
            user=editor, comparison=comparison, index=0, versions={unit.pk: 1}
        )
    unchanged(comparison)


def test_an_alignment_fix_is_refused_and_rolled_back(awaiting):
    comparison, editor = awaiting
    unit = comparison.units.get(position=0)
    unit.comparison = comparison
    with pytest.raises(Conflict):
        alignment.merge_with_next(user=editor, unit=unit, shown_version=1, next_version=1)
    unchanged(comparison)
    assert comparison.units.count() == 2


def test_an_approver_who_did_not_review_may_decide(awaiting):
    comparison, _ = awaiting
    approver = comparison.approval.reviewer.__class__.objects.get(username="april")
    unit = comparison.units.get(position=0)
    unit.comparison = comparison
    flag = Flag.objects.get()
    flags.accept_flag(user=approver, unit=unit, flag=flag, shown_version=1)
    flag.refresh_from_db()
    assert (flag.status, flag.author) == ("confirmed", approver)


def test_may_change_follows_the_stage(awaiting):
    comparison, editor = awaiting
    approver = editor.__class__.objects.get(username="april")
    assert not stages.may_change(editor, comparison)
    assert stages.may_change(approver, comparison)
    Comparison.objects.filter(pk=comparison.pk).update(status="done")
    comparison.status = "done"
    Approval.objects.filter(comparison=comparison).update(approved_at="2026-11-30T10:00Z")
    assert not stages.may_change(editor, comparison)
    assert not stages.may_change(approver, comparison)


def test_it_refuses_a_decision_made_on_a_page_loaded_before_the_comparison_went_to_approval(
    awaiting,
):
    # The editor's page (and the comparison it holds) still says "in review": the
    # comparison's UPDATE must read the status the database has, not this one.
    comparison, editor = awaiting
    comparison.status = "in_review"
    unit = comparison.units.get(position=0)
    unit.comparison = comparison
    with pytest.raises(stages.StageLocked):
        flags.accept_flag(user=editor, unit=unit, flag=Flag.objects.get(), shown_version=1)
    unchanged(comparison)
    assert Comparison.objects.get(pk=comparison.pk).status == "in_approval"


@pytest.mark.parametrize("status", ["new", "in_review"])
def test_a_decision_puts_a_new_or_in_review_comparison_in_review_and_clears_a_close_reason(
    db, status
):
    editor = make_user("eddie", EDITORS)
    comparison = build_comparison(UNITS, flags=FLAGS)
    Comparison.objects.filter(pk=comparison.pk).update(status=status, closed_open_reason="old")
    comparison.refresh_from_db()
    unit = comparison.units.get(position=0)
    unit.comparison = comparison
    flags.accept_flag(user=editor, unit=unit, flag=Flag.objects.get(), shown_version=1)
    stored = Comparison.objects.get(pk=comparison.pk)
    assert (stored.status, stored.last_editor, stored.closed_open_reason) == (
        "in_review",
        editor,
        "",
    )
    assert stored.analytics_stale
    assert (comparison.status, comparison.last_editor) == ("in_review", editor)
