"""The approval stage: Mark done leads to approval when an approver exists; an approver
who is not the reviewer changes decisions, sends back with a note, or approves; an
approved comparison is read only until staff reopen it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.assignments.models import Approval, SendBack
from articles.assignments.stages import approval_required
from articles.models import AuditEvent, Comparison, Flag
from articles.roles import APPROVERS, EDITORS
from articles.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.team_helpers import decide_everything, make_user, role_users

from .conftest import action_url, unit_at


def url(name: str, comparison: Comparison) -> str:
    return reverse(f"articles:{name}", args=[comparison.pk])


@pytest.fixture
def people(db):
    return role_users()


@pytest.fixture
def awaiting(client, comparison, people) -> Comparison:
    """The comparison reviewed and marked done by the editor: awaiting approval."""
    decide_everything(comparison)
    client.force_login(people["editor"])
    response = client.post(url("done", comparison), {"from": "overview"})
    assert response.status_code == 302
    client.logout()
    comparison.refresh_from_db()
    return comparison


def test_it_has_an_approval_stage_only_while_an_active_account_may_approve(db):
    assert not approval_required()
    make_user("root", is_superuser=True)  # holds every permission, but is no approver
    assert not approval_required()
    approver = make_user("april", APPROVERS)
    assert approval_required()
    approver.is_active = False
    approver.save()
    assert not approval_required()


def test_mark_done_sends_it_to_approval_and_keeps_the_reviewer(awaiting, people):
    assert awaiting.status == "in_approval"
    approval = Approval.objects.get(comparison=awaiting)
    assert approval.reviewer == people["editor"] and approval.reviewed_at
    event = AuditEvent.objects.get(action="comparison.done")
    assert event.after["comparison"] == {"status": "in_approval"}


def test_without_approvers_mark_done_is_done_as_before(client, comparison):
    editor = make_user("solo", EDITORS)
    decide_everything(comparison)
    client.force_login(editor)
    client.post(url("done", comparison), {"from": "overview"})
    comparison.refresh_from_db()
    assert comparison.status == "done"
    assert Approval.objects.get(comparison=comparison).reviewer == editor


# --- Who may see and do what ---------------------------------------------------------

PAGE_STATUS = {"no role": 403, "viewer": 200, "editor": 200, "approver": 200, "staff": 200}


@pytest.mark.parametrize("role", list(PAGE_STATUS))
def test_the_approval_page_is_for_every_role_that_may_see(client, awaiting, people, role):
    client.force_login(people[role])
    response = client.get(url("approval", awaiting))
    assert response.status_code == PAGE_STATUS[role]
    if response.status_code == 200:
        html = response.content.decode()
        assert ('id="approve"' in html) == (role == "approver")
        assert "Every decision" in html


def test_the_approval_page_sends_a_signed_out_visitor_to_sign_in(client, awaiting):
    response = client.get(url("approval", awaiting))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["approve", "send_back"])
@pytest.mark.parametrize("role", ["no role", "viewer", "editor", "staff"])
def test_only_approvers_may_approve_or_send_back(client, awaiting, people, role, name):
    client.force_login(people[role])
    response = client.post(url(name, awaiting), {"note": "Look again."})
    assert response.status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.status == "in_approval"
    assert not SendBack.objects.exists()


@pytest.mark.parametrize("name", ["approve", "send_back"])
def test_approving_and_sending_back_refuse_a_get_and_the_signed_out(client, awaiting, name):
    assert client.post(url(name, awaiting), {"note": "x"}).status_code == 302
    client.force_login(make_user("amy", APPROVERS))
    assert client.get(url(name, awaiting)).status_code == 405


def test_the_reviewer_may_not_approve_their_own_review(client, comparison):
    both = make_user("bea", EDITORS, APPROVERS)
    decide_everything(comparison)
    client.force_login(both)
    client.post(url("done", comparison), {"from": "overview"})
    comparison.refresh_from_db()
    assert comparison.status == "in_approval"
    page = client.get(url("approval", comparison)).content.decode()
    assert 'id="approve"' not in page and "You reviewed this comparison" in page
    response = client.post(url("approve", comparison))
    assert response.status_code == 422
    assert "another approver must approve it" in response.content.decode()
    comparison.refresh_from_db()
    assert comparison.status == "in_approval"


def step_actions(comparison) -> list[str]:
    """test_access's actions on the comparison's units, the ledger and undo."""
    from .test_access import action_urls

    skip = ("/done/", "/reopen/", "/approve/", "/send-back/", "/pick-up/")
    return [
        u
        for u in action_urls(comparison)
        if u.startswith(f"/comparisons/{comparison.pk}/")
        and not u.endswith(skip)
        and "/comments/" not in u
    ]


STEP_ACTIONS = 13


def test_the_step_actions_are_the_ones_counted(comparison):
    assert len(step_actions(comparison)) == STEP_ACTIONS


@pytest.mark.parametrize("index", range(STEP_ACTIONS))
def test_an_approver_may_do_nothing_on_a_comparison_in_review(client, comparison, people, index):
    url = step_actions(comparison)[index]
    client.force_login(people["approver"])
    data = {"version": 1, "state": "ok", "versions": "1:1", "category": "omission"}
    assert client.post(url, data).status_code == 403
    assert not AuditEvent.objects.exists()
    assert set(comparison.units.values_list("version", flat=True)) == {1}


# --- Sending back --------------------------------------------------------------------


def test_sending_back_needs_a_note(client, awaiting, people):
    client.force_login(people["approver"])
    response = client.post(url("send_back", awaiting), {"note": "   "})
    assert response.status_code == 422
    assert "Note: write what the reviewer should look at again." in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.status == "in_approval"


def test_sending_back_puts_it_in_review_with_the_note_shown_to_the_reviewer(
    client, awaiting, people
):
    note = "Unit 2: <b>Malotto</b> is a name change, confirm it."
    client.force_login(people["approver"])
    response = client.post(url("send_back", awaiting), {"note": note})
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == "in_review"
    sent = SendBack.objects.get()
    assert (sent.by, sent.reviewer, sent.note) == (people["approver"], people["editor"], note)
    event = AuditEvent.objects.get(action="comparison.send_back")
    assert event.actor == people["approver"]
    assert event.before == {"comparison": {"status": "in_approval"}}
    assert event.after["comparison"] == {"status": "in_review"} and event.after["note"] == note
    client.force_login(people["editor"])
    html = client.get(awaiting.get_absolute_url()).content.decode()
    assert "Sent back by april" in html
    assert "&lt;b&gt;Malotto&lt;/b&gt;" in html and "<b>Malotto</b>" not in html
    step = client.get(reverse("articles:step", args=[awaiting.pk, 1])).content.decode()
    assert "Sent back by april" in step


# --- Changing a decision --------------------------------------------------------------


def test_an_approver_changes_a_decision_through_the_versioned_flag_operation(
    client, awaiting, people
):
    unit = unit_at(awaiting, 1)
    flag = unit.flags.get()
    client.force_login(people["approver"])
    step = client.get(reverse("articles:step", args=[awaiting.pk, 1])).content.decode()
    assert "✓ Accept" in step  # the approver's buttons are there
    response = client.post(action_url("flag_accept", unit, flag), {"version": unit.version})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.author) == ("confirmed", people["approver"])
    event = AuditEvent.objects.get(action="flag.accept")
    assert event.actor == people["approver"]
    awaiting.refresh_from_db()
    assert awaiting.status == "in_approval"  # still waiting for the sign-off


def test_the_reviewer_cannot_change_it_while_it_awaits_approval(client, awaiting, people):
    unit = unit_at(awaiting, 1)
    flag = unit.flags.get()
    client.force_login(people["editor"])
    step = client.get(reverse("articles:step", args=[awaiting.pk, 1])).content.decode()
    assert "✓ Accept" not in step
    response = client.post(action_url("flag_accept", unit, flag), {"version": unit.version})
    assert response.status_code == 409
    assert "is awaiting approval" in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == "dismissed"
    assert not AuditEvent.objects.filter(action="flag.accept").exists()


def test_a_stale_version_from_the_approver_is_refused_as_any_other(client, awaiting, people):
    unit = unit_at(awaiting, 1)
    flag = unit.flags.get()
    type(unit).objects.filter(pk=unit.pk).update(version=unit.version + 1)  # changed since
    client.force_login(people["approver"])
    response = client.post(action_url("flag_accept", unit, flag), {"version": unit.version})
    assert response.status_code == 409
    flag.refresh_from_db()
    assert flag.status == "dismissed"


# --- Approving -----------------------------------------------------------------------


def test_approving_makes_it_done_stores_who_and_when_and_sends_the_webhook(
    client, awaiting, people
):
    WebhookEndpoint.objects.create(
        url="https://hooks.example.org/nd", events=["comparison.approved", "comparison.done"]
    )
    client.force_login(people["approver"])
    response = client.post(url("approve", awaiting))
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == "done"
    approval = Approval.objects.get(comparison=awaiting)
    assert approval.approved_by == people["approver"] and approval.approved_at
    event = AuditEvent.objects.get(action="comparison.approve")
    assert event.before == {"comparison": {"status": "in_approval"}}
    assert event.after["approval"]["approved_by_id"] == people["approver"].pk
    sent = {d.event: d.payload for d in WebhookDelivery.objects.all()}
    assert set(sent) == {"comparison.approved", "comparison.done"}
    assert sent["comparison.approved"]["actor"] == "april"
    assert sent["comparison.approved"]["reviewer"] == "eddie"
    assert sent["comparison.approved"]["comparison"]["status"] == "done"


@pytest.mark.parametrize("name", ["approve", "send_back"])
def test_a_comparison_in_review_is_not_approved_nor_sent_back(client, comparison, people, name):
    client.force_login(people["approver"])
    response = client.post(url(name, comparison), {"note": "Look again."})
    assert response.status_code == 409
    assert "is not awaiting approval" in response.content.decode()
    assert not AuditEvent.objects.exists() and not SendBack.objects.exists()


def test_approving_twice_is_refused(client, awaiting, people):
    client.force_login(people["approver"])
    client.post(url("approve", awaiting))
    response = client.post(url("approve", awaiting))
    assert response.status_code == 409
    assert "is not awaiting approval" in response.content.decode()
    assert AuditEvent.objects.filter(action="comparison.approve").count() == 1


@pytest.fixture
def approved(client, awaiting, people) -> Comparison:
    client.force_login(people["approver"])
    client.post(url("approve", awaiting))
    client.logout()
    awaiting.refresh_from_db()
    return awaiting


def test_an_approved_comparison_is_read_only_for_editors(client, approved, people):
    unit = unit_at(approved, 1)
    flag = unit.flags.get()
    client.force_login(people["editor"])
    overview = client.get(approved.get_absolute_url()).content.decode()
    assert "Approved by april" in overview and 'id="reopen"' not in overview
    response = client.post(action_url("flag_accept", unit, flag), {"version": unit.version})
    assert response.status_code == 409
    assert "is approved: it is read only until staff reopen it" in response.content.decode()
    response = client.post(url("reopen", approved))
    assert response.status_code == 409
    assert "only staff may reopen it" in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == "done"


def test_staff_reopen_an_approved_comparison_and_its_approval_goes(client, approved, people):
    client.force_login(people["staff"])
    assert 'id="reopen"' in client.get(approved.get_absolute_url()).content.decode()
    response = client.post(url("reopen", approved))
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == "in_review"
    approval = Approval.objects.get(comparison=approved)
    assert approval.approved_at is None and approval.reviewer == people["editor"]
    event = AuditEvent.objects.get(action="comparison.reopen")
    assert event.before["approval"]["approved_by_id"] == people["approver"].pk


def test_undo_takes_back_neither_the_approval_nor_the_review_under_it(client, approved, people):
    client.force_login(people["approver"])  # not an editor: no undo on a done comparison
    assert client.post(url("undo", approved), {"position": 0}).status_code == 403
    client.force_login(people["editor"])  # their Mark done is under the approval
    response = client.post(url("undo", approved), {"position": 0})
    assert response.status_code == 409
    approved.refresh_from_db()
    assert approved.status == "done"


def test_every_decision_is_listed_with_its_diff_and_evidence(client, awaiting, people):
    Flag.objects.filter(unit__comparison=awaiting, unit__position=1).update(status="confirmed")
    client.force_login(people["approver"])
    html = client.get(url("approval", awaiting)).content.decode()
    for number in range(1, 6):
        assert f">Unit {number} " in html
    assert '<del class="w w-chg w-ev">Maroto</del>' in html
    assert '<ins class="w w-chg w-ev">Malotto</ins>' in html
    assert "Confirmed by" not in html or "by eddie" in html
