"""The dashboard, overview and step view make as many queries for a big comparison (or
many comparisons) as for a small one."""

from __future__ import annotations

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import build_comparison

from .conftest import HTMX

# The most queries each page may make (session, user, permissions included).
# The dashboard: 8, and one for the imports still being analysed (its banner), and
# three for the queue (the editor's assigned comparisons, those to pick up, the editors
# the assignee filter offers; the rows' assignments come with their figures).
# The overview: 9, and one for the blind double review card (two more when the
# comparison has one: its reviews and their editors, whatever the number of units).
# The step view: 12 (one less for a unit of one sentence a side, as these: it reads no
# sentence), and one for the open suggestions like the unit's (its bulk buttons).
# Every full page: one more for the header's unread notifications; the overview and the
# step view one more for their comments (articles/discussion).
MOST = {"dashboard": 13, "overview": 12, "step": 15}


_serial = itertools.count()


def sized_comparison(units: int):
    story = next(_serial)
    pairs = [
        (f"Sentence {n} of story {story} about Maroto.", f"Phrase {n} of {story} about Malotto.")
        for n in range(units)
    ]
    pairs.append(("An omitted sentence.", ""))
    flags = {
        n: [{"category": "factual.name", "severity": "major", "source_span": "Maroto"}]
        for n in range(0, units, 2)
    }
    comparison = build_comparison(pairs, flags=flags, title=f"{units} units")
    comparison.ledger = [{"source": "Maroto", "target": "Malotto", "units": list(range(units))}]
    comparison.save()
    comparison.units.filter(position__lt=units // 2).update(review_state="ok")
    return comparison


def count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_makes_the_same_queries_for_1_or_12_comparisons(editor_client, db):
    url = reverse("articles:dashboard")
    sized_comparison(3)
    small = count(editor_client, url)
    for _ in range(11):
        sized_comparison(4)
    assert count(editor_client, url) == small <= MOST["dashboard"]


def test_the_overview_makes_the_same_queries_for_4_or_60_units(editor_client, db):
    small, big = sized_comparison(3), sized_comparison(59)
    urls = [reverse("articles:comparison", args=[c.pk]) for c in (small, big)]
    counts = [count(editor_client, u) for u in urls]
    assert counts[0] == counts[1] <= MOST["overview"]


def test_the_step_view_makes_the_same_queries_for_4_or_60_units(editor_client, db):
    small, big = sized_comparison(3), sized_comparison(59)
    urls = [reverse("articles:step", args=[c.pk, 2]) for c in (small, big)]
    counts = [count(editor_client, u) for u in urls]
    assert counts[0] == counts[1] <= MOST["step"]
    partial = [count(editor_client, u, **HTMX) for u in urls]
    assert partial[0] == partial[1] <= MOST["step"]


def test_the_filtered_step_view_and_overview_make_the_same_queries_at_any_size(editor_client, db):
    small, big = sized_comparison(3), sized_comparison(59)
    query = "?show=unreviewed&category=factual.name&severity=major"
    steps = [
        count(editor_client, reverse("articles:step", args=[c.pk, 2]) + query) for c in (small, big)
    ]
    assert steps[0] == steps[1] <= MOST["step"]
    pages = [count(editor_client, c.get_absolute_url() + query) for c in (small, big)]
    assert pages[0] == pages[1] <= MOST["overview"]
