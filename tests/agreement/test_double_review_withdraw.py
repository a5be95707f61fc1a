"""Withdrawing a blind double review still under way (staff, from the overview): the two
blind reviews are discarded, the comparison's flags and units stay as they were, the
audit event keeps how far each editor got, and the comparison can be re-analysed and
asked again. One both have handed in, or adjudicated, is not withdrawn."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.agreement import blind
from articles.agreement.models import BlindDecision, BlindReview, DoubleReview
from articles.models import AuditEvent, Flag
from articles.reanalysis import reanalyse
from articles.review.errors import ReviewError

from .conftest import ROLES, client_as, review_everything, side
from .test_timeline_blindness import timeline_actions

EXPECTED = {
    "signed_out": 302,
    "no_role": 403,
    "viewer": 403,
    "third_editor": 403,
    "first": 403,
    "second": 403,
    "staff": 302,
}


def url(double_review) -> str:
    return reverse("articles:double_review_withdraw", args=[double_review.pk])


def _decide_first_suggestion(double_review, user, decision="accept") -> None:
    unit = double_review.comparison.units.filter(flags__isnull=False).order_by("position")[0]
    blind.decide(
        review=side(double_review, user), unit=unit, flag=unit.flags.first(), decision=decision
    )


def _flags_and_units(comparison) -> tuple:
    return (
        sorted(Flag.objects.filter(unit__comparison=comparison).values_list("pk", "status")),
        sorted(comparison.units.values_list("pk", "version", "review_state")),
    )


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_staff_withdraw(client, accounts, double_review, role):
    response = client_as(client, accounts, role).post(url(double_review))

    assert response.status_code == EXPECTED[role]
    assert DoubleReview.objects.filter(pk=double_review.pk).exists() == (role != "staff")


def test_it_answers_a_get_with_405_and_withdraws_nothing(client, accounts, double_review):
    response = client_as(client, accounts, "staff").get(url(double_review))

    assert response.status_code == 405
    assert DoubleReview.objects.filter(pk=double_review.pk).exists()


def test_it_refuses_a_post_without_the_csrf_token(accounts, double_review):
    client = Client(enforce_csrf_checks=True)
    client.force_login(accounts["staff"])

    assert client.post(url(double_review)).status_code == 403
    assert DoubleReview.objects.filter(pk=double_review.pk).exists()


def test_it_discards_both_blind_reviews_and_leaves_the_comparison_as_it_was(
    client, accounts, double_review, first, second
):
    comparison = double_review.comparison
    review_everything(double_review, first, accept={0}, own={1: "factual.name"})
    _decide_first_suggestion(double_review, second, "dismiss")
    before = _flags_and_units(comparison)

    response = client_as(client, accounts, "staff").post(url(double_review), follow=True)

    page = response.content.decode()
    assert "Blind double review of edna and otto withdrawn" in page
    assert not DoubleReview.objects.exists()
    assert not BlindReview.objects.exists() and not BlindDecision.objects.exists()
    assert _flags_and_units(comparison) == before
    # The overview offers to ask again.
    assert 'id="ask-double-review"' in page
    assert 'id="withdraw-double-review"' not in page


def test_it_records_how_far_each_editor_got(double_review, staff, first, second):
    review_everything(double_review, first, own={2: "factual.number"})
    _decide_first_suggestion(double_review, second)
    units = double_review.comparison.units.count()
    suggestions = Flag.objects.filter(unit__comparison=double_review.comparison).count()

    blind.withdraw_double_review(user=staff, double_review=double_review)

    event = AuditEvent.objects.get(action="double_review.withdraw")
    assert event.actor == staff
    recorded = event.after["double_review"]
    assert recorded["id"] == double_review.pk
    assert recorded["requested_by"] == "sam"
    assert recorded["editors"] == [
        {
            "editor": "edna",
            "handed_in": True,
            "decisions": suggestions,
            "flags": 1,
            "units_reviewed": units,
        },
        {"editor": "otto", "handed_in": False, "decisions": 1, "flags": 0, "units_reviewed": 0},
    ]


def test_it_lets_the_comparison_be_reanalysed_and_asked_again_once_withdrawn(
    double_review, staff, first, second, third_editor
):
    comparison = double_review.comparison
    _decide_first_suggestion(double_review, first)

    blind.withdraw_double_review(user=staff, double_review=double_review)

    reanalyse(comparison)  # refused while the double review was under way
    again = blind.request_double_review(
        user=staff, comparison=comparison, first=first, second=third_editor
    )
    assert again.state == DoubleReview.State.OPEN


@pytest.mark.parametrize(
    ("adjudicated", "message"),
    [
        (False, "Both editors have handed in: adjudicate this double review rather than"),
        (True, "This double review is adjudicated: its decisions are the comparison"),
    ],
    ids=["both handed in", "adjudicated"],
)
def test_it_refuses_one_both_have_handed_in_saying_why(
    client, accounts, double_review, first, second, adjudicated, message
):
    review_everything(double_review, first, accept={0})
    review_everything(double_review, second)
    if adjudicated:
        DoubleReview.objects.filter(pk=double_review.pk).update(
            state=DoubleReview.State.ADJUDICATED
        )

    response = client_as(client, accounts, "staff").post(url(double_review), follow=True)

    assert f"The double review was not withdrawn: {message}" in response.content.decode()
    assert DoubleReview.objects.filter(pk=double_review.pk).exists()
    assert not AuditEvent.objects.filter(action="double_review.withdraw").exists()


def test_it_refuses_to_withdraw_twice(double_review, staff):
    blind.withdraw_double_review(user=staff, double_review=double_review)

    with pytest.raises(ReviewError, match="withdrawn already"):
        blind.withdraw_double_review(user=staff, double_review=double_review)


def test_it_refuses_a_blind_step_sent_after_the_withdrawal(double_review, staff, first):
    # The editor's page was read before the withdrawal: each step it sends is refused
    # in one line, and nothing is written for a review that is gone.
    review = side(double_review, first)
    unit = double_review.comparison.units.filter(flags__isnull=False).order_by("position")[0]
    flag = unit.flags.first()
    blind.withdraw_double_review(user=staff, double_review=double_review)

    steps = [
        lambda: blind.decide(review=review, unit=unit, flag=flag, decision="accept"),
        lambda: blind.add_flag(review=review, unit=unit, category="factual.name", severity="major"),
        lambda: blind.mark_unit(review=review, unit=unit, reviewed=False),
        lambda: blind.hand_in(review=review),
    ]
    for step in steps:
        with pytest.raises(ReviewError, match="was withdrawn"):
            step()
    assert not BlindDecision.objects.exists()


def test_it_offers_the_withdrawal_on_the_overview_to_staff_while_under_way(
    client, accounts, double_review, first, second
):
    overview = reverse("articles:comparison", args=[double_review.comparison.pk])
    assert 'id="withdraw-double-review"' in (
        client_as(client, accounts, "staff").get(overview).content.decode()
    )
    client.logout()
    assert 'id="withdraw-double-review"' not in (
        client_as(client, accounts, "first").get(overview).content.decode()
    )
    client.logout()
    review_everything(double_review, first)
    review_everything(double_review, second)
    assert 'id="withdraw-double-review"' not in (
        client_as(client, accounts, "staff").get(overview).content.decode()
    )


def test_it_shows_the_withdrawal_in_the_timeline_but_not_the_discarded_decisions(
    client, double_review, staff, first, second
):
    review_everything(double_review, first, accept={0})
    _decide_first_suggestion(double_review, second)
    blind.withdraw_double_review(user=staff, double_review=double_review)
    client.force_login(second)

    text = "\n".join(timeline_actions(client, double_review.comparison))

    assert "sam withdrew the blind double review" in text
    assert "edna: handed in; otto: 1 decision, 0 flags, 0 units reviewed" in text
    assert "edna handed in a blind review" in text
    for step in ("decided a suggestion", "marked a unit in", "flag in the blind review"):
        assert step not in text
