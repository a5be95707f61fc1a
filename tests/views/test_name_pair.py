"""A spelling pair's page: its figures, whether it is ignored, and every place it
occurs, a page at a time; who may see it and who is offered the ignore-list form."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Comparison
from articles.stories.names_models import NameSpelling
from articles.tuning.models import IgnoreEntry
from tests.builders import build_comparison
from tests.names_helpers import set_ledger
from tests.stories_helpers import import_seed_story

pytestmark = pytest.mark.django_db


def _url(pair: NameSpelling, **params) -> str:
    url = reverse("articles:name_pair", args=[pair.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _pair_in(comparisons: int, units: int = 1, tag: str = "") -> NameSpelling:
    for n in range(comparisons):
        comparison = build_comparison(
            [(f"Maroto spoke {tag}{n} {u}.", f"Malotto spoke {tag}{n} {u}.") for u in range(units)]
        )
        set_ledger(
            comparison, [{"source": "Maroto", "target": "Malotto", "units": list(range(units))}]
        )
    return NameSpelling.objects.get(source="Maroto")


@pytest.fixture
def tuner(django_user_model):
    """Staff who may add ignore-list entries (and an editor)."""
    from tests.conftest import _user

    user = _user("tara", "Editors", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_ignoreentry"))
    return user


def test_it_shows_the_figures_and_every_place_with_a_link_to_its_unit(viewer_client):
    story = import_seed_story()
    pair = NameSpelling.objects.get(source="Vandersloot")
    page = viewer_client.get(_url(pair)).content.decode()
    assert "in 4 comparisons" in page
    assert "first seen 12 Mar 2024 09:40, last seen 12 Mar 2024 14:02" in page
    assert "Coastal Times, Evening Courier, Harbour Daily, Riverside Post" in page
    harbour = Comparison.objects.get(source=story, retranslation__outlet="Harbour Daily")
    unit = harbour.units.get(source_text__contains="Vandersloot")
    assert reverse("articles:step", args=[harbour.pk, unit.position]) in page
    assert reverse("articles:comparison", args=[harbour.pk]) in page
    assert f"Where it occurs ({pair.occurrences})" in page
    # The earliest first: Harbour Daily published at 09:40.
    assert page.index("Harbour Daily</td>") < page.index("Evening Courier</td>")


def test_it_pages_through_the_places(viewer_client):
    pair = _pair_in(30, units=2)
    first = viewer_client.get(_url(pair)).content.decode()
    assert "Where it occurs (60)" in first and "Page 1 of 2" in first
    assert first.count('data-label="Unit"') == 50
    second = viewer_client.get(_url(pair, page=2)).content.decode()
    assert second.count('data-label="Unit"') == 10


def test_it_refuses_a_bad_page_with_one_line_naming_it(viewer_client):
    pair = _pair_in(1)
    for bad in ("x", "0", "-1"):
        response = viewer_client.get(_url(pair, page=bad))
        assert response.status_code == 400
        assert response.content.decode().startswith("page: ")


def test_it_answers_404_for_a_pair_that_is_not_there(viewer_client):
    assert viewer_client.get(reverse("articles:name_pair", args=[999999])).status_code == 404


def test_it_says_whether_the_ignore_list_accepts_the_pair(viewer_client):
    pair = _pair_in(1)
    assert "Not on the ignore list" in viewer_client.get(_url(pair)).content.decode()
    IgnoreEntry.objects.create(left="Maroto", right="Malotto", outlet="Harbour Daily")
    page = viewer_client.get(_url(pair)).content.decode()
    assert "<strong>Maroto ↔ Malotto</strong> (Harbour Daily)" in page


def test_it_offers_the_ignore_list_form_to_staff_who_may_add_entries_only(
    client, viewer, editor, importer, tuner, admin_user
):
    pair = _pair_in(1)
    action = reverse("articles:name_ignore", args=[pair.pk])
    for user, offered in (
        (viewer, False),
        (editor, False),
        (importer, False),
        (tuner, True),
        (admin_user, True),
    ):
        client.force_login(user)
        page = client.get(_url(pair)).content.decode()
        assert (action in page) is offered, user.username


def test_it_makes_as_many_queries_for_many_places_as_for_one(viewer_client):
    counts = []
    for n in (1, 40):
        pair = _pair_in(n, units=2, tag=f"{n}-")
        with CaptureQueriesContext(connection) as queries:
            assert viewer_client.get(_url(pair)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_refuses_an_account_in_no_role_and_sends_a_visitor_to_sign_in(client, django_user_model):
    pair = _pair_in(1)
    response = client.get(_url(pair))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(django_user_model.objects.create_user("nobody", password="x-x-x-x"))
    assert client.get(_url(pair)).status_code == 403
