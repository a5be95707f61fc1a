"""Two copies of a story side by side, and the likely lineage on the story page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Comparison
from tests.builders import build_comparison
from tests.stories_helpers import build_story, import_seed_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return import_seed_story()


def copy_of(story, outlet: str) -> Comparison:
    return Comparison.objects.get(source=story, retranslation__outlet=outlet)


def compare_url(story, a=None, b=None) -> str:
    url = reverse("articles:story_compare", args=[story.pk])
    return f"{url}?a={a.pk}&b={b.pk}" if a else url


def lineage_row(page: str, outlet: str) -> str:
    section = page[page.index('id="lineage"') : page.index('id="grid-title"')]
    row = section[section.index(f">{outlet}</a>") :]
    return row[: row.index("</tr>")]


def test_it_shows_which_earlier_copy_each_copy_is_closest_to(viewer_client, story):
    page = viewer_client.get(reverse("articles:story", args=[story.pk])).content.decode()
    coastal, riverside = copy_of(story, "Coastal Times"), copy_of(story, "Riverside Post")
    # The Riverside Post carries the Coastal Times' number and quote: copied from it.
    row = lineage_row(page, "Riverside Post")
    assert f"?a={coastal.pk}&amp;b={riverside.pk}" in row and ">Coastal Times<" in row
    assert "the source" in lineage_row(page, "Harbour Daily")
    assert "the source" in lineage_row(page, "Metro Wire Digest")
    assert ">Riverside Post<" in lineage_row(page, "Evening Courier")


def test_it_lines_two_copies_up_and_marks_where_they_differ(viewer_client, story):
    harbour, coastal = copy_of(story, "Harbour Daily"), copy_of(story, "Coastal Times")
    page = viewer_client.get(compare_url(story, harbour, coastal)).content.decode()
    assert "<strong>4</strong> of 11 source sentences read differently" in page
    assert '<del class="w w-chg w-num">3,200</del>' in page
    assert '<ins class="w w-chg w-num">2,300</ins>' in page
    assert page.count("≠ source") > 4


def test_it_compares_the_first_two_copies_when_none_is_chosen(viewer_client, story):
    page = viewer_client.get(compare_url(story)).content.decode()
    harbour = copy_of(story, "Harbour Daily")
    assert f'<option value="{harbour.pk}" selected>' in page


def test_it_says_so_for_a_story_of_one_copy(viewer_client):
    comparison = build_comparison([("A sentence.", "Another sentence.")])
    page = viewer_client.get(compare_url(comparison.source)).content.decode()
    assert "This story has one copy" in page


def test_it_refuses_a_copy_of_another_story_with_one_line(viewer_client, story):
    other = build_comparison([("A sentence.", "Another sentence.")])
    harbour = copy_of(story, "Harbour Daily")
    response = viewer_client.get(compare_url(story, harbour, other))
    assert response.status_code == 400
    assert response.content.decode().startswith("Copies: Copy B: Select a valid choice.")
    response = viewer_client.get(compare_url(story) + "?a=x&b=1")
    assert response.status_code == 400


def test_it_escapes_the_copies_text(viewer_client):
    story = build_story(2, 2, seed=3)
    Comparison.objects.filter(source=story).first().units.filter(position=0).update(
        target_text="<script>alert(1)</script>"
    )
    page = viewer_client.get(compare_url(story)).content.decode()
    assert "<script>" not in page and "&lt;" in page and "alert" in page


def test_it_makes_as_many_queries_for_30_copies_as_for_2(viewer_client):
    counts = []
    for source in (build_story(2, 3, seed=4), build_story(30, 40, seed=5)):
        with CaptureQueriesContext(connection) as queries:
            assert viewer_client.get(compare_url(source)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10


def test_it_refuses_an_account_in_no_role(client, django_user_model, story):
    client.force_login(django_user_model.objects.create_user("nobody", password="x-x-x-x"))
    assert client.get(compare_url(story)).status_code == 403
