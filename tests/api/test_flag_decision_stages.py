"""The API keeps the approval stage's rule: a comparison awaiting approval or approved
refuses an editor's decision with 409, and nothing changes."""

from __future__ import annotations

import pytest

from articles.assignments.models import Approval
from articles.models import AuditEvent, Comparison, Flag
from tests.api.conftest import token_for


@pytest.mark.parametrize("status,approved", [("in_approval", False), ("done", True)])
def test_an_editors_decision_is_refused_past_review(api, flagged, editor, status, approved):
    Comparison.objects.filter(pk=flagged.pk).update(status=status)
    Approval.objects.create(comparison=flagged, reviewer=editor)
    if approved:
        Approval.objects.filter(comparison=flagged).update(approved_at="2026-11-30T10:00Z")
    flag = Flag.objects.filter(unit__comparison=flagged).order_by("id").first()
    answer = api.post(
        f"flags/{flag.pk}/decision", {"decision": "accept", "version": 1}, token=token_for(editor)
    )
    assert answer.status == 409, answer.body
    flag.refresh_from_db()
    assert flag.status == "suggested"
    assert not AuditEvent.objects.exists()
