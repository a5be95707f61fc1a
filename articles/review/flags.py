"""Deciding about flags: accept or dismiss a suggestion, edit a flag, add one's own.

Every function takes the unit version the editor was shown, changes nothing when the
unit changed since (Conflict), and writes one audit event with before and after.
Confirming a flag marks its unit flagged: a confirmed flag is a decision about it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.analysis.categories import CATEGORY_CODES, SEVERITIES
from articles.models import AlignmentUnit, Flag

from .audit import record, snapshot
from .errors import ReviewError
from .locking import claim_unit
from .units import review_changes, touch_comparison

Status = Flag.Status


def _check(unit: AlignmentUnit, flag: Flag) -> None:
    if flag.unit_id != unit.pk:
        raise ReviewError(f"Flag {flag.pk} does not belong to unit {unit.number}.")


def _change(
    action: str, *, user, unit: AlignmentUnit, flag: Flag, shown_version: int, **fields
) -> Flag:
    _check(unit, flag)
    before = snapshot(units=[unit], flags=[flag])
    confirming = fields.get("status") == Status.CONFIRMED
    claim_unit(unit, shown_version, **(review_changes("flagged", user) if confirming else {}))
    for name, value in fields.items():
        setattr(flag, name, value)
    flag.save(update_fields=[*fields, "updated_at"])
    record(
        unit.comparison,
        user,
        action,
        unit=unit,
        flag=flag,
        before=before,
        after=snapshot(units=[unit], flags=[flag]),
    )
    touch_comparison(unit.comparison, user)
    return flag


@transaction.atomic
def accept_flag(*, user, unit: AlignmentUnit, flag: Flag, shown_version: int) -> Flag:
    """A suggestion (or a dismissed flag) becomes a confirmed flag."""
    if flag.status == Status.CONFIRMED:
        raise ReviewError("This flag is confirmed already.")
    return _change(
        "flag.accept",
        user=user,
        unit=unit,
        flag=flag,
        shown_version=shown_version,
        status=Status.CONFIRMED,
        author=flag.author or user,
    )


@transaction.atomic
def dismiss_flag(*, user, unit: AlignmentUnit, flag: Flag, shown_version: int) -> Flag:
    """A suggestion is dismissed, or a confirmed flag withdrawn (kept, as dismissed)."""
    if flag.status == Status.DISMISSED:
        raise ReviewError("This flag is dismissed already.")
    return _change(
        "flag.dismiss",
        user=user,
        unit=unit,
        flag=flag,
        shown_version=shown_version,
        status=Status.DISMISSED,
    )


def _validate(category: str, severity: str) -> None:
    if category not in CATEGORY_CODES:
        raise ReviewError(f"category: “{category}” is not a known category")
    if severity not in SEVERITIES:
        raise ReviewError(f"severity: “{severity}” is not minor, major or critical")


@transaction.atomic
def edit_flag(
    *,
    user,
    unit: AlignmentUnit,
    flag: Flag,
    shown_version: int,
    category: str,
    severity: str,
    note: str,
) -> Flag:
    """Change a flag's category, severity or note (its status stays)."""
    _validate(category, severity)
    return _change(
        "flag.edit",
        user=user,
        unit=unit,
        flag=flag,
        shown_version=shown_version,
        category=category,
        severity=severity,
        note=note,
    )


@transaction.atomic
def add_flag(
    *,
    user,
    unit: AlignmentUnit,
    shown_version: int,
    category: str,
    severity: str,
    source_span: str = "",
    target_span: str = "",
    note: str = "",
) -> Flag:
    """The editor's own flag, confirmed at once."""
    _validate(category, severity)
    before = snapshot(units=[unit])
    claim_unit(unit, shown_version, **review_changes("flagged", user))
    flag = Flag.objects.create(
        unit=unit,
        category=category,
        severity=severity,
        origin=Flag.Origin.EDITOR,
        status=Status.CONFIRMED,
        source_span=source_span.strip(),
        target_span=target_span.strip(),
        note=note.strip(),
        author=user,
        created_at=timezone.now(),
    )
    before["flags"] = {str(flag.pk): None}
    record(
        unit.comparison,
        user,
        "flag.add",
        unit=unit,
        flag=flag,
        before=before,
        after=snapshot(units=[unit], flags=[flag]),
    )
    touch_comparison(unit.comparison, user)
    return flag


ADMIN_EDITABLE = ("category", "severity", "status", "note")


@transaction.atomic
def admin_change_flag(
    *, user, unit: AlignmentUnit, flag: Flag, shown_version: int, **values: str
) -> Flag | None:
    """A flag changed on its admin page: category, severity, status and note.

    The same versioned change as the review's (the unit's version moves and one audit
    event, `flag.admin_change`, holds the rows before and after), so that an editor's
    form or undo made against the unit as it was is refused instead of overwriting the
    admin's change, and an admin form shown before an editor's change is refused too.
    Returns None when nothing differs (nothing is written).
    """
    unknown = set(values) - set(ADMIN_EDITABLE)
    if unknown:
        raise ReviewError(f"{', '.join(sorted(unknown))}: not editable in the admin")
    if "status" in values and values["status"] not in Status.values:
        raise ReviewError(f"status: “{values['status']}” is not one of {', '.join(Status.values)}")
    _validate(values.get("category", flag.category), values.get("severity", flag.severity))
    changes = {name: value for name, value in values.items() if getattr(flag, name) != value}
    if not changes:
        return None
    if changes.get("status") == Status.CONFIRMED:
        changes["author"] = flag.author or user
    return _change(
        "flag.admin_change",
        user=user,
        unit=unit,
        flag=flag,
        shown_version=shown_version,
        **changes,
    )
