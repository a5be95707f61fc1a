"""Confirming a name of the entity ledger once for all of its units.

The ledger (Comparison.ledger, built by the analysis) lists names spelled one way in
the source and another in the retranslation, with the units they occur in. Confirming
an entry confirms the factual.name flag on each of those units: an existing suggestion
about that name is accepted, and a unit without one gets an editor's flag. It is one
audited change (one undo). Dismissing an entry dismisses the open suggestions about
that name on all its units, as one bulk decision (articles.review.bulk; one undo).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from articles.models import Comparison, Flag

from .audit import record, snapshot
from .bulk import DISMISS, BulkResult, decide_flags
from .errors import Conflict, ReviewError
from .locking import claim_unit
from .units import review_changes, touch_comparison

NAME = "factual.name"


def ledger_entry(comparison: Comparison, index: int) -> dict:
    ledger = comparison.ledger or []
    if not 0 <= index < len(ledger):
        raise ReviewError(f"entry: there is no name number {index} in this comparison's ledger")
    return ledger[index]


def is_about(flag: Flag, entry: Mapping) -> bool:
    """Whether a name flag points at this ledger entry's names."""
    source, target = entry["source"].casefold(), entry["target"].casefold()
    return flag.category == NAME and (
        bool(source)
        and source in flag.source_span.casefold()
        or bool(target)
        and target in flag.target_span.casefold()
    )


def is_confirmed(entry: Mapping, flags_by_position: Mapping[int, list[Flag]]) -> bool:
    """Whether every unit of the entry has a confirmed name flag about it."""
    return bool(entry.get("units")) and all(
        any(f.status == Flag.Status.CONFIRMED and is_about(f, entry) for f in flags)
        for flags in (flags_by_position.get(p, []) for p in entry["units"])
    )


def open_about(entry: Mapping, flags_by_position: Mapping[int, list[Flag]]) -> list[Flag]:
    """The open suggestions about the entry's names on its units."""
    return [
        f
        for p in entry.get("units", [])
        for f in flags_by_position.get(p, [])
        if f.status == Flag.Status.SUGGESTED and is_about(f, entry)
    ]


def is_dismissed(entry: Mapping, flags_by_position: Mapping[int, list[Flag]]) -> bool:
    """Whether every flag about the entry's names is dismissed (and there is one)."""
    flags = [f for p in entry.get("units", []) for f in flags_by_position.get(p, [])]
    about = [f for f in flags if is_about(f, entry)]
    return bool(about) and all(f.status == Flag.Status.DISMISSED for f in about)


@transaction.atomic
def dismiss_ledger_entry(
    *, user, comparison: Comparison, index: int, versions: Mapping[int, int]
) -> BulkResult:
    """Dismiss the open name suggestions of a ledger entry on all its units at once.

    `versions` maps each unit's id to the version the editor was shown; a unit whose
    suggestion is dismissed must be at that version still (else Conflict, nothing done).
    """
    entry = ledger_entry(comparison, index)
    units = {
        u.position: u
        for u in comparison.units.filter(position__in=entry.get("units", [])).prefetch_related(
            "flags"
        )
    }
    if not units:
        raise ReviewError("This name is in no unit of the comparison.")
    for unit in sorted(units.values(), key=lambda u: u.position):
        # The button counted the units as shown: one changed since, the count may be
        # wrong (as confirming, every unit of the entry must be as shown).
        if unit.pk in versions and versions[unit.pk] != unit.version:
            raise Conflict(
                f"Unit {unit.number} was changed by someone else since you opened this page. "
                "Nothing was dismissed: here is the ledger as it is now.",
                unit_id=unit.pk,
            )
    flags = open_about(entry, {p: list(u.flags.all()) for p, u in units.items()})
    if not flags:
        raise ReviewError("No suggestion about this name is open: there is nothing to dismiss.")
    by_pk = {u.pk: u for u in units.values()}
    for flag in flags:
        flag.unit = by_pk[flag.unit_id]
    about = {"ledger": {"source": entry["source"], "target": entry["target"]}}
    return decide_flags(
        user=user,
        comparison=comparison,
        flags=flags,
        decision=DISMISS,
        versions=versions,
        about=about,
    )


@transaction.atomic
def confirm_ledger_entry(
    *, user, comparison: Comparison, index: int, versions: Mapping[int, int]
) -> list[Flag]:
    """Confirm the name flags of a ledger entry on all its units.

    `versions` maps each unit's id to the version the editor was shown.
    """
    entry = ledger_entry(comparison, index)
    units = list(
        comparison.units.filter(position__in=entry.get("units", [])).prefetch_related("flags")
    )
    if not units:
        raise ReviewError("This name is in no unit of the comparison.")
    missing = [u.position for u in units if u.pk not in versions]
    if missing:
        raise ReviewError(f"versions: the form did not say which version of unit {missing[0]}")
    before = snapshot(units=units, flags=[f for u in units for f in u.flags.all()])
    changed: list[Flag] = []
    created: list[int] = []
    for unit in units:
        claim_unit(unit, versions[unit.pk], **review_changes("flagged", user))
        mine = [f for f in unit.flags.all() if is_about(f, entry)]
        if any(f.status == Flag.Status.CONFIRMED for f in mine):
            continue
        if mine:
            flag = mine[0]
            flag.status = Flag.Status.CONFIRMED
            flag.author = flag.author or user
            flag.save(update_fields=["status", "author", "updated_at"])
        else:
            flag = Flag.objects.create(
                unit=unit,
                category=NAME,
                severity="major",
                origin=Flag.Origin.EDITOR,
                status=Flag.Status.CONFIRMED,
                source_span=entry["source"],
                target_span=entry["target"],
                note="Confirmed from the name ledger.",
                author=user,
                created_at=timezone.now(),
            )
            created.append(flag.pk)
        changed.append(flag)
    before["flags"].update({str(pk): None for pk in created})
    after = snapshot(units=units, flags=changed)
    after["entry"] = {"source": entry["source"], "target": entry["target"]}
    record(comparison, user, "ledger.confirm", before=before, after=after)
    touch_comparison(comparison, user)
    return changed
