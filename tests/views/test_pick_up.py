"""An editor picks up a comparison nobody holds; it goes into their queue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.assignments.models import Assignment
from articles.models import AuditEvent, Comparison
from tests.builders import build_comparison
from tests.team_helpers import make_user, role_users


@pytest.fixture
def people(db):
    return role_users()


@pytest.fixture
def waiting(db) -> Comparison:
    return build_comparison([("One.", "Uno.")], title="Waiting")


def pick_up_url(comparison) -> str:
    return reverse("articles:pick_up", args=[comparison.pk])


@pytest.mark.parametrize("role", ["no role", "viewer", "approver"])
def test_only_editors_may_pick_up(client, people, waiting, role):
    client.force_login(people[role])
    assert client.post(pick_up_url(waiting)).status_code == 403
    assert not Assignment.objects.exists()


def test_a_signed_out_visitor_signs_in_first_and_a_get_is_refused(client, people, waiting):
    assert client.post(pick_up_url(waiting)).status_code == 302
    client.force_login(people["editor"])
    assert client.get(pick_up_url(waiting)).status_code == 405
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("role", ["editor", "staff"])
def test_an_editor_picks_up_an_unassigned_comparison(client, people, waiting, role):
    client.force_login(people[role])
    response = client.post(pick_up_url(waiting), {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assignment = Assignment.objects.get()
    assert (assignment.assignee, assignment.assigned_by) == (people[role], people[role])
    event = AuditEvent.objects.get()
    assert event.action == "assignment.set" and event.after["picked_up"] is True
    assert event.before == {"assignment": None}


def test_it_refuses_one_someone_holds_by_now(client, people, waiting):
    other = make_user("olga", "Editors")
    Assignment.objects.create(comparison=waiting, assignee=other)
    client.force_login(people["editor"])
    response = client.post(pick_up_url(waiting))
    assert response.status_code == 409
    assert f"Comparison {waiting.pk} is assigned to olga already." in response.content.decode()
    assert Assignment.objects.get().assignee == other
    assert not AuditEvent.objects.exists()


def test_it_refuses_one_past_review(client, people, waiting):
    Comparison.objects.filter(pk=waiting.pk).update(status="done")
    client.force_login(people["editor"])
    response = client.post(pick_up_url(waiting))
    assert response.status_code == 422
    assert "past review" in response.content.decode()
    assert not Assignment.objects.exists()
