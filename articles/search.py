"""Searching the archive: the one rule for what the dashboard's search box and a report
selection's `q` match.

A comparison matches when its source or its retranslation has the words in its title
or outlet (a substring, in any case) or in its text (every one of the words, in any
case; accents count). Both databases answer the text from an index, so that a search
does not read every article's text: on PostgreSQL, the articles are found first and the
comparisons by them, so that each test uses an index (migration
`archive_search_indexes`): GIN trigram indexes (pg_trgm) on UPPER(title) and
UPPER(outlet), which Django's icontains compares, and a GIN full-text index on the text
(the 'simple' configuration: every language, no stemming). On SQLite, an FTS5 table
over the text (migration `sqlite_text_search`, tokenized to match 'simple') gives the
articles that have the words, and the titles and outlets are scanned in an index of
their own.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from articles.models import Article, Comparison


class TextMatches(Func):
    """`body` holds the words of `search` (PostgreSQL full-text, 'simple' configuration).

    Rendered exactly as the index's expression, so that PostgreSQL uses the index, and
    as a condition on the row itself (not an IN subquery), so that with the title and
    outlet tests it makes one BitmapOr of the three indexes.
    """

    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    arg_joiner = ") @@ plainto_tsquery('simple'::regconfig, "
    output_field = BooleanField()

    def __init__(self, field: str, search: str) -> None:
        super().__init__(F(field), Value(search))


def _named(search: str) -> QuerySet[Article]:
    """The ids of the articles with `search` in their title or outlet."""
    articles = Article.objects.order_by()  # ids only: the articles' order is no use here
    return articles.filter(Q(title__icontains=search) | Q(outlet__icontains=search)).values("pk")


def articles_matching(search: str) -> QuerySet[Article]:
    """PostgreSQL: the ids of the articles with `search` in their title, outlet or text.

    Two index scans whose ids are joined, rather than one OR: in an OR, every row a
    trigram index proposes is checked again against the whole condition, which
    computes to_tsvector(body) for it."""
    texts = Article.objects.order_by().filter(TextMatches("body", search)).values("pk")
    return _named(search).union(texts)


def articles_from_outlet(outlet: str) -> QuerySet[Article]:
    return Article.objects.order_by().filter(outlet__icontains=outlet).values("pk")


def comparisons_with(articles: QuerySet[Article]) -> Q:
    """Comparisons whose source or retranslation is one of `articles` (ids).

    A union of the two lookups (each through its foreign key's index) rather than an
    OR, which would test every comparison of the archive against both lists.
    """
    comparisons = Comparison.objects.order_by()
    ids = (
        comparisons.filter(source__in=articles)
        .values("pk")
        .union(comparisons.filter(retranslation__in=articles).values("pk"))
    )
    return Q(pk__in=ids)


# Letters and digits: what both databases' tokenizers keep as a word (FTS5's unicode61,
# PostgreSQL's parser with the 'simple' configuration).
WORD = re.compile(r"[^\W_]+")


def words_query(search: str) -> str:
    """`search` as an FTS5 query with every word required, as `plainto_tsquery` makes
    one: each word quoted, so that nothing the user types is read as FTS5 syntax
    ("" when it has no word)."""
    return " ".join(f'"{word}"' for word in WORD.findall(search))


def _articles_with_words(search: str) -> RawSQL | None:
    """SQLite: the ids of the articles whose text has every word of `search`."""
    query = words_query(search)
    if not query:
        return None
    return RawSQL(
        "SELECT rowid FROM articles_article_text WHERE articles_article_text MATCH %s", [query]
    )


class ReadFromRow(Func):
    """SQLite: a column's value as read from the row being scanned (`+column`), so that
    the planner does not look rows up through that column's own index for it."""

    template = "+%(expressions)s"


def _either_side_says(search: str) -> Q:
    """SQLite: comparisons whose source or retranslation is among the articles named so
    (titles and outlets scanned in their own index, which holds no text) or among those
    whose text has the words (the full-text index).

    The comparisons are read in the dashboard's order from its index, which holds both
    articles' ids (migration `sqlite_dashboard_order`), each checked against the lists.
    Looking each match up through the articles' foreign keys instead costs as much per
    match as reading the whole index costs per comparison, and then sorts the matches:
    issue 18, a word in 94% of the articles at 1,000 comparisons took 3.1 ms of SQL that
    way and takes 1.7 ms; a name in 13 articles, 0.7 ms then and 0.9 ms now.
    """
    source, retranslation = ReadFromRow("source_id"), ReadFromRow("retranslation_id")
    named = _named(search)
    said = Q(In(source, named)) | Q(In(retranslation, named))
    texts = _articles_with_words(search)
    if texts is not None:
        said |= Q(In(source, texts)) | Q(In(retranslation, texts))
    return said


def search_comparisons(queryset: QuerySet[Comparison], search: str) -> QuerySet[Comparison]:
    search = search.strip()
    if not search:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(_either_side_says(search))
    return queryset.filter(comparisons_with(articles_matching(search)))
