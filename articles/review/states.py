"""What "reviewed" and "decided" mean, defined once for every page, report and rule.

* A suggestion is *decided* once an editor accepted it (confirmed) or dismissed it; a
  suggestion still `suggested` is *open*.
* A unit is *reviewed* when an editor marked it (OK or flagged) and every suggestion on
  it is decided: accepting one of two suggestions leaves the unit open.
* A comparison may be marked done only when every unit is reviewed (staff may close it
  anyway, with a written reason).

The progress bars, the strip, the dashboard's counts, the reports and `mark_done` all
ask these functions, so that none of them can disagree about what is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from articles.models import AlignmentUnit, Comparison, Flag

UNREVIEWED = AlignmentUnit.ReviewState.UNREVIEWED
OPEN_STATUS = Flag.Status.SUGGESTED


def is_open(flag_status: str) -> bool:
    """A suggestion nobody has accepted or dismissed yet."""
    return flag_status == OPEN_STATUS


def unit_is_reviewed(review_state: str, open_suggestions: int) -> bool:
    """Marked by an editor, with every suggestion on it decided."""
    return review_state != UNREVIEWED and open_suggestions == 0


@dataclass(frozen=True, slots=True)
class OpenUnit:
    """A unit that keeps its comparison from being done, and why."""

    pk: int
    position: int
    unmarked: bool  # nobody marked it OK or flagged yet
    open_suggestions: int

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def reason(self) -> str:
        parts = []
        if n := self.open_suggestions:
            parts.append(f"{n} open suggestion{'s' * (n != 1)}")
        if self.unmarked:
            parts.append("not marked OK or flagged")
        return ", ".join(parts)


def open_units(comparison: Comparison) -> list[OpenUnit]:
    """The units not reviewed yet, in order (one query)."""
    rows = (
        comparison.units.order_by("position")
        .annotate(open_count=Count("flags", filter=Q(flags__status=OPEN_STATUS)))
        .filter(Q(review_state=UNREVIEWED) | Q(open_count__gt=0))
        .values_list("id", "position", "review_state", "open_count")
    )
    return [OpenUnit(pk, pos, state == UNREVIEWED, n) for pk, pos, state, n in rows]


def describe_open(units: list[OpenUnit]) -> str:
    """One line saying what is left: "3 units are not reviewed (7 open suggestions)"."""
    suggestions = sum(u.open_suggestions for u in units)
    line = f"{len(units)} unit{'s are' if len(units) != 1 else ' is'} not reviewed yet"
    if suggestions:
        line += f" ({suggestions} open suggestion{'s' * (suggestions != 1)})"
    return line
