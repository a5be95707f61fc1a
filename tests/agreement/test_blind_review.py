"""The blind review page and its actions: only the two editors, each their own side,
nothing of the other's, every step audited, queries constant with the units."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.agreement.models import BlindDecision, BlindFlag, BlindUnit, DoubleReview
from articles.models import AuditEvent, Flag
from tests.builders import build_comparison

from .conftest import ROLES, client_as, review_everything, side

HTMX = {"HTTP_HX_REQUEST": "true"}
EXPECTED = {
    "signed_out": 302,
    "no_role": 403,
    "viewer": 403,
    "third_editor": 403,
    "first": 200,
    "second": 200,
    "staff": 403,
}


def page(double_review) -> str:
    return reverse("articles:blind_review", args=[double_review.pk])


def unit_and_flag(double_review, position: int = 1):
    unit = double_review.comparison.units.get(position=position)
    return unit, unit.flags.get()


def action_urls(double_review) -> list[str]:
    unit, flag = unit_and_flag(double_review)
    pk = double_review.pk
    return [
        reverse("articles:blind_decide", args=[pk, unit.pk, flag.pk]),
        reverse("articles:blind_flag_add", args=[pk, unit.pk]),
        reverse("articles:blind_mark", args=[pk, unit.pk]),
        reverse("articles:blind_done", args=[pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_it_opens_the_blind_review_only_for_its_two_editors(client, accounts, double_review, role):
    response = client_as(client, accounts, role).get(page(double_review))
    assert response.status_code == EXPECTED[role]
    if role == "signed_out":
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("index", range(4))
def test_it_lets_only_the_two_editors_act(client, accounts, double_review, role, index):
    url = action_urls(double_review)[index]
    response = client_as(client, accounts, role).post(url, {"decision": "accept"})
    expected = {200: 302, 302: 302, 403: 403}[EXPECTED[role]]
    assert response.status_code == expected
    if EXPECTED[role] != 200:
        assert not BlindDecision.objects.exists()
        assert not AuditEvent.objects.filter(action="double_review.decide").exists()


def test_it_refuses_a_get_on_an_action(client, accounts, double_review):
    response = client_as(client, accounts, "first").get(action_urls(double_review)[0])
    assert response.status_code == 405


def test_it_keeps_each_decision_to_its_editor_and_off_the_shared_flags(
    client, accounts, double_review
):
    unit, flag = unit_and_flag(double_review)
    url = reverse("articles:blind_decide", args=[double_review.pk, unit.pk, flag.pk])
    client_as(client, accounts, "first").post(url, {"decision": "accept"}, **HTMX)
    flag.refresh_from_db()
    assert flag.status == Flag.Status.SUGGESTED  # the shared flag is untouched
    assert BlindDecision.objects.get().review.reviewer.username == "edna"
    client.logout()
    other = client_as(client, accounts, "second").get(page(double_review))
    assert "accepted" not in other.content.decode().split('id="unit-1"')[1].split("</section>")[0]
    assert "not decided yet" in other.content.decode()


def test_it_answers_htmx_with_the_unit_card_and_the_counter_out_of_band(
    client, accounts, double_review
):
    unit, flag = unit_and_flag(double_review)
    c = client_as(client, accounts, "first")
    c.post(
        reverse("articles:blind_decide", args=[double_review.pk, unit.pk, flag.pk]),
        {"decision": "dismiss"},
        **HTMX,
    )
    response = c.post(
        reverse("articles:blind_mark", args=[double_review.pk, unit.pk]), {"reviewed": "1"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('id="unit-1"') == 1 and 'id="unit-0"' not in body
    assert 'id="blind-progress" class="blind-progress" hx-swap-oob="true"' in body
    assert "1 of 5" in body
    assert BlindUnit.objects.count() == 1


def test_it_refuses_marking_a_unit_with_an_undecided_suggestion(client, accounts, double_review):
    unit, _ = unit_and_flag(double_review)
    response = client_as(client, accounts, "first").post(
        reverse("articles:blind_mark", args=[double_review.pk, unit.pk]), {"reviewed": "1"}, **HTMX
    )
    assert response.status_code == 422
    assert "decide its 1 suggestion first" in response.content.decode()
    assert not BlindUnit.objects.exists()


def test_it_adds_and_removes_an_editors_own_flag_with_a_bad_category_refused(
    client, accounts, double_review
):
    unit = double_review.comparison.units.get(position=3)
    c = client_as(client, accounts, "first")
    url = reverse("articles:blind_flag_add", args=[double_review.pk, unit.pk])
    bad = c.post(url, {"category": "nonsense", "severity": "major"}, **HTMX)
    assert bad.status_code == 422 and "Category" in bad.content.decode()
    c.post(url, {"category": "omission", "severity": "major", "note": "<b>gone</b>"}, **HTMX)
    own = BlindFlag.objects.get()
    page_body = c.get(page(double_review)).content.decode()
    assert "&lt;b&gt;gone&lt;/b&gt;" in page_body
    c.post(reverse("articles:blind_flag_remove", args=[double_review.pk, unit.pk, own.pk]))
    assert not BlindFlag.objects.exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="double_review.").values_list(
            "action", flat=True
        )
    )
    assert {"double_review.flag", "double_review.unflag"} <= set(actions)


def test_it_refuses_handing_in_with_units_left_then_locks_the_review(
    client, accounts, double_review, first
):
    c = client_as(client, accounts, "first")
    response = c.post(reverse("articles:blind_done", args=[double_review.pk]), follow=True)
    assert "Not done: 5 units are not marked reviewed" in response.content.decode()
    review_everything(double_review, first)
    unit, flag = unit_and_flag(double_review)
    late = c.post(
        reverse("articles:blind_decide", args=[double_review.pk, unit.pk, flag.pk]),
        {"decision": "accept"},
        **HTMX,
    )
    assert late.status_code == 422
    assert "cannot be changed" in late.content.decode()


def test_it_marks_the_double_review_ready_when_both_hand_in(double_review, first, second):
    review_everything(double_review, first, accept={1})
    double_review.refresh_from_db()
    assert double_review.state == DoubleReview.State.OPEN
    review_everything(double_review, second)
    double_review.refresh_from_db()
    assert double_review.state == DoubleReview.State.READY and double_review.ready_at
    assert side(double_review, second).done_at


def test_it_keeps_blind_steps_out_of_the_unit_history_and_out_of_undo(
    client, accounts, double_review, first
):
    unit, flag = unit_and_flag(double_review)
    c = client_as(client, accounts, "first")
    c.post(
        reverse("articles:blind_decide", args=[double_review.pk, unit.pk, flag.pk]),
        {"decision": "accept"},
    )
    event = AuditEvent.objects.get(action="double_review.decide")
    assert event.unit_id is None and event.flag_id is None
    assert event.after["double_review"]["decision"] == "accept"
    client.logout()
    history = client_as(client, accounts, "second").get(
        reverse("articles:unit_history", args=[double_review.comparison_id, unit.pk])
    )
    assert "accepted" not in history.content.decode()
    undo = client_as(client, accounts, "first").post(
        reverse("articles:undo", args=[double_review.comparison_id]), follow=True
    )
    assert "nothing of yours to undo" in undo.content.decode()


def _sized(staff, first, second, units: int):
    pairs = [(f"Sentence {n} about Maroto.", f"Phrase {n} about Malotto.") for n in range(units)]
    flags = {n: [{"category": "factual.name", "severity": "major"}] for n in range(units)}
    comparison = build_comparison(pairs, flags=flags, title=f"{units} units")
    from articles.agreement import blind

    double_review = blind.request_double_review(
        user=staff, comparison=comparison, first=first, second=second
    )
    review = side(double_review, first)
    for unit in comparison.units.all()[: units // 2]:
        blind.decide(review=review, unit=unit, flag=unit.flags.get(), decision="accept")
        blind.add_flag(review=review, unit=unit, category="omission", severity="minor")
        blind.mark_unit(review=review, unit=unit, reviewed=True)
    return double_review


def test_it_makes_the_same_queries_for_3_or_40_units(client, staff, first, second):
    small, big = _sized(staff, first, second, 3), _sized(staff, first, second, 40)
    client.force_login(first)
    counts = []
    for double_review in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(double_review)).status_code == 200
        counts.append(len(queries))
    # 14, and one for the header's unread notifications (articles/discussion).
    assert counts[0] == counts[1] <= 15
