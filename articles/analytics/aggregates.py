"""Keeping the analytics' daily tables up to date, and rebuilding them from scratch.

What a comparison counts for (its `Contribution`) follows from its rows alone: its
copy's outlet and day, its drift score, its confirmed flags by category, and its units
decided by each editor on each day. `refresh_comparison` recomputes that for one
comparison, compares it with what it was last written as (`ComparisonContribution`)
and adds the difference to the daily tables. It is called where every write ends:
`touch_comparison` after each editor's change (decide, undo, alignment fixes, bulk,
shared and adjudicated decisions) and `reanalyse`; a new comparison is counted by
`count_new_comparison` at the end of the importer's `store_analysis`; signals cover an
article's outlet, date or word count edited and a comparison deleted (hooks.py).

`rebuild` computes every comparison's contribution with the same code, in three
set-wise queries, and rewrites the tables (`manage.py rebuild_analytics`); `recomputed`
gives the daily figures from scratch without writing, for the tests and `--check`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.analysis.categories import SEVERITY_POINTS
from articles.models import AlignmentUnit, Comparison, Flag
from articles.scoring import drift_score

from .models import ComparisonContribution, DailyDecisions, DailyDrift, DailyFlags

UNREVIEWED = AlignmentUnit.ReviewState.UNREVIEWED

# The drift score's bands, as docs/drift-score.md reads them: (label, lowest score).
BUCKETS: tuple[tuple[str, float], ...] = (
    ("0", 0.0),
    ("under 1", 0.000001),
    ("1 to 5", 1.0),
    ("5 or more", 5.0),
)


def bucket_of(score: float) -> int:
    band = 0
    for index, (_, lowest) in enumerate(BUCKETS):
        if score >= lowest:
            band = index
    return band


def centi(score: float) -> int:
    """A score in hundredths, so that sums kept by increments stay exact."""
    return round(score * 100)


@dataclass
class Contribution:
    day: date
    outlet: str
    words: int
    # category -> [confirmed flags, points]
    flags: dict[str, list[int]] = field(default_factory=dict)
    # (editor id, day) -> units decided
    decisions: dict[tuple[int, date], int] = field(default_factory=dict)

    @property
    def score_centi(self) -> int:
        points = sum(points for _, points in self.flags.values())
        return centi(drift_score(points, self.words))

    def daily(self) -> dict[str, dict[tuple, tuple[int, ...]]]:
        """The rows this comparison adds to each daily table: key -> amounts."""
        score = self.score_centi
        return {
            "drift": {(self.day, self.outlet, bucket_of(score / 100)): (1, score)},
            "flags": {
                (self.day, self.outlet, category): (
                    confirmed,
                    points,
                    centi(drift_score(points, self.words)),
                )
                for category, (confirmed, points) in self.flags.items()
            },
            "decisions": {
                (day, self.outlet, editor): (units,)
                for (editor, day), units in self.decisions.items()
            },
        }


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def contributions(comparisons: Q | None = None) -> dict[int, Contribution]:
    """Every comparison's contribution (those matching `comparisons`, a Q on
    Comparison), in three queries however many there are."""
    found: dict[int, Contribution] = {}
    rows = Comparison.objects.filter(comparisons or Q()).order_by().values_list(*_COMPARISON_FIELDS)
    for pk, words, outlet, published, created in rows.iterator(chunk_size=5000):
        found[pk] = Contribution(day=_day(published or created), outlet=outlet, words=words)
    if found:
        _count_rows(found, None if comparisons is None else list(found))
    return found


_COMPARISON_FIELDS = (
    "pk",
    "source__word_count",
    "retranslation__outlet",
    "retranslation__published_at",
    "created_at",
)


def _count_rows(found: dict[int, Contribution], ids: list[int] | None) -> None:
    """Add the confirmed flags and decided units of the comparisons in `found` (of
    those `ids`, or of every comparison): two queries."""
    flag_filter = Q(status=Flag.Status.CONFIRMED)
    unit_filter = Q(reviewed_by__isnull=False, reviewed_at__isnull=False) & ~Q(
        review_state=UNREVIEWED
    )
    if ids is not None:
        flag_filter &= Q(unit__comparison__in=ids)
        # Only by comparison, the rest checked below: a condition on the reviewer let
        # PostgreSQL's planner pick the reviewer's index and scan every decided unit.
        unit_filter = Q(comparison__in=ids)
    flags = (
        Flag.objects.filter(flag_filter)
        .order_by()
        .values_list("unit__comparison_id", "category", "severity")
        .annotate(n=Count("id"))
    )
    for pk, category, severity, n in flags.iterator(chunk_size=5000):
        if pk in found:
            counts = found[pk].flags.setdefault(category, [0, 0])
            counts[0] += n
            counts[1] += n * SEVERITY_POINTS[severity]
    units = (
        AlignmentUnit.objects.filter(unit_filter)
        .order_by()
        .values_list("comparison_id", "reviewed_by_id", "reviewed_at", "review_state")
    )
    for pk, editor, at, state in units.iterator(chunk_size=5000):
        if pk in found and editor is not None and at is not None and state != UNREVIEWED:
            key = (editor, _day(at))
            found[pk].decisions[key] = found[pk].decisions.get(key, 0) + 1


def summed(parts: Iterable[Contribution]) -> dict[str, dict[tuple, tuple[int, ...]]]:
    """The daily tables as the sum of these contributions (rows of nothing left out)."""
    tables: dict[str, dict[tuple, list[int]]] = defaultdict(dict)
    for part in parts:
        for table, rows in part.daily().items():
            for key, amounts in rows.items():
                total = tables[table].setdefault(key, [0] * len(amounts))
                for i, amount in enumerate(amounts):
                    total[i] += amount
    return {
        table: {key: tuple(v) for key, v in tables.get(table, {}).items() if any(v)}
        for table in ("drift", "flags", "decisions")
    }


# Each daily table: its model, key fields and amount fields, in the order of `daily()`.
TABLES: dict[str, tuple[Any, tuple[str, ...], tuple[str, ...]]] = {
    "drift": (DailyDrift, ("day", "outlet", "bucket"), ("comparisons", "score_centi")),
    "flags": (DailyFlags, ("day", "outlet", "category"), ("confirmed", "points", "score_centi")),
    "decisions": (DailyDecisions, ("day", "outlet", "editor_id"), ("units",)),
}


def stored() -> dict[str, dict[tuple, tuple[int, ...]]]:
    """The daily tables as they are (rows of nothing left out)."""
    tables = {}
    for table, (model, keys, amounts) in TABLES.items():
        rows = model.objects.values_list(*keys, *amounts)
        tables[table] = {
            tuple(row[: len(keys)]): tuple(row[len(keys) :])
            for row in rows
            if any(row[len(keys) :])
        }
    return tables


def recomputed() -> dict[str, dict[tuple, tuple[int, ...]]]:
    """The daily tables computed from scratch from the comparisons' rows."""
    return summed(contributions().values())


# --- incremental upkeep ---------------------------------------------------------------


def _stored_daily(row: ComparisonContribution) -> dict[str, dict[tuple, tuple[int, ...]]]:
    """What a stored contribution added to the daily tables, read back from its row
    (the per-category scores are kept in it: the source's word count may have changed
    since)."""
    decisions: dict[tuple, tuple[int, ...]] = {}
    for key, units in row.decisions.items():
        editor, day = key.split(" ")
        decisions[(date.fromisoformat(day), row.outlet, int(editor))] = (units,)
    return {
        "drift": {(row.day, row.outlet, row.bucket): (1, row.score_centi)},
        "flags": {
            (row.day, row.outlet, category): tuple(amounts)
            for category, amounts in row.flags.items()
        },
        "decisions": decisions,
    }


def _difference(old: dict, new: dict) -> dict[str, dict[tuple, tuple[int, ...]]]:
    changes: dict[str, dict[tuple, tuple[int, ...]]] = {}
    for table in TABLES:
        before, after = old.get(table, {}), new.get(table, {})
        rows = {}
        for key in before.keys() | after.keys():
            a = before.get(key)
            b = after.get(key)
            width = len(a or b)
            delta = tuple((b or (0,) * width)[i] - (a or (0,) * width)[i] for i in range(width))
            if any(delta):
                rows[key] = delta
        changes[table] = rows
    return changes


def _column(model, name: str) -> str:
    return model._meta.get_field(name.removesuffix("_id")).column


def _apply(changes: dict[str, dict[tuple, tuple[int, ...]]]) -> None:
    """Move the daily rows by these deltas: one statement a table, an upsert that adds
    to the row there (PostgreSQL and SQLite alike), so that two transactions moving
    the same row both count."""
    for table, rows in changes.items():
        if not rows:
            continue
        model, keys, amounts = TABLES[table]
        name = connection.ops.quote_name(model._meta.db_table)
        key_columns = [connection.ops.quote_name(_column(model, k)) for k in keys]
        amount_columns = [connection.ops.quote_name(_column(model, a)) for a in amounts]
        values, params = [], []
        for key, delta in rows.items():
            values.append("(" + ", ".join(["%s"] * (len(keys) + len(amounts))) + ")")
            day, *rest = key
            params += [connection.ops.adapt_datefield_value(day), *rest, *delta]
        additions = ", ".join(f"{c} = {name}.{c} + excluded.{c}" for c in amount_columns)
        # Table and column names come from the models; the values are parameters.
        statement = (
            f"INSERT INTO {name} ({', '.join(key_columns + amount_columns)}) "  # noqa: S608
            f"VALUES {', '.join(values)} "
            f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {additions}"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, params)


def _stored_row(part: Contribution) -> dict[str, Any]:
    """The ComparisonContribution fields that remember what `part` adds."""
    score = part.score_centi
    return {
        "day": part.day,
        "outlet": part.outlet,
        "bucket": bucket_of(score / 100),
        "score_centi": score,
        "flags": {
            category: [n, p, centi(drift_score(p, part.words))]
            for category, (n, p) in part.flags.items()
        },
        "decisions": {f"{e} {d.isoformat()}": n for (e, d), n in part.decisions.items()},
    }


_STORED_FIELDS = tuple(
    f"analytics_contribution__{name}"
    for name in ("comparison_id", "day", "outlet", "bucket", "score_centi", "flags", "decisions")
)


def refresh_comparison(comparison_id: int) -> None:
    """Bring the daily tables up to date with one comparison's rows as they are now.

    Call it inside the transaction of the write, after the comparison's row is locked
    (every review write updates it first; a re-analysis selects it for update): two
    writers of one comparison then take turns. At most seven queries: the comparison
    with its stored contribution, its confirmed flags, its decided units, an upsert per
    daily table that changed and the stored contribution."""
    row = (
        Comparison.objects.filter(pk=comparison_id)
        .values_list(*_COMPARISON_FIELDS, *_STORED_FIELDS)
        .first()
    )
    if row is None:
        return
    pk, words, outlet, published, created, stored_pk, *stored = row
    new = Contribution(day=_day(published or created), outlet=outlet, words=words)
    _count_rows({pk: new}, [pk])
    fields = _stored_row(new)
    if stored_pk is None:
        _apply(_difference({}, new.daily()))
        ComparisonContribution.objects.create(comparison_id=pk, **fields)
        return
    old = ComparisonContribution(comparison_id=pk, **dict(zip(_FIELD_NAMES, stored, strict=True)))
    if all(getattr(old, name) == value for name, value in fields.items()):
        return  # a change that moves no figure (a status, a note)
    _apply(_difference(_stored_daily(old), new.daily()))
    ComparisonContribution.objects.filter(comparison_id=pk).update(**fields)


_FIELD_NAMES = ("day", "outlet", "bucket", "score_centi", "flags", "decisions")


def count_new_comparison(comparison: Comparison) -> None:
    """A comparison just imported: no confirmed flag and no decision yet, so its
    contribution follows from the rows in hand (two queries)."""
    published = comparison.retranslation.published_at
    new = Contribution(
        day=_day(published or comparison.created_at),
        outlet=comparison.retranslation.outlet,
        words=comparison.source.word_count,
    )
    _apply(_difference({}, new.daily()))
    ComparisonContribution.objects.create(comparison_id=comparison.pk, **_stored_row(new))


def forget_comparison(comparison_id: int) -> None:
    """Take a comparison about to be deleted out of the daily tables."""
    old = (
        ComparisonContribution.objects.select_for_update()
        .filter(comparison_id=comparison_id)
        .first()
    )
    if old is not None:
        _apply(_difference(_stored_daily(old), {}))
        old.delete()


# --- from scratch ---------------------------------------------------------------------

BATCH = 2000


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Rewrite every aggregate from the comparisons' rows; returns the rows written."""
    parts = contributions()
    for model in (ComparisonContribution, DailyDrift, DailyFlags, DailyDecisions):
        model.objects.all().delete()
    ComparisonContribution.objects.bulk_create(
        (ComparisonContribution(comparison_id=pk, **_stored_row(p)) for pk, p in parts.items()),
        batch_size=BATCH,
    )
    written = {"comparisons": len(parts)}
    for table, rows in summed(parts.values()).items():
        model, keys, amounts = TABLES[table]
        model.objects.bulk_create(
            (
                model(
                    **dict(zip(keys, key, strict=True)),
                    **dict(zip(amounts, values, strict=True)),
                )
                for key, values in rows.items()
            ),
            batch_size=BATCH,
        )
        written[table] = len(rows)
    return written
