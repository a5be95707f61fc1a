"""The names index for tests: the stored rows, and the same computed from scratch."""

from __future__ import annotations

from articles.models import Comparison
from articles.stories.names import names_index
from articles.stories.names_models import NameOccurrence, NameSpelling
from articles.stories.names_store import ledger_rows, refresh_names


def stored_index() -> dict:
    """Every stored pair: its figures and its occurrences, as comparable values."""
    places: dict[int, list] = {}
    for o in NameOccurrence.objects.order_by("seen_at", "comparison_id", "unit_position"):
        places.setdefault(o.spelling_id, []).append(
            (o.comparison_id, o.unit_position, o.outlet, o.seen_at)
        )
    return {
        (p.source, p.target): (
            p.comparisons,
            p.occurrences,
            p.outlets,
            p.first_seen,
            p.last_seen,
            sorted(places.get(p.pk, []), key=repr),
        )
        for p in NameSpelling.objects.all()
    }


def recomputed_index() -> dict:
    """The index computed from every comparison's stored ledger, from scratch."""
    return {
        (p.source, p.target): (
            p.comparisons,
            len(p.occurrences),
            p.outlets,
            p.first_seen,
            p.last_seen,
            sorted(
                (
                    (o.comparison_id, o.unit_position, o.outlet or "", o.seen_at)
                    for o in p.occurrences
                ),
                key=repr,
            ),
        )
        for p in names_index(ledger_rows())
    }


def set_ledger(comparison: Comparison, ledger: list) -> None:
    """Store a hand-made ledger on a comparison, as an analysis would (with its index)."""
    comparison.ledger = ledger
    comparison.save(update_fields=["ledger"])
    refresh_names([comparison.pk])
