"""Searching the archive: the one rule for what the dashboard's search box and a report
selection's `q` match.

A comparison matches when its source or its retranslation has the words in its title
or outlet (a substring, in any case) or in its text (the words, on PostgreSQL; a
substring, on SQLite). On PostgreSQL the articles are found first and the comparisons
by them, so that each test uses an index (migration `archive_search_indexes`): GIN
trigram indexes (pg_trgm) on UPPER(title) and UPPER(outlet), which Django's icontains
compares, and a GIN full-text index on the text (the 'simple' configuration: every
language, no stemming). On SQLite the same question is asked of each comparison's two
articles and scans their text, which is fine at the size of a newsroom that runs on
SQLite (docs/PERFORMANCE.md has the figures).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value

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


def articles_matching(search: str) -> QuerySet[Article]:
    """The ids of the articles with `search` in their title, outlet or text."""
    articles = Article.objects.order_by()  # ids only: the articles' order is no use here
    named = Q(title__icontains=search) | Q(outlet__icontains=search)
    if connection.vendor != "postgresql":
        return articles.filter(named | Q(body__icontains=search)).values("pk")
    # Two index scans whose ids are joined, rather than one OR: in an OR, every row a
    # trigram index proposes is checked again against the whole condition, which
    # computes to_tsvector(body) for it.
    return (
        articles.filter(named)
        .values("pk")
        .union(articles.filter(TextMatches("body", search)).values("pk"))
    )


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


def _either_side_says(search: str) -> Q:
    """SQLite: the comparison's own two articles tested through its foreign keys.

    Each article's text is read once: the list of matching articles that
    `comparisons_with` takes is scanned once for each side, which read every article's
    text twice (the dashboard lists a search's ids in one statement on SQLite; issue
    18: 52 → 27 ms of CPU for a search at 1,000 comparisons)."""
    said = Q()
    for side in ("source", "retranslation"):
        for field in ("title", "outlet", "body"):
            said |= Q(**{f"{side}__{field}__icontains": search})
    return said


def search_comparisons(queryset: QuerySet[Comparison], search: str) -> QuerySet[Comparison]:
    search = search.strip()
    if not search:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(_either_side_says(search))
    return queryset.filter(comparisons_with(articles_matching(search)))
