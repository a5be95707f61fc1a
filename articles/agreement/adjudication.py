"""Adjudication: the two blind reviews side by side, and the adjudicator's decision
applied to the real flags and units.

What becomes final, unit by unit:
* a suggestion both editors decided alike keeps that decision; where they differ,
  the adjudicator's choice;
* an editor's own flag (a unit and a category) both added is kept, with the more
  severe of their two severities and both notes; one only one of them added is kept
  or dropped as the adjudicator chooses;
* the unit is then marked flagged when a confirmed flag is on it, else OK.

It is applied through the review's versioned operations (articles.review.flags and
units), so every change is an ordinary audit event by the adjudicator and a unit
changed by someone else meanwhile refuses the whole adjudication (Conflict). One more
event, "double_review.adjudicate", keeps both editors' decisions and the final one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from articles.analysis.categories import category_label, severity_rank
from articles.models import AlignmentUnit, Flag
from articles.review import flags as review_flags
from articles.review import units as review_units
from articles.review.errors import ReviewError

from .blind import _audit
from .items import ACCEPT, DISMISS
from .models import BlindFlag, DoubleReview
from .sheets import load_pairs

KEEP, DROP = "keep", "drop"


@dataclass
class SuggestionCall:
    flag: Flag
    a: str
    b: str

    @property
    def field(self) -> str:
        return f"s-{self.flag.pk}"

    @property
    def agreed(self) -> bool:
        return self.a == self.b


@dataclass
class OwnFlagCall:
    unit_id: int
    category: str
    a: BlindFlag | None
    b: BlindFlag | None

    @property
    def field(self) -> str:
        return f"f-{self.unit_id}-{self.category}"

    @property
    def agreed(self) -> bool:
        return self.a is not None and self.b is not None

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    @property
    def severity(self) -> str:
        present = [f.severity for f in (self.a, self.b) if f is not None]
        return max(present, key=severity_rank)

    @property
    def note(self) -> str:
        return " / ".join(f.note for f in (self.a, self.b) if f is not None and f.note)


@dataclass
class UnitCalls:
    unit: AlignmentUnit
    suggestions: list[SuggestionCall] = field(default_factory=list)
    own: list[OwnFlagCall] = field(default_factory=list)

    @property
    def disagreements(self) -> list:
        return [c for c in (*self.suggestions, *self.own) if not c.agreed]


def calls_of(double_review: DoubleReview) -> list[UnitCalls]:
    """Every unit with both editors' calls on it (a fixed number of queries)."""
    (pair,) = load_pairs([double_review])
    first, second = pair.sides()
    units = {u.pk: UnitCalls(u) for u in double_review.comparison.units.order_by("position")}
    flags = Flag.objects.filter(pk__in=[s.pk for s in pair.suggestions]).order_by("id")
    sheet_a, sheet_b = pair.sheets[first.pk], pair.sheets[second.pk]
    for flag in flags:
        a, b = sheet_a.decisions.get(flag.pk, ""), sheet_b.decisions.get(flag.pk, "")
        units[flag.unit_id].suggestions.append(SuggestionCall(flag, a, b))
    own: dict[tuple[int, str], dict[int, BlindFlag]] = {}
    for blind in BlindFlag.objects.filter(review__double_review=double_review).order_by("id"):
        own.setdefault((blind.unit_id, blind.category), {})[blind.review_id] = blind
    for (unit_id, category), by_review in sorted(own.items()):
        if unit_id in units:
            units[unit_id].own.append(
                OwnFlagCall(unit_id, category, by_review.get(first.pk), by_review.get(second.pk))
            )
    return list(units.values())


def parse_choices(calls: list[UnitCalls], data) -> dict[str, str]:
    """The adjudicator's choice for every disagreement (ReviewError naming the first
    one missing or not a choice offered)."""
    choices = {}
    for unit in calls:
        for call in unit.disagreements:
            allowed = (ACCEPT, DISMISS) if isinstance(call, SuggestionCall) else (KEEP, DROP)
            value = data.get(call.field, "")
            if value not in allowed:
                raise ReviewError(
                    f"Unit {unit.unit.number}: choose {' or '.join(allowed)} for every "
                    f"disagreement ({call.field})."
                )
            choices[call.field] = value
    return choices


@transaction.atomic
def adjudicate(*, user, double_review: DoubleReview, data) -> int:
    """Apply the final decisions; returns the number of disagreements settled."""
    double_review = DoubleReview.objects.select_for_update().get(pk=double_review.pk)
    if double_review.state != DoubleReview.State.READY:
        raise ReviewError("This double review is not waiting for adjudication.")
    calls = calls_of(double_review)
    choices = parse_choices(calls, data)
    record: dict = {"suggestions": {}, "flags": []}
    for unit_calls in calls:
        unit = AlignmentUnit.objects.get(pk=unit_calls.unit.pk)
        unit.comparison = double_review.comparison
        for call in unit_calls.suggestions:
            final = call.a if call.agreed else choices[call.field]
            record["suggestions"][str(call.flag.pk)] = {"a": call.a, "b": call.b, "final": final}
            _apply_suggestion(user, unit, call.flag, final)
        for call in unit_calls.own:
            final = KEEP if call.agreed else choices[call.field]
            record["flags"].append(
                {
                    "unit": call.unit_id,
                    "category": call.category,
                    "a": call.a.severity if call.a else None,
                    "b": call.b.severity if call.b else None,
                    "final": final,
                }
            )
            if final == KEEP:
                review_flags.add_flag(
                    user=user,
                    unit=unit,
                    shown_version=unit.version,
                    category=call.category,
                    severity=call.severity,
                    note=call.note,
                )
        flagged = unit.flags.filter(status=Flag.Status.CONFIRMED).exists()
        state = AlignmentUnit.ReviewState.FLAGGED if flagged else AlignmentUnit.ReviewState.OK
        if unit.review_state != state:
            review_units.mark_unit(user=user, unit=unit, shown_version=unit.version, state=state)
    settled = len(choices)
    double_review.state = DoubleReview.State.ADJUDICATED
    double_review.adjudicated_by = user
    double_review.adjudicated_at = timezone.now()
    double_review.save(update_fields=["state", "adjudicated_by", "adjudicated_at"])
    _audit(double_review, user, "adjudicate", {**record, "settled": settled})
    return settled


def _apply_suggestion(user, unit: AlignmentUnit, flag: Flag, final: str) -> None:
    flag.refresh_from_db()
    if final == ACCEPT and flag.status != Flag.Status.CONFIRMED:
        review_flags.accept_flag(user=user, unit=unit, flag=flag, shown_version=unit.version)
    elif final == DISMISS and flag.status != Flag.Status.DISMISSED:
        review_flags.dismiss_flag(user=user, unit=unit, flag=flag, shown_version=unit.version)
