"""A selection report filtered by the dashboard's queue filters (assignee, stage, due)
covers exactly the comparisons the dashboard lists for the same querystring; a value
the dashboard does not offer is a 400 naming the parameter, before any comparison is
read."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.views.dashboard import PAGE_SIZE
from tests.team_helpers import queue_of_work, role_users

DASHBOARD = reverse("articles:dashboard")
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report-format.schema.json"


@pytest.fixture
def people(db):
    return role_users()


@pytest.fixture
def work(people):
    return queue_of_work(people)


def dashboard_ids(client, query: str) -> list[int]:
    response = client.get(f"{DASHBOARD}?{query}")
    assert response.status_code == 200
    cells = BeautifulSoup(response.content, "html.parser").select("table.dashboard td.col-id")
    assert len(cells) < PAGE_SIZE  # one page: the whole list
    return sorted(int(cell.get_text()) for cell in cells)


def report(client, query: str, fmt: str = "json") -> dict:
    response = client.get(reverse("reports:selection", args=[fmt]) + f"?{query}")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def report_ids(client, query: str) -> list[int]:
    return sorted(r["comparison"]["id"] for r in report(client, query)["reports"])


QUERIES = [
    "assignee=me",
    "assignee=none",
    "assignee=stella",
    "stage=review",
    "stage=approval",
    "stage=done",
    "due=overdue",
    "due=week",
    "assignee=me&stage=approval",
    "assignee=me&due=overdue",
    "assignee=none&stage=review",
    "stage=review&due=week",
    "status=in_review&assignee=me",
    "q=Mine&due=overdue",
    "assignee=me&stage=done&due=overdue",
    "",
]


@pytest.mark.parametrize("role", ["editor", "staff"])
@pytest.mark.parametrize("query", QUERIES)
def test_it_reports_exactly_what_the_dashboard_lists(client, people, work, role, query):
    client.force_login(people[role])
    assert report_ids(client, query) == dashboard_ids(client, query)


def test_it_reads_each_filter_as_the_dashboard_means_it(client, people, work):
    client.force_login(people["editor"])

    def titles(query: str) -> set[str]:
        return {r["comparison"]["title"] for r in report(client, query)["reports"]}

    assert titles("assignee=me") == {t for t in work if t.startswith("Mine")}
    assert titles("assignee=none") == {t for t in work if t.startswith("Nobody")}
    assert titles("assignee=stella&stage=approval") == {"Staff awaiting approval"}
    assert titles("assignee=me&due=overdue") == {"Mine late", "Mine awaiting approval"}
    assert titles("due=week") == {"Mine this week", "Staff tomorrow"}
    # The same query for another editor is their own work.
    client.force_login(people["staff"])
    assert titles("assignee=me") == {"Staff awaiting approval", "Staff tomorrow"}


def test_it_records_the_queue_filters_with_me_as_the_user_name(client, people, work):
    client.force_login(people["editor"])
    selection = report(client, "assignee=me&stage=review&due=week")["selection"]
    assert (selection["assignee"], selection["stage"], selection["due"]) == (
        "eddie",
        "review",
        "week",
    )
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(
        report(client, "assignee=me&stage=review&due=week")
    )
    unfiltered = report(client, "status=new")["selection"]
    assert (unfiltered["assignee"], unfiltered["stage"], unfiltered["due"]) == ("", "", "")


def test_it_filters_every_format_alike(client, people, work):
    client.force_login(people["editor"])
    for fmt in ("md", "html"):
        url = reverse("reports:selection", args=[fmt]) + "?assignee=me&stage=approval"
        text = client.get(url).content.decode()
        assert "Mine awaiting approval" in text
        assert not [t for t in work if t != "Mine awaiting approval" and t in text]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("assignee=ghost", "assignee: “ghost” is not a user name (nor me or none)."),
        ("stage=shipping", "stage: “shipping” is not a stage (one of review, approval, done)."),
        ("due=yesterday", "due: “yesterday” is not a due date filter (one of overdue, week)."),
        ("status=new&due=week&assignee=%01", "assignee: holds a control character (such as NUL)"),
        (f"assignee={'x' * 201}", "assignee: longer than 200 characters"),
    ],
)
def test_it_refuses_a_filter_value_not_offered_before_reading_any_comparison(
    client, people, work, query, message
):
    client.force_login(people["editor"])
    url = reverse("reports:selection", args=["json"]) + f"?{query}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode() == message
    assert not [q for q in queries if "articles_comparison" in q["sql"]]


def test_it_refuses_the_same_values_as_the_dashboard(client, people, work):
    client.force_login(people["editor"])
    for query in ("assignee=ghost", "stage=shipping", "due=yesterday"):
        page = client.get(f"{DASHBOARD}?{query}")
        download = client.get(reverse("reports:selection", args=["csv"]) + f"?{query}")
        assert page.status_code == download.status_code == 400
        assert page.content.decode() == f"Filter: {download.content.decode()}\n"
