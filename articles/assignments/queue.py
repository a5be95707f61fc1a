"""What the dashboard lists first and how it filters by assignment, stage and due date.

"My queue": the editor's assigned comparisons not done yet, by priority (urgent first)
then due date (soonest first, none last); then the comparisons nobody holds that are
still in review, which they may pick up. Each list is ids in order; the dashboard
fetches their figures as it does for its own rows, in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
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


class QueueFilterError(ValueError):
    """A queue filter value not offered: `parameter` names it, `problem` says why."""

    def __init__(self, parameter: str, problem: str) -> None:
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"{parameter}: {problem}")


def queue_filter(assignee: str = "", stage: str = "", due: str = "") -> QueueFilter:
    """The filter of these raw values, each checked: the one rule read by the dashboard's
    form and by the reports' selection, so both take and refuse the same values."""
    assignee, stage, due = (value.strip() for value in (assignee or "", stage or "", due or ""))
    if assignee not in ("", "me", "none") and not _is_user_name(assignee):
        raise QueueFilterError(
            "assignee", f"“{assignee[:40]}” is not a user name (nor me or none)."
        )
    if stage and stage not in STAGES:
        raise QueueFilterError(
            "stage", f"“{stage[:40]}” is not a stage (one of {', '.join(STAGES)})."
        )
    if due and due not in DUE_CHOICES:
        raise QueueFilterError(
            "due", f"“{due[:40]}” is not a due date filter (one of {', '.join(DUE_CHOICES)})."
        )
    return QueueFilter(assignee=assignee, stage=stage, due=due)


def _is_user_name(name: str) -> bool:
    # 150: the longest user name Django's accounts hold; a longer one needs no query.
    return len(name) <= 150 and get_user_model().objects.filter(username=name).exists()


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


def is_overdue(due_date: date | None, status: str, day: date | None = None) -> bool:
    """Past its due date and not done: what `apply`'s "overdue" filter selects."""
    return bool(due_date and due_date < (day or today()) and status != Status.DONE)
