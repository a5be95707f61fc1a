"""A background export of the dashboard's selection keeps its queue filters: offered
with them, queued with `assignee=me` made the user's name, and written by the worker
as exactly the comparisons the dashboard listed."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.jobs.export import selection_of
from articles.models import Job
from tests.jobs_helpers import work_off_jobs
from tests.team_helpers import queue_of_work, role_users

DASHBOARD = reverse("articles:dashboard")


@pytest.fixture
def people(db, settings):
    settings.NEWSDRIFT_EXPORT_INLINE_MAX = 0  # every JSON selection is offered as a job
    return role_users()


@pytest.fixture
def work(people):
    return queue_of_work(people)


def dashboard_ids(client, query: str) -> set[int]:
    page = client.get(f"{DASHBOARD}?{query}").content
    return {
        int(cell.get_text())
        for cell in BeautifulSoup(page, "html.parser").select("table.dashboard td.col-id")
    }


def exported_ids(client, job: Job) -> set[int]:
    download = client.get(reverse("articles:job_download", args=[job.pk]))
    document = json.loads(b"".join(download.streaming_content))
    return {r["comparison"]["id"] for r in document["reports"]}


def export_in_background(client, query: str) -> Job:
    """As the editor does: the download link, then the offered form's button."""
    offer = client.get(reverse("reports:selection", args=["json"]) + f"?{query}")
    form = BeautifulSoup(offer.content, "html.parser").select_one("form.card")
    assert form["action"] == reverse("reports:selection_job", args=["json"]) + f"?{query}"
    queued = client.post(form["action"])
    assert queued.status_code == 302
    return Job.objects.latest("pk")


@pytest.mark.parametrize(
    "query",
    ["assignee=me", "assignee=none&stage=review", "stage=approval", "assignee=me&due=overdue"],
)
def test_it_exports_what_the_dashboard_lists(client, people, work, query):
    client.force_login(people["editor"])
    job = export_in_background(client, query)
    work_off_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert exported_ids(client, job) == dashboard_ids(client, query)


def test_it_queues_me_as_the_users_name(client, people, work):
    client.force_login(people["staff"])
    job = export_in_background(client, "assignee=me&stage=review&due=week")
    described = job.params["selection"]
    assert (described["assignee"], described["stage"], described["due"]) == (
        "stella",
        "review",
        "week",
    )
    work_off_jobs()
    assert exported_ids(client, job) == {work["Staff tomorrow"].pk}


def test_it_refuses_a_bad_queue_filter_and_queues_nothing(client, people, work):
    client.force_login(people["editor"])
    url = reverse("reports:selection_job", args=["json"])
    response = client.post(url + "?stage=shipping")
    assert response.status_code == 400
    assert response.content.decode().startswith("stage: “shipping” is not a stage")
    assert not Job.objects.exists()


def test_a_job_queued_before_the_queue_filters_still_reads_its_selection(db):
    old = {"format": "json", "everything": False, "selection": {"ids": [], "status": ["new"]}}
    selection = selection_of(old)
    assert selection.statuses == ("new",)
    assert (selection.assignee, selection.stage, selection.due) == ("", "", "")
