"""The story page: a source's sentences against every copy, by publication time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Comparison
from tests.builders import build_comparison
from tests.stories_helpers import build_story, import_seed_story

pytestmark = pytest.mark.django_db


def story_url(article) -> str:
    return reverse("articles:story", args=[article.pk])


def test_it_shows_every_copy_in_publication_order_with_its_drift_score(viewer_client):
    source = import_seed_story()
    page = viewer_client.get(story_url(source)).content.decode()
    outlets = [
        "Harbour Daily",
        "Coastal Times",
        "Riverside Post",
        "Metro Wire Digest",
        "Evening Courier",
    ]
    grid = page[page.index('class="grid story-grid"') :]
    header = grid[: grid.index("</thead>")]
    assert [header.index(o) for o in outlets] == sorted(header.index(o) for o in outlets)
    assert header.count("Drift 0.00") == 5  # nothing confirmed yet
    assert "5 copies, by publication time" in page
    assert "Flood barrier gives way in Kersenbrug" in page


def test_it_marks_each_cell_same_reworded_flagged_or_missing_and_links_to_its_step(
    viewer_client,
):
    source = import_seed_story()
    page = viewer_client.get(story_url(source)).content.decode()
    riverside = Comparison.objects.get(source=source, retranslation__outlet="Riverside Post")
    # "About 600 homes…" is not in the Riverside Post's copy.
    omitted = riverside.units.get(kind="omission")
    assert reverse("articles:step", args=[riverside.pk, omitted.position]) in page
    assert 'Missing<span class="visually-hidden">: sentence 8 in Riverside Post' in page
    # Vandersloot -> Fandersloot is a suggested name flag in the Harbour Daily.
    assert "Name ?" in page
    assert 'Same<span class="visually-hidden">: sentence 4 in Harbour Daily' in page
    assert 'Reworded<span class="visually-hidden">: sentence 3 in Harbour Daily' in page
    # The Metro Wire Digest added a sentence of its own.
    assert "1 added" in page


def test_it_escapes_the_articles_text(viewer_client):
    comparison = build_comparison(
        [("<script>alert(1)</script> said Maroto.", "<b>bold</b> said Malotto.")],
        title="<img src=x onerror=alert(1)>",
    )
    page = viewer_client.get(story_url(comparison.source)).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_answers_404_for_an_article_that_is_no_source(viewer_client):
    comparison = build_comparison([("A sentence.", "Another sentence.")])
    assert viewer_client.get(story_url(comparison.retranslation)).status_code == 404
    assert viewer_client.get(reverse("articles:story", args=[999999])).status_code == 404


def test_it_refuses_an_account_in_no_role_and_sends_visitors_to_sign_in(client, django_user_model):
    comparison = build_comparison([("A sentence.", "Another sentence.")])
    url = story_url(comparison.source)
    assert client.get(url).status_code == 302
    client.force_login(django_user_model.objects.create_user("nobody", password="x-x-x-x"))
    assert client.get(url).status_code == 403


def test_it_lets_editors_and_viewers_see_it(editor_client):
    comparison = build_comparison([("A sentence.", "Another sentence.")])
    assert editor_client.get(story_url(comparison.source)).status_code == 200


def test_it_makes_as_many_queries_for_30_copies_as_for_2(viewer_client):
    small, large = build_story(2, 3, seed=1), build_story(30, 40, seed=2)
    counts = []
    for source in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = viewer_client.get(story_url(source))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 10
    page = response.content.decode()
    assert page.count('class="story-cell ') == 30 * 40
