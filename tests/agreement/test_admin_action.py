"""The comparisons' admin action asking for a blind double review."""

from __future__ import annotations

from django.urls import reverse

from articles.agreement.models import DoubleReview
from articles.roles import VIEWERS
from tests.builders import build_comparison
from tests.conftest import _user

CHANGELIST = reverse("admin:articles_comparison_changelist")


def test_it_asks_for_many_comparisons_after_a_page_choosing_the_editors(
    client, staff, first, second, comparison
):
    other = build_comparison([("One.", "Uno.")], title="Other")
    client.force_login(staff)
    selected = {"action": "ask_double_review", "_selected_action": [comparison.pk, other.pk]}
    page = client.post(CHANGELIST, selected)
    assert page.status_code == 200
    assert "Ask for the double review" in page.content.decode()
    done = client.post(
        CHANGELIST, {**selected, "apply": "1", "first": first.pk, "second": second.pk}, follow=True
    )
    assert "Blind double review asked for 2 comparison(s)." in done.content.decode()
    assert DoubleReview.objects.count() == 2
    # Asked again: each comparison refused, saying why.
    again = client.post(
        CHANGELIST, {**selected, "apply": "1", "first": first.pk, "second": second.pk}, follow=True
    )
    assert "under way already" in again.content.decode()
    assert DoubleReview.objects.count() == 2


def test_it_shows_the_form_errors_on_the_page(client, staff, first, comparison):
    client.force_login(staff)
    page = client.post(
        CHANGELIST,
        {
            "action": "ask_double_review",
            "_selected_action": [comparison.pk],
            "apply": "1",
            "first": first.pk,
        },
    )
    assert page.status_code == 200
    assert "This field is required" in page.content.decode()
    assert not DoubleReview.objects.exists()


def test_it_is_not_offered_to_staff_who_do_not_review(client, comparison, first, second):
    client.force_login(_user("stella", VIEWERS, is_staff=True))
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert "ask_double_review" not in listing.content.decode()
    client.post(
        CHANGELIST,
        {
            "action": "ask_double_review",
            "_selected_action": [comparison.pk],
            "apply": "1",
            "first": first.pk,
            "second": second.pk,
        },
    )
    assert not DoubleReview.objects.exists()
