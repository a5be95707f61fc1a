"""Fixing the alignment in the browser: split the seed unit whose sentence became two."""

from __future__ import annotations

import pytest

from tests.browser import review_helpers
from tests.browser.review_helpers import MARKER_KEPT, open_first_unit, wait_for_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


def test_it_splits_a_unit_in_place_and_undoes_it(page, live_server, editor, review_comparison):
    unit = next(
        u for u in review_comparison.units.order_by("position") if len(u.target_positions) == 2
    )
    count = review_comparison.units.count()
    open_first_unit(page, live_server, editor.username)
    review_helpers.open_unit(page, unit.position)
    page.click("details.fix summary")
    page.select_option("#split-source", "1")
    page.select_option("#split-target", "1")
    page.click("details.fix form:has(#split-source) button[type=submit]")
    wait_for_notice(page, "Split in two")
    assert review_comparison.units.count() == count + 1
    assert page.locator("#review-head .strip li").count() == count + 1
    assert f"of {count + 1}" in page.text_content("#unit-title")
    page.keyboard.press("j")
    review_helpers.wait_for_unit(page, unit.position + 1)
    assert "Addition" in page.text_content("#step .unit-facts")
    page.keyboard.press("u")
    wait_for_notice(page, "Undone: you split a unit.")
    assert review_comparison.units.count() == count
    assert page.evaluate(MARKER_KEPT)
