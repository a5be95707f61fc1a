"""Deciding a shared drift in every copy at once: confirm or dismiss its open flags.

Each flag goes through the review's own operations (articles/review/flags.py), so each
change is checked against the unit version the editor was shown and audited in its own
comparison, as if decided there. All of them are one transaction: a unit changed
since the page was shown (Conflict) leaves every copy as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from articles.models import AlignmentUnit, Article, Flag
from articles.review.errors import ReviewError
from articles.review.flags import accept_flag, dismiss_flag
from articles.stories.queries import copy_rows, shared_drift
from articles.stories.shared import SharedGroup

CONFIRM, DISMISS = "confirm", "dismiss"
DECISIONS = {CONFIRM: accept_flag, DISMISS: dismiss_flag}


@dataclass(frozen=True, slots=True)
class SharedDecision:
    group: SharedGroup
    decision: str
    flags: int  # flags decided now
    comparisons: int  # copies they are in


def find_group(source: Article, key: str) -> SharedGroup:
    for group in shared_drift(copy_rows(source)):
        if group.key == key:
            return group
    raise ReviewError("drift: it is no longer shared by several copies of this story; reload")


@transaction.atomic
def decide_shared(
    *, user, source: Article, key: str, decision: str, versions: Mapping[int, int]
) -> SharedDecision:
    """Confirm or dismiss every open (suggested) flag of a shared drift; flags decided
    before, one way or the other, stay as they are."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision: “{decision}” is not confirm or dismiss")
    group = find_group(source, key)
    open_flags = group.open_flags
    if not open_flags:
        raise ReviewError("Every flag of this drift was decided already.")
    missing = sorted({f.unit_id for f in open_flags} - set(versions))
    if missing:
        raise ReviewError(f"versions: the form did not say which version of unit {missing[0]}")
    units = AlignmentUnit.objects.select_related("comparison").in_bulk(
        {f.unit_id for f in open_flags}
    )
    flags = Flag.objects.in_bulk([f.flag_id for f in open_flags])
    shown = dict(versions)
    operation = DECISIONS[decision]
    for row in open_flags:
        unit = units[row.unit_id]
        operation(user=user, unit=unit, flag=flags[row.flag_id], shown_version=shown[unit.pk])
        shown[unit.pk] = unit.version  # the next flag on this unit is decided after it
    comparisons = len({f.comparison_id for f in open_flags})
    return SharedDecision(group, decision, len(open_flags), comparisons)
