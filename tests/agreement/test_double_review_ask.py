"""Asking for a blind double review: from the overview (staff) and the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.agreement.models import BlindReview, DoubleReview
from articles.models import AuditEvent

from .conftest import ROLES, client_as

EXPECTED = {
    "signed_out": 302,
    "no_role": 403,
    "viewer": 403,
    "third_editor": 403,
    "first": 403,
    "second": 403,
    "staff": 302,
}


def url(comparison) -> str:
    return reverse("articles:double_review_ask", args=[comparison.pk])


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_staff_ask(client, accounts, comparison, first, second, role):
    response = client_as(client, accounts, role).post(
        url(comparison), {"first": first.pk, "second": second.pk}
    )
    assert response.status_code == EXPECTED[role]
    assert DoubleReview.objects.exists() == (role == "staff")


def test_it_shows_the_form_on_the_overview_to_staff_only(client, accounts, comparison):
    overview = reverse("articles:comparison", args=[comparison.pk])
    assert (
        'id="ask-double-review"'
        in client_as(client, accounts, "staff").get(overview).content.decode()
    )
    client.logout()
    assert (
        'id="ask-double-review"'
        not in client_as(client, accounts, "first").get(overview).content.decode()
    )


def test_it_asks_two_editors_and_audits_it(client, accounts, comparison, first, second):
    response = client_as(client, accounts, "staff").post(
        url(comparison), {"first": first.pk, "second": second.pk}, follow=True
    )
    assert "Blind double review asked of edna and otto." in response.content.decode()
    assert set(BlindReview.objects.values_list("reviewer__username", flat=True)) == {
        "edna",
        "otto",
    }
    event = AuditEvent.objects.get(action="double_review.request")
    assert event.after["double_review"]["editors"] == ["edna", "otto"]
    # The overview now shows it, and each editor the way into their own review.
    client.force_login(first)
    body = client.get(reverse("articles:comparison", args=[comparison.pk])).content.decode()
    assert 'id="open-blind-review"' in body and "otto: ○ reviewing" in body


@pytest.mark.parametrize(
    "data, message",
    [
        ({"first": "edna", "second": "otto"}, "First editor: Select a valid choice"),
        ({"first": "same", "second": "same"}, "choose two different editors"),
        ({"first": "edna", "second": "otto", "adjudicator": "edna"}, "cannot adjudicate"),
        ({"first": "edna", "second": "vera"}, "Second editor: Select a valid choice"),
    ],
)
def test_it_refuses_a_bad_request_saying_why(client, accounts, comparison, data, message):
    ids = {name: accounts[role].pk for name, role in [("edna", "first"), ("otto", "second")]}
    ids["vera"] = accounts["viewer"].pk
    ids["same"] = ids["edna"]
    posted = {key: ids[value] for key, value in data.items()}
    if message.startswith("First"):
        posted["first"] = "not-a-user"
    response = client_as(client, accounts, "staff").post(url(comparison), posted, follow=True)
    assert message in response.content.decode()
    assert not DoubleReview.objects.exists()


def test_it_refuses_a_second_double_review_under_way(
    client, accounts, double_review, first, second
):
    response = client_as(client, accounts, "staff").post(
        url(double_review.comparison), {"first": first.pk, "second": second.pk}, follow=True
    )
    assert "under way already" in response.content.decode()
    assert DoubleReview.objects.count() == 1
