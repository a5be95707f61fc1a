"""Many new rows of one model in one statement: the importer's bulk writes.

`bulk_create` builds a model instance for every row and an INSERT of at most 999
values on SQLite (76 alignment units a statement), preparing each value through
Django's SQL compiler: a long pair's 4,000 sentences, 2,000 units and 600 flags took
70 statements, and most of the time went to that per-value bookkeeping, not to the
database. Here the statement is built once and executed for every row
(`executemany`: one round trip), each value prepared by its own field as Django
prepares it (`get_db_prep_save`), and every column not given gets what a new instance
would have: its default (a callable default called for each row), the time for
`auto_now` fields, or the database's own default.

Like `bulk_create`, this sends no signals and calls no `save()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.db.models.expressions import DatabaseDefault
from django.db.models.fields import AutoFieldMixin


class _Columns:
    """The columns of an insert into `model`: those given per row, then the rest."""

    def __init__(
        self, model: type[models.Model], given: Sequence[str], parent: models.Field | None = None
    ) -> None:
        self.given = [model._meta.get_field(name) for name in given]
        template = model()  # what a new instance holds in every other field
        self.fixed: list[tuple[models.Field, Any]] = []
        self.called: list[models.Field] = []  # callable defaults, called for each row
        for field in model._meta.concrete_fields:
            if field in self.given or field is parent or isinstance(field, AutoFieldMixin):
                continue
            value = field.pre_save(template, add=True)
            if isinstance(value, DatabaseDefault):
                continue  # the database fills it in
            if field.has_default() and callable(field.default) and not _is_clock(field):
                self.called.append(field)
            else:
                self.fixed.append((field, field.get_db_prep_save(value, connection)))
        self.fields = self.given + [f for f, _ in self.fixed] + self.called

    def names(self) -> str:
        return ", ".join(connection.ops.quote_name(f.column) for f in self.fields)

    def values(self, row: Sequence[Any]) -> list[Any]:
        values = [f.get_db_prep_save(v, connection) for f, v in zip(self.given, row, strict=True)]
        values += [value for _, value in self.fixed]
        values += [f.get_db_prep_save(f.get_default(), connection) for f in self.called]
        return values


def _is_clock(field: models.Field) -> bool:
    # `default=timezone.now`: one time for the whole statement, as `auto_now` has.
    from django.utils import timezone

    return field.default is timezone.now


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert one row of `model` per item of `rows` (values in the order of `columns`,
    field names); returns how many. One statement, whatever the number of rows."""
    plan = _Columns(model, columns)
    params = [plan.values(row) for row in rows]
    if params:
        marks = ", ".join(["%s"] * len(plan.fields))
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            # Identifiers from the model, quoted; every value is a parameter.
            sql = f"INSERT INTO {table} ({plan.names()}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, params)
    return len(params)


def insert_rows_under(
    model: type[models.Model],
    parent: str,
    lookup: Sequence[str],
    columns: Sequence[str],
    rows: Iterable[tuple[Sequence[Any], Sequence[Any]]],
) -> int:
    """Insert rows of `model` whose foreign key `parent` points at rows found by a
    unique `lookup` (field names of the parent model) rather than by their ids, so that
    the parents' ids need not be read back first: each item of `rows` is (the lookup's
    values, the values of `columns`). One statement, whatever the number of rows."""
    foreign_key = model._meta.get_field(parent)
    parent_model = foreign_key.related_model
    plan = _Columns(model, columns, parent=foreign_key)
    keys = [parent_model._meta.get_field(name) for name in lookup]
    params = [
        plan.values(values)
        + [k.get_db_prep_save(v, connection) for k, v in zip(keys, key, strict=True)]
        for key, values in rows
    ]
    if params:
        qn = connection.ops.quote_name
        marks = ", ".join(["%s"] * len(plan.fields))
        where = " AND ".join(f"{qn(k.column)} = %s" for k in keys)
        # Identifiers from the models, quoted; every value is a parameter.
        table, parent_table = qn(model._meta.db_table), qn(parent_model._meta.db_table)
        columns_sql = f"{qn(foreign_key.column)}, {plan.names()}"
        parent_id = qn(parent_model._meta.pk.column)
        sql = f"INSERT INTO {table} ({columns_sql}) SELECT {parent_id}, {marks} FROM {parent_table} WHERE {where}"  # noqa: S608, E501
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)
