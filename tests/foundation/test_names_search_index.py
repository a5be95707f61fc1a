"""The trigram index the search reads titles and outlets from on SQLite (migration
`sqlite_names_search`; PostgreSQL's trigram indexes since `archive_search_indexes`):
it stays true to the articles, and a search finds what Django's icontains finds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Article, Comparison
from articles.reports.selection import build_selection
from articles.search import search_comparisons
from tests.builders import build_comparison
from tests.properties import property_settings


def found(words: str) -> set[int]:
    return set(search_comparisons(Comparison.objects.all(), words).values_list("pk", flat=True))


def named(comparison: Comparison, *, title: str = "", outlet: str = "") -> None:
    Article.objects.filter(pk=comparison.source_id).update(title=title, outlet=outlet)


def test_it_follows_every_kind_of_write_to_titles_and_outlets(db):
    renamed = build_comparison([("Floods hit.", "Floods hit.")], title="Delta floods")
    named(renamed, title="Colonel Marotto speaks", outlet="Herald Echo")
    gone = build_comparison([("Rain.", "Rain.")], title="Brinken visits")
    gone.delete()
    Article.objects.filter(pk__in=[gone.source_id, gone.retranslation_id]).delete()
    kept = build_comparison([("Sun.", "Sun.")], title="Kersenbrug barrier")

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5's own check: it raises when the index and its copy disagree.
            cursor.execute(
                "INSERT INTO articles_article_names(articles_article_names) "
                "VALUES ('integrity-check')"
            )
            cursor.execute("SELECT count(*) FROM articles_article_names")
            (rows,) = cursor.fetchone()
            assert rows == Article.objects.count()

    assert found("marotto") == {renamed.pk}
    assert found("ald ech") == {renamed.pk}  # any part, across a space
    assert found("delta floods") == set()  # the old title
    assert found("brinken") == set()
    assert found("BARRIER") == {kept.pk}


# Titles and outlets with what trips a LIKE pattern, a quote that FTS5's strings
# double, letters whose case only Unicode folds, and words of three letters or fewer.
TEXTS = [
    "Colonel Marotto",
    "100% sure_ish",
    'The "Blinken" visit',
    "back\\slash",
    "ÉTAT d'urgence",
    "état d'urgence",
    "Kelvin",  # KELVIN SIGN, which Unicode folds to "k"
    "ab",
    "",
]
SEARCHES = st.one_of(
    st.sampled_from(["marotto", "0% s", "_is", '"blinken"', "\\s", "État", "éTAT", "kel"]),
    st.sampled_from(["ab", "a", "%", "_", "ta", "'u"]),
    st.text(alphabet="abÉé%_\\\" 'KkEeLlTt", min_size=1, max_size=6),
)


@pytest.fixture
def archive(db):
    comparisons = []
    for index, text in enumerate(TEXTS):
        # Greek text, which no search below has a word of: only names can match.
        comparison = build_comparison([(f"Ωμέγα {index}.", f"Ωμέγα {index}.")])
        named(comparison, title=text, outlet=TEXTS[-1 - index])
        comparisons.append(comparison)
    return comparisons


@property_settings(150)
@given(search=SEARCHES)
def test_a_search_finds_what_djangos_icontains_finds_in_titles_and_outlets(archive, search):
    search = search.strip()
    if not search:
        return
    by_django = set(
        Comparison.objects.filter(
            Q(source__title__icontains=search)
            | Q(source__outlet__icontains=search)
            | Q(retranslation__title__icontains=search)
            | Q(retranslation__outlet__icontains=search)
        ).values_list("pk", flat=True)
    )
    assert found(search) == by_django


def test_a_reports_outlet_filter_does_not_match_titles(archive):
    # "Colonel Marotto" is the first comparison's title and the ninth's outlet.
    selected = build_selection(outlet="marotto").queryset()
    assert list(selected.values_list("pk", flat=True)) == [archive[8].pk]
    assert found("marotto") == {archive[0].pk, archive[8].pk}


def test_a_search_shorter_than_a_trigram_still_finds_titles_and_outlets(archive):
    # "ab" is the eighth title, and the second comparison's outlet (TEXTS reversed).
    assert found("ab") == {archive[7].pk, archive[1].pk}


@pytest.mark.django_db(transaction=True)
def test_its_migration_indexes_the_articles_already_there():
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0017_sqlite_dashboard_order")])
    try:
        comparison = build_comparison([("Levees held.", "Dikes held.")], title="Kersenbrug levees")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert found("ersenbru") == {comparison.pk}
