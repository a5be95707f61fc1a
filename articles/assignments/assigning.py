"""Assigning comparisons to editors: set (assign or reassign), clear, pick up.

Every change is one audit event per comparison (`assignment.set`,
`assignment.cleared`) holding the assignment before and after, so the comparison's
trail says who gave whom what and when. Staff assign (`articles.roles.can_assign`); an
editor may pick up a comparison nobody holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from articles.models import Comparison
from articles.review.audit import record
from articles.review.errors import Conflict, ReviewError
from articles.roles import can_review

from .models import Assignment, Priority

SET_ACTION = "assignment.set"
CLEARED_ACTION = "assignment.cleared"

# Comparisons one assignment may name: the page lists each of them, and the admin's
# action hands over at most this many from a selection.
MAX_AT_ONCE = 500


def assignment_row(assignment: Assignment | None) -> dict[str, Any] | None:
    if assignment is None:
        return None
    return {
        "assignee_id": assignment.assignee_id,
        "priority": Priority(assignment.priority).name.lower(),
        "due_date": assignment.due_date.isoformat() if assignment.due_date else None,
        "assigned_by_id": assignment.assigned_by_id,
    }


def _current(comparisons: Sequence[Comparison]) -> dict[int, Assignment]:
    rows = Assignment.objects.select_for_update().filter(comparison__in=comparisons)
    return {a.comparison_id: a for a in rows}


@transaction.atomic
def assign(
    *,
    by,
    comparisons: Sequence[Comparison],
    assignee,
    priority: int = Priority.NORMAL,
    due_date: date | None = None,
) -> int:
    """Assign (or reassign) every comparison to `assignee`; returns how many changed
    (one already assigned so is left alone and not audited again)."""
    if not (assignee.is_active and can_review(assignee)):
        raise ReviewError(f"Assignee: {assignee.get_username()} is not an active editor.")
    current = _current(comparisons)
    now = timezone.now()
    changed = 0
    for comparison in comparisons:
        existing = current.get(comparison.pk)
        before = assignment_row(existing)
        if existing and (existing.assignee_id, existing.priority, existing.due_date) == (
            assignee.pk,
            priority,
            due_date,
        ):
            continue
        assignment = existing or Assignment(comparison=comparison)
        assignment.assignee, assignment.priority, assignment.due_date = assignee, priority, due_date
        assignment.assigned_by, assignment.assigned_at = by, now
        assignment.save()
        record(
            comparison,
            by,
            SET_ACTION,
            before={"assignment": before},
            after={"assignment": assignment_row(assignment)},
        )
        changed += 1
    return changed


@transaction.atomic
def unassign(*, by, comparisons: Sequence[Comparison]) -> int:
    """Clear the assignments of these comparisons; returns how many there were."""
    current = _current(comparisons)
    for comparison in comparisons:
        if existing := current.get(comparison.pk):
            before = assignment_row(existing)
            existing.delete()
            record(
                comparison,
                by,
                CLEARED_ACTION,
                before={"assignment": before},
                after={"assignment": None},
            )
    return len(current)


@transaction.atomic
def pick_up(*, user, comparison: Comparison) -> Assignment:
    """An editor takes an unassigned comparison that is not finished (normal priority,
    no due date). Refused (Conflict) when someone holds it by now."""
    if comparison.status in (Comparison.Status.DONE, Comparison.Status.IN_APPROVAL):
        raise ReviewError(
            f"Comparison {comparison.pk} is past review: there is nothing to pick up."
        )
    existing = _current([comparison]).get(comparison.pk)
    if existing is not None:
        who = "you" if existing.assignee_id == user.pk else existing.assignee.get_username()
        raise Conflict(f"Comparison {comparison.pk} is assigned to {who} already.")
    assignment = Assignment.objects.create(
        comparison=comparison, assignee=user, assigned_by=user, priority=Priority.NORMAL
    )
    record(
        comparison,
        user,
        SET_ACTION,
        before={"assignment": None},
        after={"assignment": assignment_row(assignment), "picked_up": True},
    )
    return assignment
