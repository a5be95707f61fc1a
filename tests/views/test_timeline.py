"""A comparison's timeline: imports, analyses, audit events (decisions, comments, and
the actions other features add), filtered by person and kind, a page at a time."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from articles.discussion.comments import add_comment
from articles.models import AuditEvent, Job, JobItem
from articles.timeline.kinds import KINDS, kind_of

from .conftest import HTMX, action_url, unit_at


def timeline_url(comparison, query: str = "") -> str:
    return reverse("articles:timeline", args=[comparison.pk]) + query


def entries(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".timeline-entry")]


@pytest.fixture
def nobody(db):
    return User.objects.create_user("nobody", password="pw-for-tests-only")


@pytest.fixture
def worked_on(comparison, editor, other_editor, editor_client):
    """The comparison imported by the editor, analysed, a unit marked, a comment."""
    comparison.source.imported_by = editor
    comparison.source.save()
    comparison.analysed_at = timezone.now()
    comparison.analysis_version = "2"
    comparison.save()
    editor_client.post(
        action_url("unit_mark", unit_at(comparison, 0)), {"version": 1, "state": "ok"}
    )
    add_comment(user=other_editor, comparison=comparison, body="Looks right to me.")
    AuditEvent.objects.create(comparison=comparison, actor=editor, action="assignment.made")
    return comparison


def test_it_lists_imports_analyses_decisions_and_comments_newest_first(editor_client, worked_on):
    lines = entries(editor_client.get(timeline_url(worked_on)))

    assert lines[0].endswith("Assignments edna assignment.made")
    assert "Comments otto commented Looks right to me." in lines[1]
    assert "Decisions edna marked a unit (unit 1) as OK" in lines[2]
    assert any("Analyses newsdrift analysed the pair analysis 2" in line for line in lines)
    assert any("Imports edna imported the source" in line for line in lines)
    assert any("imported the retranslation" in line for line in lines)


def test_it_filters_by_person_and_by_kind(editor_client, worked_on):
    by_otto = entries(editor_client.get(timeline_url(worked_on, "?person=otto")))
    assert len(by_otto) == 1 and "commented" in by_otto[0]
    decisions = entries(editor_client.get(timeline_url(worked_on, "?kind=decision")))
    assert len(decisions) == 1 and "marked a unit" in decisions[0]
    both = entries(editor_client.get(timeline_url(worked_on, "?person=edna&kind=import")))
    assert len(both) == 1 and "imported the source" in both[0]


def test_it_lists_a_background_jobs_reanalysis(editor_client, comparison, importer):
    job = Job.objects.create(
        kind="reanalyse", title="Re-analysis of 1 comparison", created_by=importer
    )
    JobItem.objects.create(
        job=job, position=0, label="comparison", comparison=comparison,
        state="finished", outcome="reanalysed", finished_at=timezone.now(),
    )  # fmt: skip
    lines = entries(editor_client.get(timeline_url(comparison, "?kind=analysis")))
    assert any("ines re-analysed the comparison" in line for line in lines)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("?kind=gossip", "kind"),
        ("?person=no-such-person", "person"),
        ("?page=0", "page"),
        ("?page=x", "page"),
        ("?page=9", "page"),
        ("?sort=old", "sort"),
    ],
)
def test_it_answers_a_bad_parameter_with_400_naming_it(editor_client, worked_on, query, name):
    response = editor_client.get(timeline_url(worked_on, query))
    assert response.status_code == 400
    assert response.content.decode().startswith(name)


def test_it_pages_the_timeline(editor_client, comparison, editor):
    AuditEvent.objects.bulk_create(
        [AuditEvent(comparison=comparison, actor=editor, action="flag.accept") for _ in range(60)]
    )
    first = editor_client.get(timeline_url(comparison, "?kind=decision"))
    assert len(entries(first)) == 50
    soup = BeautifulSoup(first.content, "html.parser")
    assert soup.select_one('.pager a[rel="next"]')["href"] == "?kind=decision&page=2"
    second = editor_client.get(timeline_url(comparison, "?kind=decision&page=2"))
    assert len(entries(second)) == 10


def test_it_answers_htmx_with_the_entries_only(editor_client, worked_on):
    response = editor_client.get(timeline_url(worked_on, "?kind=comment"), **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="timeline-entries"')


def test_the_overview_links_to_the_timeline(editor_client, comparison):
    soup = BeautifulSoup(editor_client.get(comparison.get_absolute_url()).content, "html.parser")
    assert soup.select_one("#timeline-link")["href"] == timeline_url(comparison)


def test_it_escapes_comment_text(editor_client, editor, comparison):
    add_comment(user=editor, comparison=comparison, body="<img src=x onerror=alert(1)>")
    html = editor_client.get(timeline_url(comparison)).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# The kind of an action: one function, an "other" fallback.


@pytest.mark.parametrize(
    ("action", "kind"),
    [
        ("flag.accept", "decision"),
        ("unit.mark", "decision"),
        ("unit.merge", "alignment"),
        ("undo", "decision"),
        ("comparison.done", "stage"),
        ("comment.added", "comment"),
        ("assignment.made", "assignment"),
        ("assignment.anything_new", "assignment"),
        ("stage.approved", "stage"),
        ("double_review.requested", "double_review"),
        ("something.unforeseen", "other"),
        ("", "other"),
    ],
)
def test_kind_of_maps_every_action_by_its_prefix(action, kind):
    assert kind_of(action) == kind
    assert kind in KINDS


# Permissions, walked for every role.


def test_it_sends_a_signed_out_visitor_to_sign_in(client, comparison):
    response = client.get(timeline_url(comparison))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={timeline_url(comparison)}"


def test_it_refuses_an_account_in_no_role(client, nobody, comparison):
    client.force_login(nobody)
    assert client.get(timeline_url(comparison)).status_code == 403


@pytest.mark.parametrize("role", ["viewer", "editor", "importer"])
def test_every_role_reads_the_timeline(client, worked_on, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(timeline_url(worked_on)).status_code == 200


def test_it_refuses_a_post(editor_client, comparison):
    assert editor_client.post(timeline_url(comparison)).status_code == 405


def test_it_answers_404_for_a_comparison_that_does_not_exist(editor_client, db):
    assert editor_client.get(reverse("articles:timeline", args=[999999])).status_code == 404
