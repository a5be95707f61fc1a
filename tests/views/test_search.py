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


def test_it_finds_whole_words_of_the_text_not_parts_of_them(editor_client, archive):
    # The text is searched by its words on both databases (an index each), the titles
    # and outlets by any part: "regio" is in no title, only inside "region".
    assert shown(editor_client, "regio") == set()
    assert shown(editor_client, "REGION delta") == {archive[0].pk}


def test_it_needs_every_word_in_the_same_article_text(editor_client, archive):
    assert shown(editor_client, "region Tuesday") == set()


def test_it_finds_a_text_changed_after_import_by_its_new_words_only(editor_client, archive):
    wire, _ = archive
    Article.objects.filter(pk=wire.source_id).update(body="Landslide near the harbour.")

    assert shown(editor_client, "harbour") == {wire.pk}
    assert shown(editor_client, "region") == set()


def test_it_forgets_a_deleted_article_text(editor_client, archive):
    wire, other = archive
    other.delete()
    Article.objects.filter(pk__in=[other.source_id, other.retranslation_id]).delete()

    assert shown(editor_client, "council") == set()
    assert shown(editor_client, "floods") == {wire.pk}


@pytest.mark.parametrize(
    "q", ['"region', "region OR council", "NOT council", "region*", "^region", "a:b", "(x"]
)
def test_it_reads_search_syntax_as_words(editor_client, archive, q):
    # Quotes, operators, prefixes and columns of the index's query language are words
    # (or nothing) to the search box, never an error.
    response = editor_client.get(reverse("articles:dashboard"), {"q": q})

    assert response.status_code == 200
    expected = {archive[0].pk} if q in ('"region', "region*", "^region") else set()
    assert {row.pk for row in response.context["rows"]} == expected


def test_it_matches_titles_by_any_characters_when_the_search_has_no_word(editor_client, archive):
    wire, _ = archive
    Article.objects.filter(pk=wire.source_id).update(title="Floods!!! Delta")

    assert shown(editor_client, "!!!") == {wire.pk}
    assert shown(editor_client, "???") == set()
