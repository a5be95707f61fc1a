"""The dashboard's list: which comparisons, in what order, and the figures of the rows
shown, in a fixed number of queries whatever the size of the archive.

The order is cheap to count and to page (`dashboard_order`); the figures are read for
the one page shown (`dashboard_rows`): reviewed units, open suggestions, confirmed flags
by category, drift score and the titles to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from articles.analysis.categories import CATEGORY_CODES, SEVERITY_POINTS, category_label
from articles.assignments.models import Priority
from articles.assignments.queue import is_overdue, today
from articles.models import AlignmentUnit, Article, Comparison, Flag, lead_subquery, title_or_lead
from articles.scoring import drift_score
from articles.search import search_comparisons
from newsdrift.prepared_queries import prepared_for_id_lists
from newsdrift.url_reversal import reverse_ids

from . import states


def dashboard_order(status: str = "", search: str = "") -> QuerySet[Comparison]:
    """The comparisons the dashboard lists, filtered and in order, without their figures.

    Cheap to count and to page: the counts and points are computed afterwards for the
    one page shown (`dashboard_rows`), not for every comparison in the archive.
    """
    queryset = Comparison.objects.all()
    if status in Comparison.Status.values:
        queryset = queryset.filter(status=status)
    queryset = search_comparisons(queryset, search)
    # Never-touched comparisons last on both databases (PostgreSQL puts NULL first in a
    # descending order, SQLite last).
    return queryset.order_by(F("last_activity_at").desc(nulls_last=True), "-created_at", "-id")


def _count(queryset: QuerySet) -> Coalesce:
    """The number of rows of a correlated subquery on units (0 when there are none)."""
    counted = queryset.order_by().values("comparison").annotate(n=Count("id")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass(frozen=True, slots=True)
class RowAssignment:
    assignee: str  # the editor's user name
    priority: int
    due_date: date | None

    @property
    def priority_label(self) -> str:
        return Priority(self.priority).label


@dataclass(slots=True)
class DashboardRow:
    """What one row of the dashboard (or of an editor's queue above it) shows."""

    pk: int
    status: str
    status_label: str
    url: str
    source_title: str
    source_outlet: str
    retranslation_title: str
    retranslation_outlet: str
    unit_total: int
    unit_reviewed: int  # reviewed as `states.unit_is_reviewed` says
    last_editor: str  # a user name, or "" before anyone worked on it
    last_activity_at: datetime | None
    assignment: RowAssignment | None
    open_suggestions: int = 0
    penalty_points: int = 0
    drift: float = 0.0
    # (code, label, count) of the confirmed flags, in the categories' order.
    flag_categories: list[tuple[str, str, int]] = field(default_factory=list)
    overdue: bool = False  # as articles.assignments.queue.is_overdue says


_FIELDS = (
    "pk",
    "status",
    "source__title",
    "source__outlet",
    "source__word_count",
    "retranslation__title",
    "retranslation__outlet",
    "source_id",
    "retranslation_id",
    "last_editor__username",
    "last_activity_at",
    "assignment__assignee__username",
    "assignment__priority",
    "assignment__due_date",
)


# The rows' two queries have their SQL built once for each length of page
# (newsdrift.prepared_queries; issue 18).
@prepared_for_id_lists
def _rows_of(ids: list[int]):
    units = AlignmentUnit.objects.filter(comparison=OuterRef("pk"))
    reviewed = units.exclude(review_state=AlignmentUnit.ReviewState.UNREVIEWED).exclude(
        flags__status=states.OPEN_STATUS
    )
    return (
        Comparison.objects.filter(pk__in=ids)
        .annotate(unit_total=_count(units), unit_reviewed=_count(reviewed))
        .values_list(*_FIELDS, "unit_total", "unit_reviewed", named=True)
    )


@prepared_for_id_lists
def _flag_counts_of(ids: list[int]):
    return (
        Flag.objects.filter(
            unit__comparison__in=ids,
            status__in=(Flag.Status.SUGGESTED, Flag.Status.CONFIRMED),
        )
        .values_list("unit__comparison", "status", "category", "severity")
        .annotate(n=Count("id"))
        .order_by()
    )


def dashboard_rows(ids: Sequence[int]) -> list[DashboardRow]:
    """The rows of the comparisons `ids`, in that order (ids that are gone left out).

    Two queries, and a third when an article shown has no title. Plain rows rather
    than model instances, and the flags' figures from one grouped query rather than
    subqueries: building six subqueries' SQL and 150 model instances (a comparison,
    its articles, last editor and assignment) cost 7 ms of CPU a page (issue 18).
    """
    ids = list(ids)
    if not ids:
        return []
    by_pk = {row.pk: row for row in _rows_of(ids)}
    found = [by_pk[pk] for pk in ids if pk in by_pk]
    untitled = {r.source_id for r in found if not r.source__title} | {
        r.retranslation_id for r in found if not r.retranslation__title
    }
    leads = _leads(untitled) if untitled else {}
    figures = _flag_figures([r.pk for r in found])
    day = today()
    rows = []
    for r in found:
        suggested, points, categories = figures.get(r.pk, (0, 0, {}))
        assignment = None
        if r.assignment__assignee__username is not None:
            assignment = RowAssignment(
                assignee=r.assignment__assignee__username,
                priority=r.assignment__priority,
                due_date=r.assignment__due_date,
            )
        rows.append(
            DashboardRow(
                pk=r.pk,
                status=r.status,
                status_label=Comparison.Status(r.status).label,
                url=reverse_ids("articles:comparison", [r.pk]),
                source_title=title_or_lead(r.source__title, leads.get(r.source_id)),
                source_outlet=r.source__outlet,
                retranslation_title=title_or_lead(
                    r.retranslation__title, leads.get(r.retranslation_id)
                ),
                retranslation_outlet=r.retranslation__outlet,
                unit_total=r.unit_total,
                unit_reviewed=r.unit_reviewed,
                last_editor=r.last_editor__username or "",
                last_activity_at=r.last_activity_at,
                assignment=assignment,
                open_suggestions=suggested,
                penalty_points=points,
                drift=drift_score(points, r.source__word_count),
                flag_categories=[
                    (code, category_label(code), categories[code])
                    for code in CATEGORY_CODES
                    if code in categories
                ],
                overdue=is_overdue(r.assignment__due_date, r.status, day),
            )
        )
    return rows


def _flag_figures(ids: list[int]) -> dict[int, tuple[int, int, dict[str, int]]]:
    """Open suggestions, penalty points and confirmed flags by category, by comparison."""
    figures: dict[int, tuple[int, int, dict[str, int]]] = {}
    for comparison_id, status, category, severity, n in _flag_counts_of(ids):
        suggested, points, categories = figures.get(comparison_id, (0, 0, {}))
        if status == Flag.Status.SUGGESTED:
            suggested += n
        else:
            points += SEVERITY_POINTS.get(severity, 0) * n
            categories[category] = categories.get(category, 0) + n
        figures[comparison_id] = (suggested, points, categories)
    return figures


def _leads(articles: set[int]) -> dict[int, str | None]:
    """The first body sentence of each of these (untitled) articles."""
    return dict(
        Article.objects.filter(pk__in=articles)
        .annotate(lead=lead_subquery("pk"))
        .values_list("pk", "lead")
    )
