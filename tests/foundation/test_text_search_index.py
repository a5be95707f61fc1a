"""The index the search reads article text from (migration `sqlite_text_search` on
SQLite, `archive_search_indexes` on PostgreSQL) stays true to the articles."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article, Comparison
from articles.search import search_comparisons, words_query
from tests.builders import build_comparison


def found(words: str) -> set[int]:
    return set(search_comparisons(Comparison.objects.all(), words).values_list("pk", flat=True))


def test_it_quotes_every_word_and_drops_everything_else():
    assert words_query('Brinken "said" OR x* (ok)') == '"Brinken" "said" "OR" "x" "ok"'
    assert words_query("l'État, 3,200 résidents") == '"l" "État" "3" "200" "résidents"'
    assert words_query("__ -- !!") == ""


def test_its_sqlite_index_matches_the_articles_after_every_kind_of_write(db):
    comparison = build_comparison([("Floods hit the delta.", "Floods struck the delta.")])
    Article.objects.filter(pk=comparison.source_id).update(body="A new text entirely.")
    Article.objects.filter(pk=comparison.source_id).update(title="Only the title changes")
    kept = build_comparison([("The council met.", "The council met.")])
    comparison.delete()
    Article.objects.filter(pk__in=[comparison.source_id, comparison.retranslation_id]).delete()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'articles_article_text'"
            if connection.vendor == "sqlite"
            else "SELECT count(*) FROM pg_class WHERE relname = 'articles_article_text'"
        )
        (tables,) = cursor.fetchone()
        if connection.vendor == "sqlite":
            # FTS5's own check: it raises when the index and the articles disagree.
            cursor.execute(
                "INSERT INTO articles_article_text(articles_article_text) "
                "VALUES ('integrity-check')"
            )
    assert tables == (1 if connection.vendor == "sqlite" else 0)
    assert found("council") == {kept.pk}
    assert found("floods") == set()


@pytest.mark.django_db(transaction=True)
def test_its_migration_indexes_the_articles_already_there():
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0015_analytics_stale")])
    try:
        comparison = build_comparison([("Levees held at Kersenbrug.", "Dikes held.")])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert found("kersenbrug levees") == {comparison.pk}
