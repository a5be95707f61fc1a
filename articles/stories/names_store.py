"""The names index kept as rows: refreshed per comparison, rebuilt from scratch.

Every write of a comparison's ledger (analysis and re-analysis through
`importer.record_analysis`, an alignment fix or its undo renumbering units, an
article's outlet or publication time changed in the admin) calls `refresh_names` in
the same transaction, and deleting a comparison calls it through
the `pre_delete` signal (`connect`), so the index never waits for a periodic job.
Only the pairs a comparison had or now has are touched: their occurrences of this
comparison are replaced and their figures counted again from their occurrences (a few
indexed queries, whatever the archive's size). `rebuild_names` recomputes it all.

Concurrent writers: the pairs concerned are locked (SELECT … FOR UPDATE, in id order)
before their occurrences change, so that two imports sharing a pair count it one
after the other, each seeing the other's occurrences (on SQLite a write transaction
holds the whole file anyway).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import Coalesce
from django.db.models.signals import pre_delete

from articles.models import Comparison
from articles.row_writer import insert_rows
from articles.stories.names import LedgerRow, spellings_of
from articles.stories.names_models import NameOccurrence, NameSpelling

_OCCURRENCE_COLUMNS = ("spelling", "comparison", "unit_position", "outlet", "seen_at")
_CHUNK = 2000  # comparisons read (and occurrences written) at a time by a rebuild


def ledger_rows(comparison_ids: Collection[int] | None = None) -> Iterable[LedgerRow]:
    """The ledgers with the outlet and time each occurrence is counted under (every
    comparison when `comparison_ids` is None), streamed."""
    rows = Comparison.objects.exclude(ledger=[])
    if comparison_ids is not None:
        rows = rows.filter(pk__in=comparison_ids)
    rows = (
        rows.order_by("pk")
        .annotate(
            outlet=F("retranslation__outlet"),
            seen_at=Coalesce("retranslation__published_at", "created_at"),
        )
        .values_list("pk", "ledger", "outlet", "seen_at")
    )
    return (LedgerRow(*row) for row in rows.iterator(chunk_size=_CHUNK))


def _new_spelling(source: str, target: str) -> NameSpelling:
    return NameSpelling(
        source=source,
        target=target,
        source_folded=source.casefold(),
        target_folded=target.casefold(),
    )


def _locked_spellings(
    keys: set[tuple[str, str]], also: Collection[int]
) -> dict[tuple[str, str], int]:
    """The ids of the pairs `keys` (created when missing) and `also`, locked until the
    end of the transaction; keyed by (source, target)."""
    for _attempt in range(3):
        if keys:
            NameSpelling.objects.bulk_create(
                [_new_spelling(*key) for key in keys], ignore_conflicts=True
            )
        wanted = Q(pk__in=also)
        if keys:
            wanted |= Q(source__in={s for s, _ in keys}, target__in={t for _, t in keys})
        found = {
            (s, t): pk
            for pk, s, t in NameSpelling.objects.select_for_update()
            .filter(wanted)
            .order_by("pk")
            .values_list("pk", "source", "target")
        }
        if keys <= found.keys():
            return found
        # A pair emptied and deleted by a concurrent refresh after we created it: again.
    raise RuntimeError("names index: could not create the spelling pairs")  # pragma: no cover


def recount(spelling_ids: Collection[int]) -> None:
    """Count the figures of these pairs again from their occurrences; a pair left with
    none is deleted. Three queries and an update, whatever the number of occurrences."""
    if not spelling_ids:
        return
    mine = NameOccurrence.objects.filter(spelling_id__in=spelling_ids).order_by()
    figures = {
        row["spelling_id"]: row
        for row in mine.values("spelling_id").annotate(
            n_comparisons=Count("comparison_id", distinct=True),
            n_occurrences=Count("pk"),
            first=Min("seen_at"),
            last=Max("seen_at"),
        )
    }
    outlets: dict[int, list[str]] = {}
    for spelling_id, outlet in (
        mine.exclude(outlet="").values_list("spelling_id", "outlet").distinct()
    ):
        outlets.setdefault(spelling_id, []).append(outlet)
    NameSpelling.objects.filter(pk__in=spelling_ids).exclude(pk__in=figures).delete()
    changed = []
    for spelling_id, row in figures.items():
        changed.append(
            NameSpelling(
                pk=spelling_id,
                comparisons=row["n_comparisons"],
                occurrences=row["n_occurrences"],
                outlets=sorted(outlets.get(spelling_id, [])),
                first_seen=row["first"],
                last_seen=row["last"],
            )
        )
    NameSpelling.objects.bulk_update(
        changed,
        ["comparisons", "occurrences", "outlets", "first_seen", "last_seen"],
        batch_size=500,
    )


def refresh_names(comparison_ids: Collection[int], *, deleted: bool = False) -> None:
    """Make the index say what these comparisons' stored ledgers say now (nothing, when
    they are being `deleted`). In the caller's transaction, or one of its own."""
    ids = list(comparison_ids)
    if not ids:
        return
    # No savepoint of its own: every caller is already in a transaction and fails whole.
    with transaction.atomic(savepoint=False):
        rows = [] if deleted else list(ledger_rows(ids))
        found = [
            (row, source, target, unit)
            for row in rows
            for source, target, unit in spellings_of(row.ledger)
        ]
        before = set(
            NameOccurrence.objects.filter(comparison_id__in=ids)
            .order_by()
            .values_list("spelling_id", flat=True)
            .distinct()
        )
        if not found and not before:
            return  # a comparison without names, as most are: nothing to change
        spellings = _locked_spellings({(s, t) for _, s, t, _ in found}, before)
        NameOccurrence.objects.filter(comparison_id__in=ids).delete()
        insert_rows(
            NameOccurrence,
            _OCCURRENCE_COLUMNS,
            (
                (spellings[(s, t)], row.comparison_id, unit, row.outlet or "", row.seen_at)
                for row, s, t, unit in found
            ),
        )
        recount(before | set(spellings.values()))


def refresh_names_of_article(article_id: int) -> None:
    """After an article's outlet or publication time changed: the comparisons where it
    is the retranslation count their names under the new ones."""
    refresh_names(
        list(Comparison.objects.filter(retranslation_id=article_id).values_list("pk", flat=True))
    )


@dataclass(frozen=True, slots=True)
class RebuildSummary:
    comparisons: int
    spellings: int
    occurrences: int
    removed_spellings: int


@transaction.atomic
def rebuild_names(*, progress=None) -> RebuildSummary:
    """Empty the index and fill it again from every comparison's stored ledger (one
    transaction: pages read the old index until it is done)."""
    removed = NameSpelling.objects.count()
    NameOccurrence.objects.all().delete()
    NameSpelling.objects.all().delete()
    spellings: dict[tuple[str, str], int] = {}
    comparisons = occurrences = 0
    batch: list[tuple] = []

    def flush() -> None:
        nonlocal occurrences
        new = {(s, t) for s, t, *_ in batch} - spellings.keys()
        if new:
            made = NameSpelling.objects.bulk_create(
                [_new_spelling(*key) for key in sorted(new)], batch_size=1000
            )
            if any(m.pk is None for m in made):  # a database that returns no ids
                made = NameSpelling.objects.filter(
                    source__in={s for s, _ in new}, target__in={t for _, t in new}
                )
            spellings.update({(m.source, m.target): m.pk for m in made})
        occurrences += insert_rows(
            NameOccurrence,
            _OCCURRENCE_COLUMNS,
            ((spellings[(s, t)], *place) for s, t, *place in batch),
        )
        batch.clear()

    for row in ledger_rows():
        comparisons += 1
        for source, target, unit in spellings_of(row.ledger):
            batch.append((source, target, row.comparison_id, unit, row.outlet or "", row.seen_at))
        if len(batch) >= _CHUNK * 5:
            flush()
            if progress:
                progress(comparisons)
    flush()
    recount_all()
    return RebuildSummary(comparisons, len(spellings), occurrences, removed)


def recount_all() -> None:
    """The figures of every pair, counted from the occurrences (for a rebuild)."""
    ids = list(NameSpelling.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        recount(ids[start : start + 1000])


def _forget_deleted(sender, instance: Comparison, **kwargs) -> None:
    refresh_names([instance.pk], deleted=True)


def connect() -> None:
    """Deleting a comparison (the admin, a cascade, the shell) takes its names out of
    the index, in the deletion's transaction."""
    pre_delete.connect(_forget_deleted, sender=Comparison, dispatch_uid="names-index-forget")
