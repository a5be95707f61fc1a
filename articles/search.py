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
articles that have the words, and an FTS5 trigram table of the titles and outlets
(migration `sqlite_names_search`) those that may have them in their title or outlet,
which Django's LIKE test then decides (`_named_on_sqlite`); the comparisons are then
looked up by those articles, or, when the words are in many articles, read in the
dashboard's order from its index (`_either_side_says`).

(A "substring, in any case" is Django's icontains on each database: on SQLite, LIKE,
whose case folding is ASCII's; on PostgreSQL, UPPER() of both sides.)
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


# The shortest search the trigram index answers: one trigram.
_TRIGRAM = 3


def _named_on_sqlite(search: str) -> QuerySet[Article] | RawSQL:
    """SQLite: `_named`, from the trigram index of the titles and outlets (migration
    `sqlite_names_search`) for a search of three characters or more. The index proposes
    the articles that have every trigram of the search, in any case; Django's own test
    (icontains: LIKE, whose case folding is ASCII's) then decides on those, from the
    index's copy of the two columns, so that the same articles match as before."""
    if len(search) < _TRIGRAM:
        return _named(search)
    pattern = f"%{connection.ops.prep_for_like_query(search)}%"
    return RawSQL(
        "SELECT rowid FROM articles_article_names WHERE articles_article_names MATCH %s"
        " AND (title LIKE %s ESCAPE '\\' OR outlet LIKE %s ESCAPE '\\')",
        # The search as one FTS5 string: every character taken as it is.
        ['"' + search.replace('"', '""') + '"', pattern, pattern],
    )


def articles_matching(search: str) -> QuerySet[Article]:
    """PostgreSQL: the ids of the articles with `search` in their title, outlet or text.

    Two index scans whose ids are joined, rather than one OR: in an OR, every row a
    trigram index proposes is checked again against the whole condition, which
    computes to_tsvector(body) for it."""
    texts = Article.objects.order_by().filter(TextMatches("body", search)).values("pk")
    return _named(search).union(texts)


def articles_from_outlet(outlet: str) -> QuerySet[Article]:
    """The ids of the articles whose outlet has `outlet` in it, in any case (a report
    selection's outlet filter). A scan of the outlets on SQLite, not the trigram index
    the search uses: an outlet's name is in thousands of articles, and for those the
    index's candidates cost more to check than the column does to read (issue 18, at
    100,000 comparisons: 9.6 against 13.5 ms for an outlet in one article in 60, 44
    against 21 ms for one in 6; `bench/bench_search.py --outlets`)."""
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


class ReadFromRow(Func):
    """SQLite: a column's value as read from the row being scanned (`+column`), so that
    the planner does not look rows up through that column's own index for it."""

    template = "+%(expressions)s"


# SQLite: whether the articles that have every word of a search are a tenth of the
# articles or more (the full-text index counting no further than it needs to).
_SAID_OFTEN = (
    "WITH tenth(n) AS (SELECT max(1, count(*) / 10) FROM articles_article) "
    "SELECT (SELECT count(*) FROM (SELECT 1 FROM articles_article_text"
    " WHERE articles_article_text MATCH %s LIMIT (SELECT n FROM tenth)))"
    " >= (SELECT n FROM tenth)"
)


def _said_often(query: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_SAID_OFTEN, [query])
        (often,) = cursor.fetchone()
    return bool(often)


def _either_side_says(search: str) -> Q:
    """SQLite: comparisons whose source or retranslation is among the articles named so
    (the titles' and outlets' trigram index) or among those whose text has the words
    (the full-text index).

    Two ways to find them, chosen by how many articles have the words. Few: each match
    is looked up through the comparisons' foreign keys, then the matches are sorted.
    A tenth of the articles or more: the comparisons are read in the
    dashboard's order from its index, which holds both articles' ids (migration
    `sqlite_dashboard_order`), each checked against the lists, with nothing to sort and
    no more read than the page needs. Issue 18, the dashboard's statement at 1,000 /
    100,000 comparisons: a word in 94 % / 85 % of the articles, 3.1 ms / 839 ms of SQL
    looked up and 1.7 ms / 498 ms read in order; a name in 13 / 1,900 articles,
    0.7 ms / 85 ms looked up and 0.9 ms / 124 ms read in order (docs/PERFORMANCE.md).
    The titles and outlets do not count in the choice: a search for an outlet's name
    matches a few of the archive's articles (one in sixty in the benchmark's archive).
    """
    query = words_query(search)
    if query and _said_often(query):
        source, retranslation = ReadFromRow("source_id"), ReadFromRow("retranslation_id")
    else:
        source, retranslation = F("source_id"), F("retranslation_id")
    named = _named_on_sqlite(search)
    said = Q(In(source, named)) | Q(In(retranslation, named))
    if query:
        texts = RawSQL(
            "SELECT rowid FROM articles_article_text WHERE articles_article_text MATCH %s",
            [query],
        )
        said |= Q(In(source, texts)) | Q(In(retranslation, texts))
    return said


def search_comparisons(queryset: QuerySet[Comparison], search: str) -> QuerySet[Comparison]:
    search = search.strip()
    if not search:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(_either_side_says(search))
    return queryset.filter(comparisons_with(articles_matching(search)))
