"""Accounts of every role for the team tests (assignments, the approval stage)."""

from __future__ import annotations

from django.contrib.auth.models import Group, User

from articles.models import Comparison, Flag
from articles.roles import APPROVERS, EDITORS, VIEWERS


def make_user(username: str, *groups: str, is_staff: bool = False, **extra) -> User:
    user = User.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=is_staff, **extra
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def role_users() -> dict[str, User]:
    """One account of each kind, signed-out aside: no role, viewer, editor, approver,
    staff (staff editor)."""
    return {
        "no role": make_user("nora"),
        "viewer": make_user("vic", VIEWERS),
        "editor": make_user("eddie", EDITORS),
        "approver": make_user("april", APPROVERS),
        "staff": make_user("stella", EDITORS, is_staff=True),
    }


def decide_everything(comparison: Comparison) -> None:
    comparison.units.update(review_state="ok")
    Flag.objects.filter(unit__comparison=comparison).update(status="dismissed")


# A team's queue for the download tests: (title, status, assignee's role or None, due in
# days from today or None). Every assignee, stage and due value picks some and leaves some.
QUEUE_OF_WORK = [
    ("Mine late", "new", "editor", -2),
    ("Mine this week", "in_review", "editor", 6),
    ("Mine next month", "new", "editor", 30),
    ("Mine awaiting approval", "in_approval", "editor", -1),
    ("Mine done late", "done", "editor", -5),
    ("Staff awaiting approval", "in_approval", "staff", None),
    ("Staff tomorrow", "in_review", "staff", 1),
    ("Nobody's new", "new", None, None),
    ("Nobody's in review", "in_review", None, None),
    ("Nobody's done", "done", None, None),
]


def queue_of_work(people: dict[str, User]) -> dict[str, Comparison]:
    """The comparisons of QUEUE_OF_WORK, by title, assigned to `people` (role_users())."""
    import datetime as dt

    from django.utils import timezone

    from articles.assignments.models import Assignment
    from tests.builders import build_comparison

    today = timezone.localdate()
    made = {}
    for title, status, role, due_in in QUEUE_OF_WORK:
        comparison = build_comparison([(f"{title} one.", f"{title} uno.")], title=title)
        Comparison.objects.filter(pk=comparison.pk).update(status=status)
        if role:
            Assignment.objects.create(
                comparison=comparison,
                assignee=people[role],
                due_date=None if due_in is None else today + dt.timedelta(days=due_in),
            )
        made[title] = comparison
    return made
