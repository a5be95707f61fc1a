"""Reading double reviews out of the database in a fixed number of queries, whatever
the number of units, suggestions or double reviews: one query per table, grouped in
Python. The blind view, the adjudication view and the agreement page read from here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from articles.analysis.worddiff import WordDiff, diff_words
from articles.models import AlignmentUnit, Flag

from .items import Sheet, Suggestion
from .models import BlindDecision, BlindFlag, BlindReview, BlindUnit, DoubleReview


@dataclass
class PairData:
    """One double review as plain data: its units in order, suggestions and the two
    editors' sheets (A is the first editor chosen)."""

    double_review: DoubleReview
    units: list[int] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    sheets: dict[int, Sheet] = field(default_factory=dict)  # by BlindReview id

    def sides(self) -> tuple[BlindReview, BlindReview]:
        first, second = list(self.double_review.reviews.all())[:2]
        return first, second


def load_pairs(double_reviews: Sequence[DoubleReview]) -> list[PairData]:
    """The plain data of these double reviews (their `reviews` prefetched): 4 queries."""
    data = {dr.pk: PairData(dr) for dr in double_reviews}
    by_comparison = {dr.comparison_id: data[dr.pk] for dr in double_reviews}
    review_to_pair: dict[int, PairData] = {}
    for dr in double_reviews:
        for review in dr.reviews.all():
            data[dr.pk].sheets[review.pk] = Sheet()
            review_to_pair[review.pk] = data[dr.pk]
    if not data:
        return []
    units = AlignmentUnit.objects.filter(comparison_id__in=by_comparison).order_by(
        "comparison_id", "position"
    )
    for comparison_id, unit_id in units.values_list("comparison_id", "id"):
        by_comparison[comparison_id].units.append(unit_id)
    suggestions = Flag.objects.filter(
        unit__comparison_id__in=by_comparison, origin=Flag.Origin.AUTO
    ).order_by("id")
    for pk, unit_id, comparison_id, category in suggestions.values_list(
        "id", "unit_id", "unit__comparison_id", "category"
    ):
        by_comparison[comparison_id].suggestions.append(Suggestion(pk, unit_id, category))
    decisions = BlindDecision.objects.filter(review_id__in=review_to_pair)
    for review_id, flag_id, decision in decisions.values_list("review_id", "flag_id", "decision"):
        review_to_pair[review_id].sheets[review_id].decisions[flag_id] = decision
    own = BlindFlag.objects.filter(review_id__in=review_to_pair)
    for review_id, unit_id, category in own.values_list("review_id", "unit_id", "category"):
        review_to_pair[review_id].sheets[review_id].own.setdefault(unit_id, set()).add(category)
    return list(data.values())


@dataclass
class BlindRow:
    """A unit as one editor sees it in their blind review."""

    unit: AlignmentUnit
    diff: WordDiff
    suggestions: list[tuple[Flag, str]]  # each suggestion and the editor's decision ("")
    own: list[BlindFlag]
    marked: bool

    @property
    def undecided(self) -> int:
        return sum(1 for _, decision in self.suggestions if not decision)


def blind_rows(review: BlindReview, only_unit: int | None = None) -> list[BlindRow]:
    """Every unit of the comparison (or one) with this editor's decisions: 5 queries.

    The shared flags' status is never read: an editor's blind review shows only the
    analysis's suggestions and their own decisions, not what anyone decided elsewhere.
    """
    units = review.double_review.comparison.units.order_by("position")
    if only_unit is not None:
        units = units.filter(pk=only_unit)
    units = list(units)
    ids = [u.pk for u in units]
    suggestions: dict[int, list[Flag]] = defaultdict(list)
    for flag in Flag.objects.filter(unit_id__in=ids, origin=Flag.Origin.AUTO).order_by("id"):
        suggestions[flag.unit_id].append(flag)
    decisions = dict(
        BlindDecision.objects.filter(review=review, flag__unit_id__in=ids).values_list(
            "flag_id", "decision"
        )
    )
    own: dict[int, list[BlindFlag]] = defaultdict(list)
    for flag in BlindFlag.objects.filter(review=review, unit_id__in=ids):
        own[flag.unit_id].append(flag)
    marked = set(
        BlindUnit.objects.filter(review=review, unit_id__in=ids).values_list("unit_id", flat=True)
    )
    rows = []
    for unit in units:
        flags = suggestions[unit.pk]
        rows.append(
            BlindRow(
                unit=unit,
                diff=diff_words(
                    unit.source_text,
                    unit.target_text,
                    source_spans=[(f"flag-{f.pk}", f.source_span) for f in flags],
                    target_spans=[(f"flag-{f.pk}", f.target_span) for f in flags],
                ),
                suggestions=[(f, decisions.get(f.pk, "")) for f in flags],
                own=own[unit.pk],
                marked=unit.pk in marked,
            )
        )
    return rows


def marked_count(review: BlindReview) -> int:
    return BlindUnit.objects.filter(review=review).count()
