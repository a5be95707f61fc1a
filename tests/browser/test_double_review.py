"""A blind double review in the browser, desktop, tablet and phone (390 px): staff ask two
editors from the overview, each reviews on their own (never seeing the other's
decisions), both hand in, staff adjudicate the disagreements and the final decisions
land on the comparison. Every page is checked with axe and for sideways scrolling."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.agreement.models import DoubleReview
from articles.models import Flag
from articles.roles import EDITORS
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.builders import build_comparison
from tests.conftest import _user
from tests.views.conftest import FLAGS, UNITS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["desktop", "tablet", "phone"])
def size(request) -> str:
    return request.param


def as_user(browser, live_server, size: str, username: str):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    sign_in(page, live_server, username)
    return context, page


def assert_clean(page, name: str, size: str) -> None:
    result = check(page, name, size)
    assert not result.problems(), "\n".join(result.problems())


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def review(page, decisions: dict[int, str], own: dict[int, str]) -> None:
    """Decide each suggestion, add own flags, mark every unit reviewed (htmx)."""
    for position in range(len(UNITS)):
        card = f"#unit-{position}"
        if position in decisions:
            word = decisions[position]
            page.click(f"{card} button.{word}")
            page.wait_for_selector(f"{card} .blind-decision:has-text('{word[:-1]}')")
            wait_idle(page)
        if position in own:
            page.click(f"{card} details.add-flag summary")
            page.select_option(f"{card} select[name=category]", own[position])
            page.click(f"{card} details.add-flag button[type=submit]")
            page.wait_for_selector(f"{card} .blind-own li")
            wait_idle(page)
        page.click(f"{card} button.decide-ok")
        page.wait_for_selector(f"{card}.is-marked")
        wait_idle(page)
    page.wait_for_selector(f"#blind-progress:has-text('{len(UNITS)} of {len(UNITS)}')")


def test_a_blind_double_review_ends_in_adjudication(browser, live_server, size):
    staff = _user("sam", EDITORS, is_staff=True)
    edna, otto = _user("edna", EDITORS), _user("otto", EDITORS)
    comparison = build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)
    overview = live_server.url + reverse("articles:comparison", args=[comparison.pk])

    # Staff ask edna and otto from the overview.
    staff_context, staff_page = as_user(browser, live_server, size, "sam")
    staff_page.goto(overview)
    staff_page.select_option("#dr-first", str(edna.pk))
    staff_page.select_option("#dr-second", str(otto.pk))
    assert_clean(staff_page, "overview: ask for a double review", size)
    staff_page.click("#ask-double-review")
    staff_page.wait_for_selector("text=Blind double review asked of edna and otto.")
    double_review = DoubleReview.objects.get()

    # edna reviews: accepts both suggestions, flags the omission (unit 4).
    edna_context, edna_page = as_user(browser, live_server, size, "edna")
    edna_page.goto(overview)
    edna_page.click("#open-blind-review")
    edna_page.wait_for_selector("#unit-0")
    assert_clean(edna_page, "blind review", size)
    review(edna_page, {1: "accept", 2: "accept"}, {3: "omission"})
    # After each decision focus is back in the unit's new card (its message).
    assert edna_page.evaluate("document.activeElement.closest('#unit-4') !== null")
    assert_clean(edna_page, "blind review: every unit reviewed", size)
    edna_page.click("#hand-in")
    edna_page.wait_for_selector("text=Your review is handed in.")
    edna_page.goto(live_server.url + reverse("articles:adjudicate", args=[double_review.pk]))
    assert "403" in edna_page.title() or edna_page.locator("#adjudicate").count() == 0

    # otto sees none of edna's decisions; accepts only unit 2's suggestion.
    otto_context, otto_page = as_user(browser, live_server, size, "otto")
    otto_page.goto(live_server.url + reverse("articles:blind_review", args=[double_review.pk]))
    assert otto_page.locator(".blind-decision:has-text('accepted')").count() == 0
    assert otto_page.locator(".blind-own li").count() == 0
    review(otto_page, {1: "accept", 2: "dismiss"}, {3: "omission"})
    otto_page.click("#hand-in")
    otto_page.wait_for_selector("#side-by-side")
    otto_page.click("#side-by-side")
    otto_page.wait_for_selector("fieldset.call")
    assert otto_page.locator("#adjudicate").count() == 0  # an editor never adjudicates
    assert_clean(otto_page, "both reviews side by side", size)

    # Staff adjudicate the one disagreement: unit 3's pronoun suggestion.
    staff_page.goto(overview)
    staff_page.click("#open-adjudication")
    staff_page.wait_for_selector("fieldset.call")
    assert staff_page.locator("fieldset.call").count() == 1
    assert_clean(staff_page, "adjudication", size)
    staff_page.check("fieldset.call input[value=accept]")
    staff_page.click("#adjudicate")
    staff_page.wait_for_selector("text=Adjudicated: 1 disagreement settled")
    assert_clean(staff_page, "overview after adjudication", size)

    states = dict(comparison.units.values_list("position", "review_state"))
    assert states == {0: "ok", 1: "flagged", 2: "flagged", 3: "flagged", 4: "ok"}
    confirmed = Flag.objects.filter(unit__comparison=comparison, status="confirmed")
    assert confirmed.count() == 3
    double_review.refresh_from_db()
    assert double_review.adjudicated_by == staff

    # The agreement page shows the pair.
    staff_page.goto(live_server.url + reverse("articles:agreement"))
    staff_page.wait_for_selector("#pairs")
    assert "edna & otto" in staff_page.text_content("#pairs")
    assert_clean(staff_page, "agreement page", size)
    for context in (staff_context, edna_context, otto_context):
        context.close()
