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
