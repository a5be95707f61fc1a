"""Screenshots of the dashboard and the step view at 1280 px (README shows them)."""

from __future__ import annotations

import pytest

from tests.browser import review_helpers
from tests.browser.review_helpers import open_first_unit, wait_for_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


@pytest.fixture
def wide_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    yield page
    context.close()


def test_it_takes_the_screenshots(
    wide_page, live_server, editor, review_comparison, screenshot_dir
):
    page = wide_page
    open_first_unit(page, live_server, editor.username)
    for _ in range(3):
        page.keyboard.press("o")
        review_helpers.wait_until_idle(page)
    position = review_comparison.units.get(source_text__contains="Wayne Maroto").position
    review_helpers.open_unit(page, position)
    # Accept the quote suggestion: the name suggestion stays focused, its words lit.
    page.keyboard.press("s")
    page.keyboard.press("a")
    wait_for_notice(page, "Suggestion accepted.")
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshot_dir / "step-view.png"))
    assert "Malotto" in page.text_content("#step")
    page.goto(f"{live_server.url}/")
    page.screenshot(path=str(screenshot_dir / "dashboard.png"))
    units = review_comparison.units
    reviewed = units.exclude(review_state="unreviewed").count()
    assert reviewed == 4
    assert f"{reviewed} / {units.count()}" in page.text_content("#results")
