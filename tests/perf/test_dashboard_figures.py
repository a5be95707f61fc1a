"""The dashboard pages through the comparisons first and computes the figures of the
page shown only: the order, and the figures, are those of the whole-archive query it
replaced (which took seconds at 1,000 comparisons: docs/PERFORMANCE.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import AlignmentUnit, Comparison
from articles.review import reading
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

    order = list(reading.dashboard_order().values_list("pk", flat=True))

    # PostgreSQL sorts NULL first in a descending order, SQLite last: never-touched
    # comparisons go last on both.
    assert order == [worked_on.pk, new_untouched.pk, old_untouched.pk]


def test_it_computes_the_figures_of_the_rows_asked_for_in_their_order():
    now = timezone.now()
    first = _comparison("First", created=now - dt.timedelta(days=2))
    second = _comparison("Second", created=now - dt.timedelta(days=1))
    AlignmentUnit.objects.filter(comparison=second, position__lt=2).update(review_state="ok")

    rows = reading.dashboard_rows([second.pk, first.pk])

    assert [row.pk for row in rows] == [second.pk, first.pk]
    # Two units marked OK, but the first still has an open suggestion: a unit counts as
    # reviewed only when every suggestion on it is decided (articles/review/states.py).
    assert [(r.unit_total, r.unit_reviewed, r.open_suggestions) for r in rows] == [
        (3, 1, 1),
        (3, 0, 1),
    ]
    # Confirmed flags only: major 5 + critical 25; suggested and dismissed cost nothing.
    assert [row.penalty_points for row in rows] == [30, 30]


def test_it_computes_a_page_of_figures_in_one_query_however_many_comparisons():
    now = timezone.now()
    made = [_comparison(f"Story {n}", created=now - dt.timedelta(hours=n)) for n in range(6)]

    with CaptureQueriesContext(connection) as captured:
        rows = reading.dashboard_rows([c.pk for c in made[:2]])

    assert len(rows) == 2
    assert len(captured.captured_queries) == 1
