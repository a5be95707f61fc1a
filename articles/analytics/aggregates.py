"""Keeping the analytics' daily tables up to date, and rebuilding them from scratch.

What a comparison counts for (its `Contribution`) follows from its rows alone: its
copy's outlet and day, its drift score, its confirmed flags by category, and its units
decided by each editor on each day. `refresh_comparisons` recomputes that for some
comparisons, compares it with what each was last written as (`ComparisonContribution`)
and adds the difference to the daily tables.

Every review write (decide, undo, alignment fixes, bulk, shared and adjudicated
decisions: `touch_comparison`) and an edited article (hooks.py) only mark the
comparison stale; `catch_up` counts the stale ones in batches, before the tables are
read and every few seconds in the job worker's supervisor. A decision thus does not
wait on rows that every editor's decisions of the day add to (issue 18). A re-analysis
refreshes its comparison at once, a new comparison is counted by
`count_new_comparison` at the end of the importer's `store_analysis`, and one deleted
is taken out by a signal (hooks.py).

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


def refresh_comparison(comparison_id: int) -> None:
    """Bring the daily tables up to date with one comparison's rows as they are now.

    Call it inside the transaction of the write, after the comparison's row is locked
    (a re-analysis selects it for update): two writers of one comparison then take
    turns. The review's writes do not call it: they mark the comparison stale and
    `catch_up` counts it (below)."""
    refresh_comparisons([comparison_id])


def refresh_comparisons(ids: list[int]) -> None:
    """`refresh_comparison` for several comparisons at once, their rows locked by the
    caller: at most nine queries however many there are (the comparisons, their
    stored contributions, confirmed flags and decided units, an upsert per daily
    table that changed, the contributions updated and the new ones created)."""
    rows = Comparison.objects.filter(pk__in=ids).order_by().values_list(*_COMPARISON_FIELDS)
    parts = {
        pk: Contribution(day=_day(published or created), outlet=outlet, words=words)
        for pk, words, outlet, published, created in rows
    }
    if not parts:
        return
    _count_rows(parts, list(parts))
    stored = {
        row.comparison_id: row
        for row in ComparisonContribution.objects.filter(comparison_id__in=list(parts))
    }
    old_tables, new_tables, changed, created = [], [], [], []
    for pk, part in parts.items():
        fields = _stored_row(part)
        old = stored.get(pk)
        if old is None:
            new_tables.append(part.daily())
            created.append(ComparisonContribution(comparison_id=pk, **fields))
        elif any(getattr(old, name) != value for name, value in fields.items()):
            old_tables.append(_stored_daily(old))
            new_tables.append(part.daily())
            for name, value in fields.items():
                setattr(old, name, value)
            changed.append(old)
        # else a change that moves no figure (a status, a note)
    if new_tables:
        _apply(_difference(_added(old_tables), _added(new_tables)))
    if changed:
        ComparisonContribution.objects.bulk_update(changed, _FIELD_NAMES, batch_size=BATCH)
    if created:
        ComparisonContribution.objects.bulk_create(created, batch_size=BATCH)


def _added(tables: list[dict]) -> dict[str, dict[tuple, tuple[int, ...]]]:
    """Several contributions' daily rows summed, key by key."""
    total: dict[str, dict[tuple, tuple[int, ...]]] = {}
    for rows_of in tables:
        for table, rows in rows_of.items():
            into = total.setdefault(table, {})
            for key, amounts in rows.items():
                before = into.get(key)
                into[key] = (
                    amounts
                    if before is None
                    else tuple(a + b for a, b in zip(before, amounts, strict=True))
                )
    return total


# Comparisons counted in one transaction of `catch_up`.
CATCH_UP_BATCH = 500


def catch_up() -> int:
    """Count every comparison the review changed since the daily tables last counted
    it; returns how many. Run before the tables are read (the analytics page, its
    CSV files, `rebuild_analytics --check`) and by the job worker's supervisor every
    few seconds, so that the figures are never behind when someone looks.

    Each batch locks its comparisons' rows (PostgreSQL skips those a writer holds: that
    write will mark its comparison stale again when it commits, and the next catch-up
    counts it) and clears their mark in the same transaction, so a write is counted
    once whichever comes first."""
    done = 0
    # A read first: with nothing stale, as almost always, no transaction is opened
    # (on SQLite every transaction here takes the write lock).
    while Comparison.objects.filter(analytics_stale=True).exists():
        with transaction.atomic():
            ids = list(
                Comparison.objects.select_for_update(skip_locked=True)
                .filter(analytics_stale=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:CATCH_UP_BATCH]
            )
            if not ids:
                return done  # every stale one is being written: counted next time
            refresh_comparisons(ids)
            Comparison.objects.filter(pk__in=ids).update(analytics_stale=False)
        done += len(ids)
    return done


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
    # Cleared before the rows are read: a write that commits meanwhile marks its
    # comparison stale again, and counting it twice changes nothing.
    Comparison.objects.filter(analytics_stale=True).update(analytics_stale=False)
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
