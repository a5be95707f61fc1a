"""Querysets whose SQL is built once per process, for the queries every review request
makes.

Django builds a query's SQL anew each time a queryset is evaluated: it resolves every
lookup of `filter()`, walks `select_related()` and `defer()` to choose the columns,
and compiles the expressions. For the review's small queries this costs more than
running them (issue 18: an action's CPU is 35–40% the ORM's, 20% building SQL).

A query of the review varies only by ids (a comparison's, a unit's, a position), and
for ids its SQL is the same text with different parameters. So, as
`newsdrift.url_reversal` does for addresses, a `PreparedQuery` builds its queryset
with stand-in ids once per process and database, checks with other ids that only
those parameters change, and afterwards runs that SQL with the request's ids, on the
calling thread's connection. The rows are read by Django's own code, as for any
queryset: model instances with their `select_related()` objects and deferred fields,
`values_list()` tuples, `prefetch_related()` lookups.

What a prepared query may hold: its arguments are ints, each used as it is (not in
arithmetic) as a parameter of the SQL; nothing else of it may change between
requests (no `timezone.now()`, no lists of varying length: `PreparedForIdLists`
prepares one query for each length). A build that breaks this is refused when first
run, with the reason. The queryset returned is evaluated with the prepared SQL only
as it is (`list()`, iteration, `bool()`); any further operation on it (`filter()`,
`get()`, `count()`, slicing) makes the ordinary queryset of the same build and ids,
built and compiled by Django as usual. So does an id no column of its kind can hold,
for which Django decides without the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.query import Query

# Stand-in ids: large enough never to be another parameter of a review query.
_STAND_IN = 987654320
# Other ids, of another length, to check that only the stand-ins' parameters change.
_CHECK = 7
# What a parameter's value may be (-bound <= value < bound): a 64-bit integer, or what
# the sized type Django gives it holds.
_INT64 = 2**63
_BOUNDS = {"Int2": 2**15, "Int4": 2**31, "Int8": 2**63}


class PreparedQueryError(TypeError):
    """A build whose SQL cannot be prepared, or arguments that are not ints."""


@dataclass(frozen=True, slots=True)
class _Compiled:
    compiler: object  # the compiler after as_sql(): its columns and models are known
    sql: str
    params: tuple
    # (parameter's index, argument's index, the parameter's type, the bound of its
    # values): Django passes PostgreSQL the values of integer columns as psycopg's
    # sized types (Int2, Int4, Int8), plain ints otherwise.
    slots: tuple[tuple[int, int, type, int], ...]


# Where a connection keeps the converters of the prepared queries it ran.
_CONVERTERS_KEPT = "newsdrift_prepared_converters"


def _converters_once(compiled: _Compiled, compiler, expressions) -> dict:
    """The compiler's `get_converters`, asked once per connection for a prepared query.

    What converts each column's values (datetimes on SQLite, say) depends on the
    columns and the connection's backend only, and Django asks anew for every query
    run: for the review's prepared queries that was a tenth of reading their rows
    (issue 18). The converters are bound to the connection's own operations, so they
    are kept on the connection, for as long as it lives; the key holds the columns'
    identities, which the shallow copies of one compiled query share."""
    kept = compiler.connection.__dict__.setdefault(_CONVERTERS_KEPT, {})
    key = (id(compiled), *map(id, expressions))
    found = kept.get(key)
    if found is None:
        found = kept[key] = type(compiler).get_converters(compiler, expressions)
    return found


class _PreparedSQL(Query):
    """The query of a prepared queryset: its compiler gives the prepared SQL with the
    arguments' ids. Any copy of it (every queryset operation makes one) is the
    ordinary `Query` of the same build with the same ids."""

    prepared: PreparedQuery
    ids: tuple[int, ...]

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        if connection is None:
            if using is None:
                raise ValueError("Need either using or connection")
            connection = connections[using]
        compiled = self.prepared.compiled(connection)
        if not all(
            -bound <= self.ids[argument] < bound for _, argument, _, bound in compiled.slots
        ):
            # An id no column of its kind can hold (a hand-made address): Django's own
            # SQL, which matches nothing or everything for it without asking the
            # database (the database's driver would refuse the number).
            return self.prepared.build(*self.ids).query.get_compiler(using, connection, elide_empty)
        # A shallow copy: the columns and models are read, never changed, by running
        # the query; the connection is this thread's.
        compiler = object.__new__(type(compiled.compiler))
        compiler.__dict__.update(compiled.compiler.__dict__)
        compiler.connection = connection
        compiler.using = connection.alias
        params = list(compiled.params)
        for index, argument, kind, _ in compiled.slots:
            params[index] = kind(self.ids[argument])
        sql, filled = compiled.sql, tuple(params)
        compiler.as_sql = lambda *args, **kwargs: (sql, filled)
        compiler.get_converters = partial(_converters_once, compiled, compiler)
        return compiler

    def clone(self):
        # Any operation on the queryset copies its query: from here on it is the one
        # Django builds for these ids (this one holds the stand-ins' filters).
        return self.prepared.build(*self.ids).query.clone()


class PreparedQuery:
    """`build(*ids)` returns a queryset; calling this returns the same queryset, whose
    SQL was built once per database (connection alias and vendor)."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.name = getattr(build, "__qualname__", repr(build))
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        self._template: QuerySet | None = None
        self._count = 0

    def __repr__(self) -> str:
        return f"<PreparedQuery {self.name}>"

    def __call__(self, *ids: int) -> QuerySet:
        for value in ids:
            if type(value) is not int:
                raise PreparedQueryError(
                    f"Prepared query {self.name}: {value!r} is not an int; its arguments are ids."
                )
        if self._template is None:
            # The queryset with stand-ins: what every prepared one copies (its model,
            # its iterable, its prefetch lookups) and whose SQL `compiled` builds.
            self._template = self.build(*(_STAND_IN + n for n in range(len(ids))))
            self._count = len(ids)
        elif len(ids) != self._count:
            raise PreparedQueryError(
                f"Prepared query {self.name}: {len(ids)} ids given, it takes {self._count}."
            )
        queryset = self._template.all()
        queryset.query.__class__ = _PreparedSQL
        queryset.query.prepared = self
        queryset.query.ids = ids
        return queryset

    def compiled(self, connection) -> _Compiled:
        key = (connection.alias, connection.vendor)
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = self._compile(connection)
        return found

    def _compile(self, connection) -> _Compiled:
        count = self._count
        stand_ins = [_STAND_IN + n for n in range(count)]
        # A queryset of its own: compiling may set things on its query.
        compiler = self.build(*stand_ins).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = tuple(
            (index, stand_ins.index(value), type(value), _BOUNDS.get(type(value).__name__, _INT64))
            for index, value in enumerate(params)
            if isinstance(value, int) and not isinstance(value, bool) and value in stand_ins
        )
        if {argument for _, argument, _, _ in slots} != set(range(count)):
            raise PreparedQueryError(
                f"Prepared query {self.name}: not every id is a parameter of its SQL as it is."
            )
        check_ids = [_CHECK + n for n in range(count)]
        check_sql, check_params = (
            self.build(*check_ids).query.get_compiler(connection=connection).as_sql()
        )
        expected = list(params)
        for index, argument, kind, _ in slots:
            expected[index] = kind(check_ids[argument])
        if check_sql != sql or list(check_params) != expected:
            raise PreparedQueryError(
                f"Prepared query {self.name}: its SQL changes with the ids in other ways "
                "than their parameters."
            )
        return _Compiled(compiler, sql, tuple(params), slots)


def prepared(build: Callable[..., QuerySet]) -> PreparedQuery:
    """Decorator: the queryset `build` returns, with its SQL built once (see above)."""
    return PreparedQuery(build)


class PreparedForIdLists:
    """A query of a list of ids (`pk__in=ids`), prepared once for each length of list
    rounded up to a power of two: the list is filled up to that length with its own
    first id, which an IN list holds once whatever the repeats. A list longer than
    `longest`, or an empty one, gets the queryset Django builds."""

    def __init__(self, build: Callable[[list[int]], QuerySet], longest: int = 256):
        self.build = build
        self.longest = longest
        self.name = getattr(build, "__qualname__", repr(build))
        self._by_length: dict[int, PreparedQuery] = {}

    def __repr__(self) -> str:
        return f"<PreparedForIdLists {self.name}>"

    def __call__(self, ids: Sequence[int]) -> QuerySet:
        ids = list(ids)
        if not ids or len(ids) > self.longest:
            return self.build(ids)
        length = 1 << (len(ids) - 1).bit_length()
        query = self._by_length.get(length)
        if query is None:
            query = self._by_length[length] = PreparedQuery(self._build_from_args)
            query.name = f"{self.name} ({length} ids)"
        return query(*ids, *[ids[0]] * (length - len(ids)))

    def _build_from_args(self, *ids: int) -> QuerySet:
        return self.build(list(ids))


def prepared_for_id_lists(build: Callable[[list[int]], QuerySet]) -> PreparedForIdLists:
    """Decorator: `PreparedForIdLists` of `build`."""
    return PreparedForIdLists(build)
