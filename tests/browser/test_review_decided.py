"""A whole review on the keyboard that ends Done only once every suggestion is decided;
the flag filters and the next-open key; Done refused, and closed anyway by staff.

The full review counts the keys pressed per unit (docs/review.md gives the figure) and
writes them to test-output/review-keystrokes.json.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from articles.models import Comparison, Flag
from tests.browser import review_helpers
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import (
    MARKER_KEPT,
    open_first_unit,
    open_step,
    wait_for_unit,
    wait_until_idle,
)
from tests.conftest import TEST_OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


@pytest.fixture(params=["desktop", "phone"])
def sized_page(request, browser):
    context = browser.new_context(viewport=SIZES[request.param])
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


def open_count(page) -> int:
    return page.locator("#step [data-suggestion]").count()


def decide(page, key: str) -> None:
    """Press a or d on the focused suggestion and wait until it has left the list."""
    before = open_count(page)
    page.keyboard.press(key)
    page.wait_for_function(
        "n => document.querySelectorAll('#step [data-suggestion]').length < n", arg=before
    )
    wait_until_idle(page)


def test_a_keyboard_review_of_the_seed_ends_done_only_when_everything_is_decided(
    sized_page, live_server, editor, review_comparison
):
    page = sized_page
    open_first_unit(page, live_server, editor.username)
    total = review_comparison.units.count()
    suggestions = Flag.objects.filter(unit__comparison=review_comparison).count()

    # Done at once is refused, listing every unit with a link to it.
    wait_until_idle(page)
    page.keyboard.press("Shift+D")
    page.wait_for_selector("#step #open-units", state="attached")
    wait_until_idle(page)
    assert f"Not done: {total} units are not reviewed yet ({suggestions} open" in (
        page.text_content("#step")
    )
    assert page.locator("#open-units a").count() == total
    page.keyboard.press("k")  # back on the page's keys (the refusal is shown in place)
    wait_until_idle(page)

    keys: dict[int, int] = {}
    kept = 0
    for position in range(total):
        wait_for_unit(page, position)
        pressed = 0
        if position == total - 1:
            # One unit left: Done is still refused, and names only that one.
            page.keyboard.press("Shift+D")
            page.wait_for_selector("#step #open-units", state="attached")
            assert page.locator("#open-units a").count() == 1
            assert page.locator("#open-units a").text_content() == f"Unit {total}"
            wait_until_idle(page)
            pressed += 1
        if open_count(page) and kept % 2 == 0:
            # Keep the first suggestion, dismiss the others, move on.
            decide(page, "a")
            pressed += 1
            while open_count(page):
                decide(page, "d")
                pressed += 1
            if position < total - 1:
                page.keyboard.press("j")
                pressed += 1
            kept += 1
        else:
            if open_count(page):
                kept += 1
            # Nothing to keep: OK dismisses what is open and goes to the next unit.
            page.keyboard.press("o")
            pressed += 1
            wait_until_idle(page)
        keys[position] = pressed
    wait_until_idle(page)
    assert not Flag.objects.filter(unit__comparison=review_comparison, status="suggested")
    assert f"{total} / {total} reviewed" in page.text_content("#progress-text")
    assert page.evaluate(MARKER_KEPT)
    page.keyboard.press("Shift+D")
    page.wait_for_url(f"**{review_comparison.get_absolute_url()}")
    review_comparison.refresh_from_db()
    assert (review_comparison.status, review_comparison.closed_open_reason) == ("done", "")
    assert "Comparison marked done." in page.text_content("body")
    # The seeds hold the demo story's copies too: the oldest of them is offered next.
    waiting = (
        Comparison.objects.exclude(pk=review_comparison.pk)
        .exclude(status="done")
        .order_by("created_at", "id")
        .first()
    )
    next_link = page.locator("#next-comparison")
    assert next_link.get_attribute("href") == reverse("articles:start", args=[waiting.pk])
    assert page.locator("#reopen").is_visible()
    assert page.locator("#start-review").count() == 0

    per_unit = sum(keys.values()) / total
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    (TEST_OUTPUT / f"review-keystrokes-{page.size_name}.json").write_text(
        json.dumps(
            {"units": total, "keys": sum(keys.values()), "per_unit": round(per_unit, 2),
             "by_unit": keys},
            indent=2,
        )
    )  # fmt: skip
    assert per_unit < 3


def test_the_filters_and_the_next_open_key(page, live_server, editor, review_comparison):
    names = sorted(
        set(
            review_comparison.units.filter(
                flags__category="factual.name", flags__status="suggested"
            ).values_list("position", flat=True)
        )
    )
    assert len(names) >= 3
    sign_in(page, live_server, editor.username)
    open_step(page, live_server, review_comparison, 0)
    page.click(".flag-filter-box summary")
    page.select_option("#filter-category", "factual.name")
    page.click(".flag-filter button[type=submit]")
    page.wait_for_url("**category=factual.name**")
    wait_until_idle(page)
    for position in names[:3]:
        page.keyboard.press("j")
        wait_for_unit(page, position)
        shown = page.locator("#step [data-suggestion] .flag-cat").all_text_contents()
        assert shown and set(shown) == {"Name"}
    assert "category=factual.name" in page.url

    # n: the next open suggestion, in this unit and then in the next unit that has one.
    page.goto(live_server.url + reverse("articles:step", args=[review_comparison.pk, 0]))
    review_helpers.wait_until_ready(page)
    with_open = review_helpers.positions_with_suggestions(review_comparison)
    page.keyboard.press("n")
    wait_for_unit(page, with_open[0])
    count = open_count(page)
    for _ in range(count - 1):
        page.keyboard.press("n")
    assert page.evaluate("document.activeElement.matches('[data-suggestion]')")
    page.keyboard.press("n")
    wait_for_unit(page, with_open[1])

    # The overview's filter lists only the matching units; a bad value is refused.
    page.goto(live_server.url + review_comparison.get_absolute_url())
    page.select_option("#filter-rule", "name.respelled")
    page.click("form.flag-filter button[type=submit]")
    page.wait_for_url("**rule=name.respelled**")
    rows = page.locator("tr.unit-row").count()
    expected = review_comparison.units.filter(flags__rule="name.respelled").distinct().count()
    assert rows == expected
    answer = page.goto(live_server.url + review_comparison.get_absolute_url() + "?severity=huge")
    assert answer.status == 400
    assert "severity: “huge” is not minor, major or critical" in page.text_content("body")


def test_category_keys_pick_the_category_in_the_add_flag_form(
    page, live_server, editor, review_comparison
):
    sign_in(page, live_server, editor.username)
    open_step(page, live_server, review_comparison, 1)
    page.keyboard.press("f")
    assert page.evaluate("document.activeElement.id") == "id_category"
    page.keyboard.press("q")
    assert page.input_value("#id_category") == "attribution.quote"
    page.keyboard.press("h")
    assert page.input_value("#id_category") == "attribution.hedge"
    page.keyboard.press("?")
    assert "Hedge" in page.text_content("#help")


def test_staff_close_with_things_open_giving_a_reason_then_an_editor_reopens(
    sized_page, live_server, importer, editor, review_comparison
):
    page = sized_page
    sign_in(page, live_server, importer.username)
    page.goto(live_server.url + review_comparison.get_absolute_url())
    page.click(".done-card button")
    page.wait_for_selector("#open-units")
    first = page.locator("#open-units a").first
    assert first.text_content() == "Unit 1"
    assert first.get_attribute("href") == reverse("articles:step", args=[review_comparison.pk, 0])
    # The reason is required: the browser will not send the form without it.
    page.click("#open-units button[type=submit]")
    assert page.evaluate("!document.querySelector('#close-reason').validity.valid")
    page.fill("#close-reason", "Wire deadline: the desk chief checked the names by phone.")
    page.click("#open-units button[type=submit]")
    page.wait_for_selector(".closed-reason")
    review_comparison.refresh_from_db()
    assert review_comparison.status == Comparison.Status.DONE
    assert "Wire deadline" in page.text_content(".closed-reason")
    result = check(page, "overview: closed with things open", page.size_name)
    assert not result.violations, result.violations
    assert result.scroll_width <= result.inner_width

    # An editor reopens it (audited); it is in review again.
    page.context.clear_cookies()
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + review_comparison.get_absolute_url())
    page.click("#reopen")
    page.wait_for_selector("#start-review")
    review_comparison.refresh_from_db()
    assert (review_comparison.status, review_comparison.closed_open_reason) == ("in_review", "")
    assert review_comparison.audit.filter(action="comparison.reopen", actor=editor).exists()
