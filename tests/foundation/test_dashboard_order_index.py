"""The dashboard's order is read from an index on both databases (migration
`sqlite_dashboard_order` on SQLite, `archive_search_indexes` on PostgreSQL), and a
search on SQLite reads the comparisons from it in order (articles/search.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, Comparison
from articles.review.dashboard_rows import dashboard_order
from tests.builders import build_comparison


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        # A handful of rows: PostgreSQL would sort them rather than read an index unless
        # told that scanning and sorting are dear; it still cannot use an index whose
        # order is not the query's.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_it_reads_a_page_of_the_dashboard_in_order_from_the_index(db):
    for n in range(3):
        build_comparison([(f"Sentence {n}.", f"Sentence {n}.")])

    plan = plan_of(dashboard_order().values_list("pk", flat=True)[:25])

    assert "comparison_dashboard_order" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan


def archive_of_thirty(*, floods_in: int) -> list[Comparison]:
    """Thirty comparisons (sixty articles), the first `floods_in` of them about floods."""
    return [
        build_comparison(
            [(f"Floods hit town {n}.", f"Floods struck town {n}.")]
            if n < floods_in
            else [(f"The council met {n} times.", f"The council met {n} times.")]
        )
        for n in range(30)
    ]


def test_it_reads_a_search_for_common_words_in_order_from_the_index_on_sqlite(db):
    archive_of_thirty(floods_in=3)  # six articles of sixty, a tenth: common

    plan = plan_of(dashboard_order(search="floods").values_list("pk", flat=True))

    if connection.vendor == "sqlite":
        assert "SCAN articles_comparison USING COVERING INDEX comparison_dashboard_order" in plan
        assert "TEMP B-TREE" not in plan
    else:
        # PostgreSQL finds the articles first, through its text and trigram indexes.
        assert "article_body_fts" in plan


def test_it_looks_up_the_matches_of_rare_words_on_sqlite(db):
    archive_of_thirty(floods_in=2)  # four articles of sixty: rare

    plan = plan_of(dashboard_order(search="floods").values_list("pk", flat=True))

    if connection.vendor == "sqlite":
        assert "SEARCH articles_comparison USING INDEX" in plan
        assert "comparison_dashboard_order" not in plan
    else:
        assert "article_body_fts" in plan


def test_a_search_of_an_empty_archive_finds_nothing(db):
    assert list(dashboard_order(search="floods")) == []


# With 40 others, the three that match are six articles of eighty-eight: rare.
@pytest.mark.parametrize("others", [0, 40], ids=["common words", "rare words"])
def test_a_search_lists_its_matches_in_the_dashboards_order(db, others):
    now = timezone.now()
    touched_long_ago, untouched, touched_lately, elsewhere = (
        build_comparison([(f"Floods hit town {n}.", f"Floods struck town {n}.")]) for n in range(4)
    )
    for n in range(others):
        build_comparison([(f"The council met {n} times.", f"The council met {n} times.")])
    Article.objects.filter(pk=elsewhere.source_id).update(body="Nothing of the kind.")
    Article.objects.filter(pk=elsewhere.retranslation_id).update(body="Nothing at all.")
    Comparison.objects.filter(pk=touched_long_ago.pk).update(
        last_activity_at=now - timedelta(days=9)
    )
    Comparison.objects.filter(pk=touched_lately.pk).update(last_activity_at=now)

    found = list(dashboard_order(search="floods").values_list("pk", flat=True))

    assert found == [touched_lately.pk, touched_long_ago.pk, untouched.pk]
    assert found == [
        pk
        for pk in dashboard_order().values_list("pk", flat=True)
        if pk in {touched_lately.pk, touched_long_ago.pk, untouched.pk}
    ]
