"""The dashboard in a browser: the way in, and its screenshot."""

from __future__ import annotations

import pytest

from tests.browser import review_helpers
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


def test_it_leads_to_the_first_unit_in_two_clicks(
    page, live_server, editor, review_comparison, screenshot_dir
):
    sign_in(page, live_server, editor.username)
    page.screenshot(path=str(screenshot_dir / "review-dashboard.png"), full_page=True)
    page.click(review_helpers.SEED_LINK)
    page.screenshot(path=str(screenshot_dir / "review-overview.png"), full_page=True)
    page.click("#start-review")
    page.wait_for_selector("#unit-title")
    assert page.text_content("#unit-title").startswith("Unit 1")


def test_its_search_filters_in_place(page, live_server, editor, review_comparison):
    sign_in(page, live_server, editor.username)
    review_helpers.wait_until_ready(page)
    page.evaluate("window.__marker = 1")
    page.fill("#id_q", "no such story")
    page.wait_for_selector("text=No comparison matches the filter.")
    assert page.evaluate("window.__marker === 1")
    assert "q=no" in page.url
