"""Staff assign comparisons to editors, one or many at once, reassign and unassign them,
each change audited; the admin's action leads to the same page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from articles.assignments.models import Assignment, Priority
from articles.models import AuditEvent
from tests.builders import build_comparison
from tests.team_helpers import make_user, role_users

ASSIGN = "/assignments/"


@pytest.fixture
def people(db):
    return role_users()


@pytest.fixture
def three(db):
    return [build_comparison([(f"Sentence {n}.", f"Phrase {n}.")], title=f"C{n}") for n in range(3)]


def post(client, comparisons, **data):
    payload = {"comparison": [c.pk for c in comparisons], "priority": 1, **data}
    return client.post(reverse("articles:assign"), payload)


def test_the_url_is_the_one_the_docs_give():
    assert reverse("articles:assign") == ASSIGN


@pytest.mark.parametrize(
    "role,status", [("no role", 403), ("viewer", 403), ("editor", 403), ("approver", 403)]
)
def test_only_staff_may_assign(client, people, three, role, status):
    client.force_login(people[role])
    assert client.get(ASSIGN, {"comparison": three[0].pk}).status_code == status
    response = post(client, three, assignee=people["editor"].pk)
    assert response.status_code == status
    assert not Assignment.objects.exists() and not AuditEvent.objects.exists()


def test_a_signed_out_visitor_signs_in_first(client, three):
    assert client.get(ASSIGN).status_code == 302
    assert client.post(ASSIGN, {"comparison": three[0].pk}).status_code == 302
    assert not Assignment.objects.exists()


def test_staff_see_the_form_for_the_comparisons_chosen(client, people, three):
    client.force_login(people["staff"])
    response = client.get(ASSIGN, {"comparison": [three[0].pk, three[2].pk, "junk"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Assign 2 comparisons" in html
    assert f'name="comparison" value="{three[0].pk}"' in html
    assert f'name="comparison" value="{three[1].pk}"' not in html
    # Only active editors are offered.
    assert ">eddie<" in html and ">stella<" in html and ">april<" not in html


def test_staff_assign_many_at_once_with_a_due_date_and_priority(client, people, three):
    client.force_login(people["staff"])
    due = dt.date(2026, 12, 24)
    response = post(
        client,
        three,
        assignee=people["editor"].pk,
        priority=Priority.URGENT,
        due_date=due.isoformat(),
        next="/?status=new",
    )
    assert response.status_code == 302 and response["Location"] == "/?status=new"
    rows = Assignment.objects.order_by("comparison_id")
    assert [(a.assignee, a.priority, a.due_date) for a in rows] == [
        (people["editor"], Priority.URGENT, due)
    ] * 3
    events = AuditEvent.objects.filter(action="assignment.set").order_by("comparison_id")
    assert [e.comparison_id for e in events] == [c.pk for c in three]
    assert events[0].actor == people["staff"]
    assert events[0].before == {"assignment": None}
    assert events[0].after == {
        "assignment": {
            "assignee_id": people["editor"].pk,
            "priority": "urgent",
            "due_date": "2026-12-24",
            "assigned_by_id": people["staff"].pk,
        }
    }


def test_reassigning_is_audited_with_before_and_after(client, people, three):
    other = make_user("olga", "Editors")
    client.force_login(people["staff"])
    post(client, three[:1], assignee=people["editor"].pk)
    post(client, three[:1], assignee=other.pk, priority=Priority.HIGH)
    event = AuditEvent.objects.filter(action="assignment.set").order_by("-id").first()
    assert event.before["assignment"]["assignee_id"] == people["editor"].pk
    assert event.after["assignment"]["assignee_id"] == other.pk
    assert event.after["assignment"]["priority"] == "high"
    assert Assignment.objects.get().assignee == other


def test_assigning_again_the_same_way_changes_and_audits_nothing(client, people, three):
    client.force_login(people["staff"])
    post(client, three, assignee=people["editor"].pk)
    post(client, three, assignee=people["editor"].pk)
    assert AuditEvent.objects.count() == 3


def test_unassigning_is_audited(client, people, three):
    client.force_login(people["staff"])
    post(client, three, assignee=people["editor"].pk)
    response = post(client, three[:2], unassign="1")
    assert response.status_code == 302
    assert list(Assignment.objects.values_list("comparison_id", flat=True)) == [three[2].pk]
    cleared = AuditEvent.objects.filter(action="assignment.cleared")
    assert cleared.count() == 2
    assert all(e.after == {"assignment": None} and e.before["assignment"] for e in cleared)


def test_it_refuses_an_assignee_who_is_not_an_editor(client, people, three):
    client.force_login(people["staff"])
    response = post(client, three, assignee=people["approver"].pk)
    assert response.status_code == 422
    assert "Assign to:" in response.content.decode()
    assert not Assignment.objects.exists()


def test_it_refuses_no_editor_and_no_comparison(client, people, three):
    client.force_login(people["staff"])
    response = post(client, three)
    assert response.status_code == 422
    assert "Assign to: choose an editor" in response.content.decode()
    response = client.post(ASSIGN, {"assignee": people["editor"].pk, "priority": 1})
    assert response.status_code == 422
    assert "Choose at least one comparison" in response.content.decode()


def test_it_does_not_follow_a_next_to_another_site(client, people, three):
    client.force_login(people["staff"])
    response = post(client, three, assignee=people["editor"].pk, next="https://evil.example/")
    assert response["Location"] == reverse("articles:dashboard")


def test_the_admin_action_leads_to_the_page_with_the_comparisons_chosen(client, three):
    admin = make_user("ada", "Editors", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:articles_comparison_changelist"),
        {"action": "assign_selected", "_selected_action": [three[0].pk, three[1].pk]},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(ASSIGN + f"?comparison={three[0].pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Assign 2 comparisons" in page
