"""The dashboard's queue: "My queue" first for editors (by priority, then due date), the
comparisons to pick up, the assignee, stage and due filters, overdue work marked in
words, and as many queries for 1 assignment as for 12."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.assignments.models import Assignment, Priority
from articles.models import Comparison
from tests.builders import build_comparison
from tests.team_helpers import make_user, role_users

URL = reverse("articles:dashboard")


@pytest.fixture
def people(db):
    return role_users()


def make(title: str, status: str = "new") -> Comparison:
    comparison = build_comparison([(f"{title} one.", f"{title} uno.")], title=title)
    Comparison.objects.filter(pk=comparison.pk).update(status=status)
    comparison.status = status
    return comparison


def assign(comparison, user, priority=Priority.NORMAL, due=None) -> Assignment:
    return Assignment.objects.create(
        comparison=comparison, assignee=user, priority=priority, due_date=due
    )


def queue_titles(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one("section.my-queue")
    return [a.get_text().split(" ", 1)[1] for a in section.select("ol.queue-list a.title-link")]


def pick_up_titles(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one("section.my-queue")
    return [a.get_text().split(" ", 1)[1] for a in section.select("ul.queue-list a.title-link")]


def test_my_queue_comes_first_by_priority_then_due_date(client, people):
    today = timezone.localdate()
    editor = people["editor"]
    assign(make("Low soon"), editor, Priority.LOW, today)
    assign(make("Urgent late"), editor, Priority.URGENT, today + dt.timedelta(days=9))
    assign(make("Urgent soon"), editor, Priority.URGENT, today + dt.timedelta(days=1))
    assign(make("Normal undated"), editor, Priority.NORMAL)
    assign(make("Normal dated"), editor, Priority.NORMAL, today + dt.timedelta(days=30))
    assign(make("Finished", "done"), editor, Priority.URGENT)
    assign(make("Someone else's"), people["staff"], Priority.URGENT)
    make("Free old")
    make("Free done", "done")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert html.index("My queue") < html.index('class="filterbar"')
    assert queue_titles(html) == [
        "Urgent soon",
        "Urgent late",
        "Normal dated",
        "Normal undated",
        "Low soon",
    ]
    assert pick_up_titles(html) == ["Free old"]
    assert "Pick up" in html


def test_overdue_work_is_marked_in_words(client, people):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assign(make("Late one"), people["editor"], due=yesterday)
    assign(make("Late but done", "done"), people["editor"], due=yesterday)
    client.force_login(people["editor"])
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    overdue = soup.select("table.dashboard tr.is-overdue")
    assert len(overdue) == 1
    assert "Late one" in overdue[0].get_text()
    assert "Overdue" in overdue[0].select_one(".col-assigned").get_text()
    assert "Overdue" in soup.select_one("section.my-queue").get_text()


@pytest.mark.parametrize("role", ["viewer", "approver"])
def test_who_cannot_review_sees_no_queue(client, people, role):
    make("Free")
    client.force_login(people[role])
    html = client.get(URL).content.decode()
    assert "My queue" not in html and "Pick up" not in html


def test_staff_get_checkboxes_and_the_assignment_form_editors_do_not(client, people):
    comparison = make("Any")
    client.force_login(people["staff"])
    html = client.get(URL).content.decode()
    assert f'name="comparison" value="{comparison.pk}" form="assign-form"' in html
    assert 'id="assign-form"' in html
    client.force_login(people["editor"])
    html = client.get(URL).content.decode()
    assert 'form="assign-form"' not in html and 'id="assign-form"' not in html


def listed(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text() for a in soup.select("table.dashboard a.title-link"))


def test_it_filters_by_assignee_stage_and_due_date(client, people):
    today = timezone.localdate()
    editor, staff = people["editor"], people["staff"]
    assign(make("Mine late"), editor, due=today - dt.timedelta(days=2))
    assign(make("Mine this week", "in_review"), editor, due=today + dt.timedelta(days=6))
    assign(make("Mine next month"), editor, due=today + dt.timedelta(days=30))
    assign(make("Staff approval", "in_approval"), staff)
    make("Nobody's done", "done")
    client.force_login(editor)
    assert listed(client, assignee="me") == ["Mine late", "Mine next month", "Mine this week"]
    assert listed(client, assignee="stella") == ["Staff approval"]
    assert listed(client, assignee="none") == ["Nobody's done"]
    assert listed(client, stage="approval") == ["Staff approval"]
    assert listed(client, stage="review") == ["Mine late", "Mine next month", "Mine this week"]
    assert listed(client, stage="done") == ["Nobody's done"]
    assert listed(client, due="overdue") == ["Mine late"]
    assert listed(client, due="week") == ["Mine this week"]
    assert listed(client, assignee="me", stage="review", due="week") == ["Mine this week"]


@pytest.mark.parametrize(
    "params,message",
    [
        ({"assignee": "ghost"}, "Filter: assignee: “ghost” is not a user name"),
        ({"stage": "shipping"}, "Filter: stage: "),
        ({"due": "yesterday"}, "Filter: due: "),
    ],
)
def test_a_filter_value_not_offered_is_a_400_naming_it(client, people, params, message):
    client.force_login(people["editor"])
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.content.decode().startswith(message)


def test_the_filters_follow_the_pages(client, people):
    for n in range(27):
        assign(make(f"Mine {n:02}"), people["editor"])
    client.force_login(people["editor"])
    html = client.get(URL, {"assignee": "me"}).content.decode()
    assert "?assignee=me&amp;page=2" in html


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_it_makes_as_many_queries_for_1_or_12_assignments(client, people):
    editor = people["editor"]
    others = [make_user(f"ed{n}", "Editors") for n in range(3)]
    assign(make("First"), editor, Priority.HIGH, timezone.localdate())
    make("Free")
    client.force_login(editor)
    small = count_queries(client)
    for n in range(11):
        assign(make(f"More {n}"), [editor, *others][n % 4], Priority(n % 4), timezone.localdate())
    for n in range(5):
        make(f"Free {n}")
    assert count_queries(client) == small
