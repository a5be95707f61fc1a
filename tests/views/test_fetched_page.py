"""The page an article was fetched from (`articles:fetched_page`): shown to anyone who
may read the comparison, as plain text, never as HTML; only through its comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from articles.models import ArticleFetch
from tests.builders import build_comparison

HOSTILE_PAGE = "<html><body><script>alert(1)</script><p>The story.</p></body></html>"


def fetch_of(article) -> ArticleFetch:
    return ArticleFetch.objects.create(
        article=article,
        url="https://news.example.org/story",
        final_url="https://news.example.org/story",
        fetched_at=dt.datetime(2021, 6, 29, 8, 0, tzinfo=dt.UTC),
        content_type="text/html; charset=utf-8",
        size=len(HOSTILE_PAGE),
        html=HOSTILE_PAGE,
    )


@pytest.fixture
def fetched(comparison):
    return fetch_of(comparison.retranslation)


def url_of(comparison, fetch) -> str:
    return reverse("articles:fetched_page", args=[comparison.pk, fetch.pk])


def test_it_shows_the_page_as_plain_text_in_a_sandbox(viewer_client, comparison, fetched):
    response = viewer_client.get(url_of(comparison, fetched))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response.content.decode() == HOSTILE_PAGE


def test_it_sends_a_signed_out_visitor_to_sign_in(client, comparison, fetched):
    url = url_of(comparison, fetched)
    response = client.get(url)
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_it_refuses_an_account_in_no_role(client, django_user_model, comparison, fetched):
    client.force_login(django_user_model.objects.create_user("nobody"))
    assert client.get(url_of(comparison, fetched)).status_code == 403


def test_it_shows_a_page_only_through_its_own_comparison(viewer_client, comparison, fetched):
    other = build_comparison([("One.", "Uno.")], title="Another")
    assert viewer_client.get(url_of(other, fetched)).status_code == 404


def test_it_refuses_a_post(editor_client, comparison, fetched):
    assert editor_client.post(url_of(comparison, fetched)).status_code == 405
