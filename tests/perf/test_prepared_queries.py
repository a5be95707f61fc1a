"""newsdrift.prepared_queries: a queryset's SQL built once, run with other ids, reads
what the same queryset built by Django reads; builds that cannot be prepared are
refused with the reason."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import AlignmentUnit, Flag
from newsdrift.prepared_queries import (
    PreparedForIdLists,
    PreparedQuery,
    PreparedQueryError,
    prepared,
)
from tests.builders import build_comparison

pytestmark = pytest.mark.django_db


def two_comparisons():
    first = build_comparison(
        [("One.", "One."), ("Two.", "Deux."), ("Three.", "")],
        title="First",
        flags={1: [{"category": "number", "severity": "major"}]},
    )
    second = build_comparison(
        [("Alpha.", "Alpha."), ("Beta.", "Bêta.")],
        title="Second",
        flags={0: [{"category": "name"}], 1: [{"category": "quote"}, {"category": "number"}]},
    )
    return first, second


def units_between(comparison_pk, first, last):
    return (
        AlignmentUnit.objects.filter(
            comparison_id=comparison_pk, position__gte=first, position__lte=last
        )
        .select_related("comparison__source", "comparison__retranslation")
        .defer("comparison__source__body", "source_text")
        .order_by("position")
    )


def fields_of(unit):
    return (
        unit.pk,
        unit.position,
        unit.kind,
        unit.comparison.pk,
        unit.comparison.source.title,
        unit.comparison.retranslation.pk,
    )


def test_it_reads_the_rows_django_reads_for_each_set_of_ids():
    first, second = two_comparisons()
    prepared_units = PreparedQuery(units_between)
    for ids in [(first.pk, 0, 2), (second.pk, 0, 0), (first.pk, 1, 1), (second.pk, 5, 9)]:
        got = list(prepared_units(*ids))
        expected = list(units_between(*ids))
        assert [fields_of(u) for u in got] == [fields_of(u) for u in expected]
        # Deferred as asked: the text is not read until it is used.
        assert [u.get_deferred_fields() for u in got] == [e.get_deferred_fields() for e in expected]
        assert all(u.get_deferred_fields() == {"source_text"} for u in got)


def test_it_reads_related_objects_without_another_query():
    first, _ = two_comparisons()
    prepared_units = PreparedQuery(units_between)
    list(prepared_units(first.pk, 0, 0))  # built and compiled
    with CaptureQueriesContext(connection) as queries:
        units = list(prepared_units(first.pk, 0, 2))
        titles = {u.comparison.source.title for u in units}
    assert titles == {"First"}
    assert len(queries) == 1


def test_it_reads_values_list_rows():
    first, second = two_comparisons()

    @prepared
    def flag_rows(comparison_pk):
        return (
            Flag.objects.filter(unit__comparison_id=comparison_pk)
            .order_by("unit__position", "id")
            .values_list("unit__position", "category")
        )

    assert list(flag_rows(first.pk)) == [(1, "number")]
    assert list(flag_rows(second.pk)) == [(0, "name"), (1, "quote"), (1, "number")]


def test_it_builds_the_sql_once_for_any_number_of_calls():
    first, second = two_comparisons()
    builds = []

    def counted(comparison_pk):
        builds.append(comparison_pk)
        return AlignmentUnit.objects.filter(comparison_id=comparison_pk).order_by("position")

    units = PreparedQuery(counted)
    for _ in range(5):
        assert [u.position for u in units(first.pk)] == [0, 1, 2]
        assert [u.position for u in units(second.pk)] == [0, 1]
    # The stand-ins' queryset, the one compiled, and the one checking other ids.
    assert len(builds) == 3


@pytest.mark.django_db(transaction=True)
def test_it_runs_in_another_thread_on_that_threads_connection():
    first, second = two_comparisons()
    units = PreparedQuery(units_between)
    assert len(list(units(first.pk, 0, 9))) == 3
    seen = []

    def other_thread():
        try:
            seen.append([u.pk for u in units(second.pk, 0, 9)])
        except Exception as error:  # reported below, in the test's thread
            seen.append(error)
        finally:
            connections.close_all()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert seen == [list(second.units.order_by("position").values_list("pk", flat=True))]


def test_any_further_operation_makes_an_ordinary_queryset():
    first, second = two_comparisons()
    units = PreparedQuery(units_between)
    assert units(first.pk, 0, 9).count() == 3
    assert [u.position for u in units(first.pk, 0, 9).filter(kind="omission")] == [2]
    assert units(second.pk, 0, 9).get(position=1).target_text == "Bêta."
    assert [u.position for u in units(first.pk, 0, 9)[1:]] == [1, 2]
    assert [u.position for u in units(first.pk, 0, 9).reverse()] == [2, 1, 0]
    assert units(second.pk, 0, 9).exists()
    assert not units(second.pk, 5, 9).exists()


def test_it_refuses_an_argument_that_is_not_an_int():
    units = PreparedQuery(units_between)
    for value in ["3", 3.0, None, True]:
        with pytest.raises(PreparedQueryError, match=r"units_between: .* is not an int"):
            units(value, 0, 1)


def test_it_refuses_another_count_of_ids():
    first, _ = two_comparisons()
    units = PreparedQuery(units_between)
    list(units(first.pk, 0, 1))
    with pytest.raises(PreparedQueryError, match="2 ids given, it takes 3"):
        units(first.pk, 0)


def test_it_refuses_a_build_that_computes_with_an_id():
    first, _ = two_comparisons()

    @prepared
    def units_after(comparison_pk, position):
        return AlignmentUnit.objects.filter(comparison_id=comparison_pk, position=position + 1)

    with pytest.raises(PreparedQueryError, match="units_after: not every id is a parameter"):
        list(units_after(first.pk, 0))


def test_it_refuses_a_build_whose_sql_changes_with_the_ids():
    first, _ = two_comparisons()

    @prepared
    def units_of(comparison_pk):
        found = AlignmentUnit.objects.filter(comparison_id=comparison_pk)
        return found.filter(kind="match") if comparison_pk > 1000 else found

    with pytest.raises(PreparedQueryError, match="units_of: its SQL changes with the ids"):
        list(units_of(first.pk))


def test_a_list_of_ids_reads_what_django_reads_for_every_length():
    first, second = two_comparisons()
    every = list(AlignmentUnit.objects.order_by("pk").values_list("pk", flat=True))

    def units_in(ids):
        return AlignmentUnit.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "kind")

    units = PreparedForIdLists(units_in, longest=4)
    for ids in [every[:1], every[:2], every[:3], every[1:4], every[::-1][:4], [every[0]] * 3]:
        assert list(units(ids)) == list(units_in(ids))
    # Longer than `longest`, and empty: Django's own queryset.
    assert list(units(every)) == list(units_in(every))
    assert list(units([])) == []
    # One query prepared for each length rounded up: 1, 2 and 4.
    assert sorted(units._by_length) == [1, 2, 4]


def test_a_list_of_ids_is_one_query_with_its_sql_built_once():
    first, second = two_comparisons()
    every = list(AlignmentUnit.objects.values_list("pk", flat=True))
    builds = []

    def units_in(ids):
        builds.append(ids)
        return AlignmentUnit.objects.filter(pk__in=ids)

    units = PreparedForIdLists(units_in)
    list(units(every[:3]))
    built = len(builds)
    with CaptureQueriesContext(connection) as queries:
        assert {u.pk for u in units(every[1:4])} == set(every[1:4])
        assert {u.pk for u in units(every[2:5])} == set(every[2:5])
    assert len(queries) == 2
    assert len(builds) == built


def test_an_id_no_column_can_hold_reads_what_django_reads_without_an_error():
    first, _ = two_comparisons()
    units = PreparedQuery(units_between)
    list(units(first.pk, 0, 9))
    # Positions are 32-bit on PostgreSQL and never negative: Django decides these
    # without the database, where the prepared SQL would pass the number on.
    for ids in [(first.pk, 0, 2**31), (first.pk, -(2**40), 1), (2**62, 0, 9)]:
        assert [fields_of(u) for u in units(*ids)] == [fields_of(u) for u in units_between(*ids)]
    assert [u.position for u in units(first.pk, -(2**40), 1)] == [0, 1]


def test_it_asks_for_the_columns_converters_once_per_connection(monkeypatch):
    first, second = two_comparisons()
    reviewed = timezone.now()
    AlignmentUnit.objects.filter(comparison=first, position=1).update(reviewed_at=reviewed)

    @prepared
    def units_with_dates(comparison_pk):
        return AlignmentUnit.objects.filter(comparison_id=comparison_pk).order_by("position")

    asked = []
    real = type(connection.ops).get_db_converters

    def counted(ops, expression):
        asked.append(expression)
        return real(ops, expression)

    monkeypatch.setattr(type(connection.ops), "get_db_converters", counted)
    runs = [list(units_with_dates(pk)) for pk in (first.pk, second.pk, first.pk)]
    columns = len(AlignmentUnit._meta.concrete_fields)
    assert len(asked) == columns  # the first run only
    expected = [
        list(AlignmentUnit.objects.filter(comparison_id=pk).order_by("position"))
        for pk in (first.pk, second.pk, first.pk)
    ]
    # Converted as Django converts them: datetimes, JSON lists, choices.
    assert runs[0][1].reviewed_at == reviewed
    assert [[(u.pk, u.reviewed_at, u.source_positions, u.kind) for u in run] for run in runs] == [
        [(u.pk, u.reviewed_at, u.source_positions, u.kind) for u in run] for run in expected
    ]
