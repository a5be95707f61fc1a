"""Optimistic locking of units: a change is made only against the version shown.

Two editors may have the same unit open. Every form carries the unit's `version`; a
change is a conditional UPDATE … WHERE version = shown that also increments it, so the
second of two changes made against the same version updates no row and is refused.
The UPDATE takes the row lock inside the caller's transaction (PostgreSQL re-checks
the WHERE after waiting for it; SQLite runs writers one at a time), so it is atomic on
both.
"""

from __future__ import annotations

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
