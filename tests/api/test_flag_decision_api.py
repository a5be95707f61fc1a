"""An editor's decision on a flag through the API: the review's own rules — the unit
version (409 when stale), refusals (422), the audit event, the unit's state."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Flag
from tests.api.conftest import token_for


def first_flag(comparison) -> Flag:
    return Flag.objects.filter(unit__comparison=comparison).order_by("id").first()


@pytest.mark.parametrize(
    ("decision", "status"), [("accept", "confirmed"), ("dismiss", "dismissed")]
)
def test_it_records_the_decision_with_its_audit_event(api, flagged, editor, decision, status):
    flag = first_flag(flagged)

    answer = api.post(
        f"flags/{flag.pk}/decision", {"decision": decision, "version": 1}, token=token_for(editor)
    )

    assert answer.status == 200, answer.body
    assert answer.json["status"] == status
    assert answer.json["version"] == 2
    flag.refresh_from_db()
    assert flag.status == status
    event = AuditEvent.objects.get()
    assert event.action == f"flag.{decision}"
    assert event.actor == editor
    assert event.flag == flag
    assert (flag.unit.review_state == "flagged") == (decision == "accept")


def test_it_refuses_a_stale_version_with_409_and_changes_nothing(
    api, flagged, editor, other_editor
):
    flag = first_flag(flagged)
    path = f"flags/{flag.pk}/decision"
    assert (
        api.post(path, {"decision": "accept", "version": 1}, token=token_for(other_editor)).status
        == 200
    )

    answer = api.post(path, {"decision": "dismiss", "version": 1}, token=token_for(editor))

    assert answer.status == 409
    assert answer.error_code == "stale_version"
    assert "version now 2, you sent 1" in answer.json["error"]["message"]
    flag.refresh_from_db()
    assert flag.status == "confirmed"
    assert AuditEvent.objects.count() == 1


def test_it_refuses_what_the_review_refuses_with_422(api, flagged, editor):
    flag = first_flag(flagged)
    token = token_for(editor)
    api.post(f"flags/{flag.pk}/decision", {"decision": "accept", "version": 1}, token=token)

    answer = api.post(
        f"flags/{flag.pk}/decision", {"decision": "accept", "version": 2}, token=token
    )

    assert answer.status == 422
    assert answer.error_code == "refused"
    assert answer.json["error"]["message"] == "This flag is confirmed already."


@pytest.mark.parametrize(
    "body",
    [
        {"decision": "maybe", "version": 1},
        {"decision": "accept"},
        {"decision": "accept", "version": 0},
    ],
    ids=["an unknown decision", "no version", "version 0"],
)
def test_it_refuses_a_body_that_does_not_fit(api, flagged, editor, body):
    answer = api.post(f"flags/{first_flag(flagged).pk}/decision", body, token=token_for(editor))

    assert answer.status == 422
    assert answer.error_code == "invalid"
    assert answer.json["error"]["details"]
    assert not AuditEvent.objects.exists()


def test_it_answers_404_for_an_unknown_flag(api, flagged, editor):
    answer = api.post(
        "flags/999999/decision", {"decision": "accept", "version": 1}, token=token_for(editor)
    )

    assert answer.status == 404
    assert answer.error_code == "not_found"
