"""Optimistic locking of units: a change is made only against the version shown.

Two editors may have the same unit open. Every form carries the unit's `version`; a
change is a conditional UPDATE … WHERE version = shown that also increments it, so the
second of two changes made against the same version updates no row and is refused.
The UPDATE takes the row lock inside the caller's transaction (PostgreSQL re-checks
the WHERE after waiting for it; SQLite runs writers one at a time), so it is atomic on
both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import F

from articles.models import AlignmentUnit

from .errors import Conflict


def claim_unit(unit: AlignmentUnit, shown_version: int, **changes: Any) -> None:
    """Apply `changes` to the unit if it is still at `shown_version`, else raise Conflict.

    On success the in-memory `unit` gets the changes and its new version.
    """
    updated = AlignmentUnit.objects.filter(pk=unit.pk, version=shown_version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise Conflict(
            f"Unit {unit.number} was changed by someone else since you opened it. "
            "Your change was not saved: here is the unit as it is now.",
            unit_id=unit.pk,
        )
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.version = shown_version + 1


def claim_units(units: Sequence[AlignmentUnit], shown: Mapping[int, int], **changes: Any) -> None:
    """`claim_unit` for many units at once, in two queries whatever their number.

    `shown` maps each unit's id to the version the editor was shown. The rows are
    locked (PostgreSQL; SQLite runs writers one at a time), their versions compared
    with `shown`, and only when every one matches are they all changed; otherwise
    Conflict names the first unit that moved on and nothing is changed.
    """
    ids = [unit.pk for unit in units]
    # Locked in id order, so that two bulk changes of overlapping units wait for each
    # other instead of deadlocking.
    locked = AlignmentUnit.objects.select_for_update().filter(pk__in=ids).order_by("id")
    current = dict(locked.values_list("id", "version"))
    for unit in sorted(units, key=lambda u: u.position):
        if current.get(unit.pk) != shown.get(unit.pk):
            raise Conflict(
                f"Unit {unit.number} was changed by someone else since you opened it. "
                "Nothing was saved: here it is as it is now.",
                unit_id=unit.pk,
            )
    AlignmentUnit.objects.filter(pk__in=ids).update(version=F("version") + 1, **changes)
    for unit in units:
        for name, value in changes.items():
            setattr(unit, name, value)
        unit.version = shown[unit.pk] + 1
