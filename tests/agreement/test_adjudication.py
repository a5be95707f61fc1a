"""The adjudication page: who sees it when, the disagreements side by side, and the
final decisions applied to the real flags and units through the versioned operations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.agreement import blind
from articles.agreement.models import DoubleReview
from articles.models import AuditEvent, Flag
from articles.review import flags as review_flags

from .conftest import ROLES, client_as, review_everything

# Before both hand in: only the adjudicators (staff). After: the two editors too.
BEFORE = {
    "signed_out": 302,
    "no_role": 403,
    "viewer": 403,
    "third_editor": 403,
    "first": 403,
    "second": 403,
    "staff": 200,
}
AFTER = {**BEFORE, "first": 200, "second": 200}


def url(double_review) -> str:
    return reverse("articles:adjudicate", args=[double_review.pk])


@pytest.fixture
def ready(double_review, first, second) -> DoubleReview:
    """edna accepts the suggestions on units 1 and 2 and flags unit 3 as an omission;
    otto accepts only unit 1's and flags unit 3 too, and unit 4 as an addition."""
    review_everything(double_review, first, accept={1, 2}, own={3: "omission"})
    review_everything(double_review, second, accept={1}, own={3: "omission", 4: "addition"})
    double_review.refresh_from_db()
    return double_review


@pytest.mark.parametrize("role", ROLES)
def test_it_hides_the_page_from_the_two_editors_until_both_hand_in(
    client, accounts, double_review, role
):
    response = client_as(client, accounts, role).get(url(double_review))
    assert response.status_code == BEFORE[role]


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_both_reviews_to_the_two_editors_once_both_handed_in(
    client, accounts, ready, role
):
    response = client_as(client, accounts, role).get(url(ready))
    assert response.status_code == AFTER[role]
    if role in ("first", "second"):
        assert 'id="adjudicate"' not in response.content.decode()  # they never decide


@pytest.mark.parametrize("role", ["first", "second", "third_editor", "viewer", "no_role"])
def test_it_lets_no_one_but_an_adjudicator_decide(client, accounts, ready, role):
    response = client_as(client, accounts, role).post(url(ready), {})
    assert response.status_code == 403
    ready.refresh_from_db()
    assert ready.state == DoubleReview.State.READY


def test_it_lets_the_named_adjudicator_decide(client, accounts, staff, first, second, comparison):
    third = accounts["third_editor"]
    double_review = blind.request_double_review(
        user=staff, comparison=comparison, first=first, second=second, adjudicator=third
    )
    review_everything(double_review, first)
    review_everything(double_review, second)
    response = client_as(client, accounts, "third_editor").post(url(double_review), {})
    assert response.status_code == 302


def test_it_lists_only_the_disagreements_side_by_side(client, accounts, ready):
    body = client_as(client, accounts, "staff").get(url(ready)).content.decode()
    # Unit 2's suggestion (accepted / dismissed) and unit 4's addition flag (otto only).
    assert body.count('<fieldset class="call">') == 2
    assert 'id="unit-2"' in body and 'id="unit-4"' in body
    assert 'id="unit-1"' not in body and 'id="unit-3"' not in body
    assert "edna:</span> ✓ accepted" in body and "otto:</span> ✕ dismissed" in body


def test_it_refuses_an_adjudication_with_a_disagreement_left_open(client, accounts, ready):
    response = client_as(client, accounts, "staff").post(url(ready), {})
    assert response.status_code == 422
    assert "choose accept or dismiss for every disagreement" in response.content.decode()
    assert not Flag.objects.filter(status=Flag.Status.CONFIRMED).exists()


def test_it_applies_the_final_decisions_to_the_real_flags_and_units(client, accounts, ready, staff):
    comparison = ready.comparison
    suggestion_2 = Flag.objects.get(unit__comparison=comparison, unit__position=2)
    unit_4 = comparison.units.get(position=4)
    response = client_as(client, accounts, "staff").post(
        url(ready), {f"s-{suggestion_2.pk}": "dismiss", f"f-{unit_4.pk}-addition": "keep"}
    )
    assert response.status_code == 302
    states = dict(comparison.units.values_list("position", "review_state"))
    assert states == {0: "ok", 1: "flagged", 2: "ok", 3: "flagged", 4: "flagged"}
    confirmed = set(
        Flag.objects.filter(unit__comparison=comparison, status="confirmed").values_list(
            "unit__position", "category"
        )
    )
    assert confirmed == {(1, "factual.name"), (3, "omission"), (4, "addition")}
    suggestion_2.refresh_from_db()
    assert suggestion_2.status == Flag.Status.DISMISSED
    ready.refresh_from_db()
    assert ready.state == DoubleReview.State.ADJUDICATED and ready.adjudicated_by == staff
    # The changes are the review's own audited operations, by the adjudicator…
    actions = list(comparison.audit.filter(actor=staff).values_list("action", flat=True))
    assert {"flag.accept", "flag.dismiss", "flag.add", "unit.mark"} <= set(actions)
    # …and both editors' decisions stay in the trail, with the final one.
    final = AuditEvent.objects.get(action="double_review.adjudicate").after["double_review"]
    assert final["suggestions"][str(suggestion_2.pk)] == {
        "a": "accept",
        "b": "dismiss",
        "final": "dismiss",
    }
    assert AuditEvent.objects.filter(action="double_review.decide").count() == 4
    assert AuditEvent.objects.filter(action="double_review.done").count() == 2


def test_it_refuses_the_whole_adjudication_when_a_unit_changed_meanwhile(
    client, accounts, ready, monkeypatch
):
    comparison = ready.comparison
    suggestion_2 = Flag.objects.get(unit__comparison=comparison, unit__position=2)
    unit_4 = comparison.units.get(position=4)
    # Someone else's change lands in the middle: the adjudication's accept is made
    # against a version the unit has left (an older version shown).
    real = review_flags.accept_flag

    def stale(**kwargs):
        kwargs["shown_version"] -= 1
        return real(**kwargs)

    monkeypatch.setattr(review_flags, "accept_flag", stale)
    response = client_as(client, accounts, "staff").post(
        url(ready), {f"s-{suggestion_2.pk}": "accept", f"f-{unit_4.pk}-addition": "drop"}
    )
    assert response.status_code == 422
    assert "changed by someone else" in response.content.decode()
    ready.refresh_from_db()
    assert ready.state == DoubleReview.State.READY
    assert not Flag.objects.filter(status="confirmed").exists()


def test_it_adjudicates_only_once(client, accounts, ready):
    client_as(client, accounts, "staff").post(url(ready), {}, follow=False)
    suggestion_2 = Flag.objects.get(unit__comparison=ready.comparison, unit__position=2)
    unit_4 = ready.comparison.units.get(position=4)
    data = {f"s-{suggestion_2.pk}": "accept", f"f-{unit_4.pk}-addition": "drop"}
    assert client.post(url(ready), data).status_code == 302
    again = client.post(url(ready), data)
    assert again.status_code == 422
    assert "not waiting for adjudication" in again.content.decode()
