"""The dashboard's search box: a title, an outlet or a word of either article's text
(articles/search.py; indexed on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article
from articles.reports.selection import build_selection
from tests.builders import build_comparison


@pytest.fixture
def archive(db):
    wire = build_comparison(
        [("Floods hit the delta region.", "Floods struck the delta.")], title="Delta floods"
    )
    Article.objects.filter(pk=wire.source_id).update(outlet="Wire Service")
    Article.objects.filter(pk=wire.retranslation_id).update(title="Rivers rise", outlet="Echo")
    other = build_comparison(
        [("The council met on Monday.", "The council met on Tuesday.")], title="Council"
    )
    return wire, other


def shown(client, q: str) -> set[int]:
    response = client.get(reverse("articles:dashboard"), {"q": q})
    return {row.pk for row in response.context["rows"]}


@pytest.mark.parametrize(
    ("q", "which"),
    [
        ("delta FLOODS", "wire"),  # the source's title
        ("rivers RISE", "wire"),  # the retranslation's title
        ("wire serv", "wire"),  # the source's outlet
        ("echo", "wire"),  # the retranslation's outlet
        ("region", "wire"),  # the source's text only
        ("council", "other"),
        ("Tuesday", "other"),  # the retranslation's text only
    ],
)
def test_it_finds_comparisons_by_title_outlet_or_text(editor_client, archive, q, which):
    wire, other = archive
    assert shown(editor_client, q) == {wire.pk if which == "wire" else other.pk}


def test_it_finds_nothing_for_words_no_article_has(editor_client, archive):
    assert shown(editor_client, "earthquake") == set()


def test_a_report_selection_searches_the_same_way(archive):
    wire, other = archive
    assert list(build_selection(query="Tuesday").queryset()) == [other]
    assert list(build_selection(outlet="wire").queryset()) == [wire]


def test_it_lists_a_comparison_once_when_both_its_articles_match(editor_client, archive):
    wire, _ = archive
    response = editor_client.get(reverse("articles:dashboard"), {"q": "floods"})

    assert [row.pk for row in response.context["rows"]] == [wire.pk]
    assert response.context["page"].paginator.count == 1
