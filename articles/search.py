"""Searching the archive: the one rule for what the dashboard's search box and a report
selection's `q` match.

A comparison matches when its source or its retranslation has the words in its title
or outlet (a substring, in any case) or in its text (the words, on PostgreSQL; a
substring, on SQLite). The articles are found first and the comparisons by them, so
that on PostgreSQL each test uses an index (migration `archive_search_indexes`): GIN
trigram indexes (pg_trgm) on UPPER(title) and UPPER(outlet), which Django's icontains
compares, and a GIN full-text index on the text (the 'simple' configuration: every
language, no stemming). On SQLite the same question scans the articles, which is fine
at the size of a newsroom that runs on SQLite (docs/PERFORMANCE.md has the figures).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from articles.models import Article, Comparison

# Written exactly as the index's expression, so that PostgreSQL uses the index.
_TEXT_MATCH = (
    "SELECT id FROM articles_article "
    "WHERE to_tsvector('simple'::regconfig, body) @@ plainto_tsquery('simple'::regconfig, %s)"
)


def articles_matching(search: str) -> QuerySet[Article]:
    """Articles with `search` in their title, outlet or text."""
    words = Q(title__icontains=search) | Q(outlet__icontains=search)
    if connection.vendor == "postgresql":
        words |= Q(pk__in=RawSQL(_TEXT_MATCH, [search]))  # noqa: S611 (a constant; words are a parameter)
    else:
        words |= Q(body__icontains=search)
    return Article.objects.filter(words)


def articles_from_outlet(outlet: str) -> QuerySet[Article]:
    return Article.objects.filter(outlet__icontains=outlet)


def comparisons_with(articles: QuerySet[Article]) -> Q:
    """Comparisons whose source or retranslation is one of `articles`."""
    ids = articles.values("pk")
    return Q(source__in=ids) | Q(retranslation__in=ids)


def search_comparisons(queryset: QuerySet[Comparison], search: str) -> QuerySet[Comparison]:
    search = search.strip()
    return queryset.filter(comparisons_with(articles_matching(search))) if search else queryset
