"""Fixtures of the double review tests: staff, two editors and a third, a comparison of
five units (two suggestions), and a double review asked of the two editors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from articles.agreement import blind
from articles.agreement.models import DoubleReview
from articles.models import Comparison
from articles.roles import EDITORS, VIEWERS
from tests.builders import build_comparison
from tests.conftest import _user
from tests.views.conftest import FLAGS, UNITS

ROLES = ("signed_out", "no_role", "viewer", "third_editor", "first", "second", "staff")


@pytest.fixture
def staff(db) -> User:
    return _user("sam", EDITORS, is_staff=True)


@pytest.fixture
def first(db) -> User:
    return _user("edna", EDITORS)


@pytest.fixture
def second(db) -> User:
    return _user("otto", EDITORS)


@pytest.fixture
def third_editor(db) -> User:
    return _user("tess", EDITORS)


@pytest.fixture
def comparison(db) -> Comparison:
    comparison = build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)
    comparison.retranslation.outlet = "Wire"
    comparison.retranslation.save(update_fields=["outlet"])
    return comparison


@pytest.fixture
def double_review(staff, first, second, comparison) -> DoubleReview:
    return blind.request_double_review(
        user=staff, comparison=comparison, first=first, second=second
    )


@pytest.fixture
def accounts(db, staff, first, second, third_editor) -> dict:
    return {
        "signed_out": None,
        "no_role": _user("nora"),
        "viewer": _user("vera", VIEWERS),
        "third_editor": third_editor,
        "first": first,
        "second": second,
        "staff": staff,
    }


def client_as(client, accounts: dict, role: str):
    if accounts[role] is not None:
        client.force_login(accounts[role])
    return client


def side(double_review: DoubleReview, user):
    return double_review.reviews.get(reviewer=user)


def review_everything(
    double_review: DoubleReview,
    user,
    *,
    accept: set[int] = frozenset(),
    own: dict[int, str] | None = None,
) -> None:
    """One editor's whole blind review: suggestions on units in `accept` accepted (the
    others dismissed), own flags {position: category}, every unit marked, handed in."""
    review = side(double_review, user)
    for unit in double_review.comparison.units.order_by("position"):
        for flag in unit.flags.all():
            decision = "accept" if unit.position in accept else "dismiss"
            blind.decide(review=review, unit=unit, flag=flag, decision=decision)
        if own and unit.position in own:
            blind.add_flag(review=review, unit=unit, category=own[unit.position], severity="major")
        blind.mark_unit(review=review, unit=unit, reviewed=True)
    blind.hand_in(review=review)
