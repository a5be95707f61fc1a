"""The drift score: MQM-style penalty points per 100 source words.

Every confirmed flag costs points by severity (minor 1, major 5, critical 25); the sum
is divided by the source article's word count and multiplied by 100, so that a long
article is not penalised for its length. Suggested and dismissed flags cost nothing.
See docs/drift-score.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from articles.analysis.categories import SEVERITY_POINTS
from articles.models import Comparison, Flag


def drift_score(points: int, source_words: int) -> float:
    """Penalty points per 100 source words, rounded to two decimals."""
    if source_words <= 0:
        return 0.0
    return round(points * 100 / source_words, 2)


def _points_expression():
    return Coalesce(
        Sum(
            Case(
                *[
                    When(
                        units__flags__status=Flag.Status.CONFIRMED,
                        units__flags__severity=severity,
                        then=Value(points),
                    )
                    for severity, points in SEVERITY_POINTS.items()
                ],
                default=Value(0),
                output_field=IntegerField(),
            )
        ),
        Value(0),
    )


def with_penalty_points(comparisons: QuerySet[Comparison]) -> QuerySet[Comparison]:
    """Annotate `penalty_points` (the confirmed flags' points) in the same query."""
    return comparisons.annotate(penalty_points=_points_expression())


def penalty_points(flags: Iterable[Flag]) -> int:
    """The points of the confirmed flags among `flags` (already fetched)."""
    return sum(SEVERITY_POINTS[f.severity] for f in flags if f.status == Flag.Status.CONFIRMED)


def comparison_score(comparison: Comparison) -> float:
    """The drift score of one comparison (one query)."""
    points = Flag.objects.filter(
        unit__comparison=comparison, status=Flag.Status.CONFIRMED
    ).values_list("severity", flat=True)
    total = sum(SEVERITY_POINTS[s] for s in points)
    return drift_score(total, comparison.source.word_count)
