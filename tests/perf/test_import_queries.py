"""The importer's database work is a fixed number of queries, however long the pair.

Sentences, units and flags are written in bulk and read back as plain rows, so a pair
of 60 sentences a side costs the same queries as one of 5 (a query per sentence made
the bulk import four times slower on both databases: docs/PERFORMANCE.md).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.article_reader import parse_article
from articles.importer import import_pair
from articles.models import AlignmentUnit, Sentence

pytestmark = pytest.mark.django_db

PLACES = ("Deir ez-Zor", "Baghdad", "Amman", "Beirut", "Cairo", "Ankara", "Rome", "Kyiv")


def _pair(label: str, sentences: int) -> tuple:
    body = [
        f"Officials in {PLACES[n % len(PLACES)]} said {n + 3} rockets hit the base on day {n}."
        for n in range(sentences)
    ]
    changed = [s.replace("rockets", "missiles") if n % 3 == 0 else s for n, s in enumerate(body)]
    source = f"Rockets hit base near {label}\n\n" + "\n".join(body) + "\n"
    target = f"Missiles hit base near {label}\n\n" + "\n".join(changed) + "\n"
    return (
        parse_article(source.encode(), f"{label}-source.txt"),
        parse_article(target.encode(), f"{label}-retranslation.txt"),
    )


def _queries_to_import(label: str, sentences: int) -> int:
    source, target = _pair(label, sentences)
    with CaptureQueriesContext(connection) as captured:
        outcome = import_pair(source, target)
    assert outcome.created
    assert Sentence.objects.filter(article=outcome.comparison.source).count() > sentences
    assert AlignmentUnit.objects.filter(comparison=outcome.comparison).count() >= sentences
    return len(captured.captured_queries)


def test_it_imports_a_long_pair_in_as_many_queries_as_a_short_one():
    short = _queries_to_import("Homs", 5)
    long = _queries_to_import("Raqqa", 60)

    assert long == short
    # 19 for the pair, its analysis and the names index; 2 count the new comparison in
    # the analytics' daily tables (articles/analytics/aggregates.count_new_comparison).
    assert long <= 21
