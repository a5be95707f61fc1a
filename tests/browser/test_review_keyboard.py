"""Stepping through units with the keyboard, without a page reload."""

from __future__ import annotations

import pytest

from tests.browser import review_helpers
from tests.browser.review_helpers import (
    MARKER_KEPT,
    open_first_unit,
    unit_title,
    wait_for_unit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


def test_it_steps_through_units_with_j_and_k_in_place(
    page, live_server, editor, review_comparison, screenshot_dir
):
    page.goto(f"{live_server.url}/")
    open_first_unit(page, live_server, editor.username)
    assert unit_title(page) == "Unit 1"
    page.keyboard.press("j")
    wait_for_unit(page, 1)
    page.keyboard.press("j")
    wait_for_unit(page, 2)
    assert page.url.endswith(f"/comparisons/{review_comparison.pk}/step/2/")
    page.keyboard.press("k")
    wait_for_unit(page, 1)
    assert page.evaluate(MARKER_KEPT)
    page.screenshot(path=str(screenshot_dir / "review-step-view.png"), full_page=True)


def test_it_filters_to_units_with_suggestions_and_shows_the_help(
    page, live_server, editor, review_comparison
):
    open_first_unit(page, live_server, editor.username)
    page.keyboard.press("2")
    page.wait_for_selector('.filter.is-active[data-key="show-suggested"]')
    assert page.url.endswith("?show=suggested")
    for position in review_helpers.positions_with_suggestions(review_comparison)[:3]:
        page.keyboard.press("j")
        wait_for_unit(page, position)
        assert page.locator("#step [data-suggestion]").count() >= 1
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "Accept the focused suggestion" in page.text_content("#help")
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    assert page.evaluate(MARKER_KEPT)


def test_the_back_button_returns_to_the_unit_before(page, live_server, editor, review_comparison):
    open_first_unit(page, live_server, editor.username)
    page.keyboard.press("j")
    wait_for_unit(page, 1)
    page.keyboard.press("j")
    wait_for_unit(page, 2)
    page.go_back()
    wait_for_unit(page, 1)
    assert page.url.endswith(f"/comparisons/{review_comparison.pk}/step/1/")
