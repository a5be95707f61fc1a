"""The overview says where fetched articles came from: address, redirects, time,
answer, version, with a link to the page as fetched; nothing for imported files."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Comparison
from tests.conftest import SEED_SOURCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


def import_pair(*args: str) -> Comparison:
    call_command("import_pair", *args, stdout=io.StringIO())
    return Comparison.objects.order_by("-pk").first()


def test_it_shows_where_each_side_was_fetched_from(fetch_server, allow_local, viewer_client):
    comparison = import_pair(fetch_server.url("/hop/1"), str(SEED_SOURCE))
    page = viewer_client.get(reverse("articles:comparison", args=[comparison.pk]))
    html = page.content.decode()
    assert 'id="provenance"' in html
    assert fetch_server.url("/hop/1") in html
    assert f'{fetch_server.url("/story")} <span class="muted">(1 redirect)</span>' in html
    assert "https://news.example.org/world/syria-rockets" in html  # canonical
    assert "HTTP 200, text/html; charset=utf-8" in html
    assert "Not fetched: imported from 000_7be70c43fb544a5f.txt." in html
    fetch = comparison.source.fetches.get()
    link = reverse("articles:fetched_page", args=[comparison.pk, fetch.pk])
    assert f'href="{link}"' in html
    assert "Subscribe to keep reading" in viewer_client.get(link).content.decode()


def test_a_new_version_links_to_the_comparison_of_the_earlier_text(
    fetch_server, allow_local, viewer_client
):
    first = import_pair(fetch_server.url("/changing"), fetch_server.url("/retold"))
    fetch_server.state["version"] = 2
    second = import_pair(fetch_server.url("/changing"), fetch_server.url("/retold"))
    assert second.pk != first.pk
    html = viewer_client.get(reverse("articles:comparison", args=[second.pk])).content.decode()
    assert "the page's text changed since an earlier fetch" in html
    assert (
        f'href="{reverse("articles:comparison", args=[first.pk])}">comparison #{first.pk}' in html
    )


def test_nothing_is_shown_for_articles_from_files(viewer_client, seed_comparison):
    html = viewer_client.get(reverse("articles:comparison", args=[seed_comparison.pk]))
    assert 'id="provenance"' not in html.content.decode()
