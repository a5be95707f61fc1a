"""The whole import under property-based testing: arbitrary input, one documented error,
and nothing half-written.

Every example runs in a savepoint that is rolled back whatever happens
(`example_rolled_back`), so an example that fails half-way leaves no rows for the next
one, nor for hypothesis replaying it: one failure is reported as itself, never as a
cascade of failures it caused. The examples are the same in every `make test`
(tests/properties.py); `make fuzz` draws many more at random.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import transaction
from django.db.backends.utils import CursorWrapper
from hypothesis import given
from hypothesis import strategies as st

from articles.article_reader import ArticleImportError, parse_article, read_article_file
from articles.importer import import_pair
from articles.models import AlignmentUnit, Article, AuditEvent, Comparison, Flag, Sentence
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE
from tests.properties import property_settings
from tests.reliability.figures import record
from tests.reliability.test_reader_properties import NAMES, TEXTS

IMPORT_SETTINGS = property_settings(100)
MODELS = (Article, Sentence, Comparison, AlignmentUnit, Flag, AuditEvent)
examples = {"count": 0, "imported": 0, "refused": 0}


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in MODELS)


@contextmanager
def example_rolled_back() -> Iterator[None]:
    """Run one example in a savepoint that is rolled back however the example ends."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def import_or_refuse(source: bytes, source_name: str, target: bytes, target_name: str) -> None:
    """Import a pair read from bytes; a refusal must leave the database as it was."""
    examples["count"] += 1
    with example_rolled_back():
        before = counts()
        try:
            outcome = import_pair(
                parse_article(source, source_name), parse_article(target, target_name)
            )
        except ArticleImportError as error:
            assert "\n" not in str(error)
            assert counts() == before
            examples["refused"] += 1
            return
        examples["imported"] += 1
        comparison = outcome.comparison
        assert outcome.created
        assert comparison.units.exists()
        assert comparison.analysed_at is not None


def test_it_rolls_an_example_back_even_when_it_fails_half_way(db):
    # The guard the properties rely on: a failing example's rows do not outlive it.
    before = counts()
    with pytest.raises(AssertionError), example_rolled_back():
        import_pair(read_article_file(SEED_SOURCE), read_article_file(SEED_RETRANSLATION))
        assert counts() != before
        raise AssertionError("an example failing after its import")
    assert counts() == before
    # And one that passes leaves nothing either: every example starts from the same state.
    with example_rolled_back():
        import_pair(read_article_file(SEED_SOURCE), read_article_file(SEED_RETRANSLATION))
    assert counts() == before


@IMPORT_SETTINGS
@given(source=TEXTS, target=TEXTS, source_name=NAMES, target_name=NAMES)
def test_it_imports_or_refuses_arbitrary_text_pairs(db, source, target, source_name, target_name):
    import_or_refuse(
        source.encode("utf-8", "surrogatepass"),
        source_name,
        target.encode("utf-8", "surrogatepass"),
        target_name,
    )


@IMPORT_SETTINGS
@given(data=st.binary(max_size=3000), name=NAMES)
def test_it_imports_or_refuses_arbitrary_bytes_against_a_real_article(db, data, name):
    import_or_refuse(data, name, SEED_RETRANSLATION.read_bytes(), SEED_RETRANSLATION.name)


@IMPORT_SETTINGS
@given(
    sentences=st.lists(
        st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60),
        min_size=1,
        max_size=30,
    ),
    joiner=st.sampled_from([" ", "\n", "\r\n", ". ", "\n\n", "\u2029"]),
)
def test_it_imports_or_refuses_arbitrary_sentences_against_the_seed_source(db, sentences, joiner):
    body = joiner.join(sentences).encode("utf-8")
    import_or_refuse(SEED_SOURCE.read_bytes(), SEED_SOURCE.name, body, "arbitrary.txt")


@pytest.mark.parametrize("failing", ["Sentence", "AlignmentUnit", "Flag", "Comparison.save"])
def test_it_leaves_nothing_behind_when_storing_fails_half_way(db, failing):
    """An unexpected failure mid-import (a full disk, a lost connection) rolls back."""
    source, target = read_article_file(SEED_SOURCE), read_article_file(SEED_RETRANSLATION)
    before = counts()
    if failing == "Comparison.save":
        patch = mock.patch.object(Comparison, "save", side_effect=RuntimeError("disk full"))
    else:
        # The importer writes its rows with one statement a model (articles/row_writer.py).
        model = {"Sentence": Sentence, "AlignmentUnit": AlignmentUnit, "Flag": Flag}[failing]
        original = CursorWrapper.executemany

        def executemany(self, sql, param_list):
            if sql.startswith(f'INSERT INTO "{model._meta.db_table}"'):
                raise RuntimeError("disk full")
            return original(self, sql, param_list)

        patch = mock.patch.object(CursorWrapper, "executemany", executemany)
    with patch, pytest.raises(RuntimeError):
        import_pair(source, target)

    assert counts() == before


def test_it_records_how_many_examples_it_tried():
    assert examples["count"] >= 300
    assert examples["imported"] >= 50 and examples["refused"] >= 50, examples
    record(
        "hypothesis examples: whole import (database)",
        f"{examples['count']} ({examples['imported']} imported, {examples['refused']} refused)",
    )
