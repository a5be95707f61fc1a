"""The dashboard pages through the comparisons first and computes the figures of the
page shown only: the order, and the figures, are those of the whole-archive query it
replaced (which took seconds at 1,000 comparisons: docs/PERFORMANCE.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import AlignmentUnit, Article, Comparison
from articles.review.dashboard_rows import dashboard_order, dashboard_rows
from tests.builders import build_comparison

pytestmark = pytest.mark.django_db


def _pairs(title: str) -> list[tuple[str, str]]:
    return [
        (f"Maroto said so in {title}.", f"Malotto said so in {title}."),
        ("Five died.", "Four died."),
        ("Calm returned.", ""),
    ]


def _comparison(title: str, *, created: dt.datetime, active: dt.datetime | None = None):
    flags = {
        0: [
            {"category": "factual.name", "severity": "major", "status": "confirmed"},
            {"category": "factual.name", "severity": "minor", "status": "suggested"},
        ],
        1: [{"category": "factual.number", "severity": "critical", "status": "confirmed"}],
        2: [{"category": "omission", "severity": "minor", "status": "dismissed"}],
    }
    comparison = build_comparison(_pairs(title), title=title, flags=flags)
    Comparison.objects.filter(pk=comparison.pk).update(created_at=created, last_activity_at=active)
    return comparison


def test_it_lists_worked_on_comparisons_first_then_the_newest_on_both_databases():
    now = timezone.now()
    old_untouched = _comparison("Old", created=now - dt.timedelta(days=3))
    new_untouched = _comparison("New", created=now - dt.timedelta(days=1))
    worked_on = _comparison("Worked", created=now - dt.timedelta(days=5), active=now)

    order = list(dashboard_order().values_list("pk", flat=True))

    # PostgreSQL sorts NULL first in a descending order, SQLite last: never-touched
    # comparisons go last on both.
    assert order == [worked_on.pk, new_untouched.pk, old_untouched.pk]


def test_it_computes_the_figures_of_the_rows_asked_for_in_their_order():
    now = timezone.now()
    first = _comparison("First", created=now - dt.timedelta(days=2))
    second = _comparison("Second", created=now - dt.timedelta(days=1))
    AlignmentUnit.objects.filter(comparison=second, position__lt=2).update(review_state="ok")

    rows = dashboard_rows([second.pk, first.pk])

    assert [row.pk for row in rows] == [second.pk, first.pk]
    # Two units marked OK, but the first still has an open suggestion: a unit counts as
    # reviewed only when every suggestion on it is decided (articles/review/states.py).
    assert [(r.unit_total, r.unit_reviewed, r.open_suggestions) for r in rows] == [
        (3, 1, 1),
        (3, 0, 1),
    ]
    # Confirmed flags only: major 5 + critical 25; suggested and dismissed cost nothing.
    assert [row.penalty_points for row in rows] == [30, 30]
    words = first.source.word_count
    assert [row.drift for row in rows] == [round(30 * 100 / words, 2)] * 2
    # The confirmed flags by category, in the categories' order, with their labels.
    assert rows[0].flag_categories == [("factual.name", "Name", 1), ("factual.number", "Number", 1)]
    assert (rows[0].source_title, rows[1].source_title) == ("Second", "First")


def test_it_shows_an_untitled_article_by_its_opening_words():
    now = timezone.now()
    comparison = _comparison("Titled", created=now)
    Article.objects.filter(pk=comparison.retranslation_id).update(title="")

    (row,) = dashboard_rows([comparison.pk])

    assert row.source_title == "Titled"
    assert row.retranslation_title == "(untitled) Malotto said so in Titled.…"


def test_it_leaves_out_ids_that_are_gone_and_answers_no_ids_without_a_query():
    comparison = _comparison("Here", created=timezone.now())

    assert [row.pk for row in dashboard_rows([comparison.pk + 1000, comparison.pk])] == [
        comparison.pk
    ]
    with CaptureQueriesContext(connection) as captured:
        assert dashboard_rows([]) == []
    assert captured.captured_queries == []


def _queries_for(ids) -> int:
    with CaptureQueriesContext(connection) as captured:
        rows = dashboard_rows(ids)
    assert [row.pk for row in rows] == list(ids)
    return len(captured.captured_queries)


def test_it_computes_a_page_of_figures_in_two_queries_however_many_comparisons():
    now = timezone.now()
    made = [_comparison(f"Story {n}", created=now - dt.timedelta(hours=n)) for n in range(6)]
    Article.objects.update(title="A title")

    # The comparisons with their unit counts, and their flags' figures.
    assert _queries_for([c.pk for c in made[:2]]) == 2
    assert _queries_for([c.pk for c in made]) == 2
    # One more for the opening words of untitled articles, however many there are.
    Article.objects.filter(pk__in=[c.source_id for c in made]).update(title="")
    assert _queries_for([c.pk for c in made]) == 3


def test_it_gives_each_row_its_assignment_and_whether_it_is_overdue(django_user_model):
    from articles.assignments.models import Assignment

    editor = django_user_model.objects.create_user("eddie")
    late = _comparison("Late", created=timezone.now())
    done = _comparison("Done late", created=timezone.now())
    Comparison.objects.filter(pk=done.pk).update(status="done")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for comparison in (late, done):
        Assignment.objects.create(
            comparison=comparison, assignee=editor, priority=3, due_date=yesterday
        )

    rows = dashboard_rows([late.pk, done.pk])

    assert [(r.assignment.assignee, r.assignment.priority_label) for r in rows] == [
        ("eddie", "Urgent"),
        ("eddie", "Urgent"),
    ]
    # Overdue is past the due date and not done (articles.assignments.queue.is_overdue).
    assert [r.overdue for r in rows] == [True, False]
