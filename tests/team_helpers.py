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
