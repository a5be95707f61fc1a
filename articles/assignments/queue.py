"""What the dashboard lists first and how it filters by assignment, stage and due date.

"My queue": the editor's assigned comparisons not done yet, by priority (urgent first)
then due date (soonest first, none last); then the comparisons nobody holds that are
still in review, which they may pick up. Each list is ids in order; the dashboard
fetches their figures as it does for its own rows, in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, QuerySet
from django.utils import timezone

from articles.models import Comparison

Status = Comparison.Status
PICK_UP_LIMIT = 10
QUEUE_LIMIT = 50

# ?stage=…: the stage of the work, as against the finer status.
STAGES = {
    "review": (Status.NEW, Status.IN_REVIEW),
    "approval": (Status.IN_APPROVAL,),
    "done": (Status.DONE,),
}
# ?due=…
DUE_CHOICES = {
    "overdue": "Overdue",
    "week": "Due in the next 7 days",
}
UNFINISHED = (Status.NEW, Status.IN_REVIEW)


def today() -> date:
    return timezone.localdate()


def my_queue(user, limit: int = QUEUE_LIMIT) -> list[int]:
    rows = (
        Comparison.objects.filter(assignment__assignee=user)
        .exclude(status=Status.DONE)
        .order_by(
            F("assignment__priority").desc(),
            F("assignment__due_date").asc(nulls_last=True),
            "created_at",
            "id",
        )
        .values_list("pk", flat=True)
    )
    return list(rows[:limit])


def to_pick_up(limit: int = PICK_UP_LIMIT) -> list[int]:
    rows = (
        Comparison.objects.filter(assignment__isnull=True, status__in=UNFINISHED)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
    return list(rows[:limit])


@dataclass(frozen=True, slots=True)
class QueueFilter:
    assignee: str = ""  # a user name, "me" or "none"
    stage: str = ""
    due: str = ""


def apply(queryset: QuerySet[Comparison], filters: QueueFilter, user) -> QuerySet[Comparison]:
    if filters.assignee == "none":
        queryset = queryset.filter(assignment__isnull=True)
    elif filters.assignee == "me":
        queryset = queryset.filter(assignment__assignee=user)
    elif filters.assignee:
        queryset = queryset.filter(assignment__assignee__username=filters.assignee)
    if filters.stage:
        queryset = queryset.filter(status__in=STAGES[filters.stage])
    if filters.due:
        queryset = queryset.exclude(status=Status.DONE)
        if filters.due == "overdue":
            queryset = queryset.filter(assignment__due_date__lt=today())
        else:
            queryset = queryset.filter(
                assignment__due_date__gte=today(),
                assignment__due_date__lt=today() + timedelta(days=7),
            )
    return queryset


def attach_assignments(comparisons) -> None:
    """Give each row its assignment (`row.queue_assignment`, None when unassigned) and
    whether it is overdue (`row.overdue`). No query: the dashboard's rows come with
    their assignment and assignee (`reading.dashboard_rows`)."""
    from .models import Assignment

    day = today()
    for comparison in comparisons:
        try:
            assignment = comparison.assignment
        except Assignment.DoesNotExist:
            assignment = None
        comparison.queue_assignment = assignment
        comparison.overdue = bool(
            assignment
            and assignment.due_date
            and assignment.due_date < day
            and comparison.status != Status.DONE
        )
