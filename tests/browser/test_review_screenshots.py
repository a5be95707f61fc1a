"""Screenshots of the review pages for the README and docs/review.md: the step view at
1280 px and the dashboard at 1400 px (edna's queue holding the pair she reviews), and the
dashboard, the overview and the step view (with words selected by touch) on a phone,
390 × 844. They go to test-output/; docs/screenshots/
holds the copies the documents show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.assignments.assigning import assign
from articles.assignments.models import Priority
from articles.review.states import unit_is_reviewed
from articles.roles import EDITORS
from tests.browser import review_helpers
from tests.browser.accessibility import SIZES
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import open_first_unit, open_step, wait_for_notice
from tests.browser.test_touch_selection import SELECT_BY_TOUCH
from tests.conftest import _user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


@pytest.fixture
def wide_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport=SIZES["phone"], has_touch=True, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    yield page
    context.close()


def open_on(unit) -> int:
    return unit.flags.filter(status="suggested").count()


def test_it_takes_the_screenshots(
    wide_page, phone_page, live_server, editor, review_comparison, screenshot_dir
):
    assign(
        by=_user("sam", EDITORS, is_staff=True),
        comparisons=[review_comparison],
        assignee=editor,
        priority=Priority.HIGH,
        due_date=timezone.localdate() + timedelta(days=2),
    )
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
    # The dashboard at the desktop size the browser tests check (1400 px); from 1280 px
    # it is a table, below it cards (test_responsive_layout.py).
    page.set_viewport_size(SIZES["desktop"])
    page.goto(f"{live_server.url}/")
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshot_dir / "dashboard.png"))
    queue = page.locator("section.my-queue ol.queue-list > li")
    assert queue.count() == 1 and "High" in queue.first.inner_text()
    units = review_comparison.units
    # Three marked OK; the Maroto unit is flagged but its name suggestion is still open,
    # so it is not reviewed yet (a unit is reviewed when every suggestion is decided).
    reviewed = len([u for u in units.all() if unit_is_reviewed(u.review_state, open_on(u))])
    assert reviewed == 3
    assert f"{reviewed} / {units.count()}" in page.text_content("#results")

    phone = phone_page
    sign_in(phone, live_server, editor.username)
    phone.screenshot(path=str(screenshot_dir / "dashboard-phone.png"))
    phone.goto(live_server.url + review_comparison.get_absolute_url())
    phone.screenshot(path=str(screenshot_dir / "overview-phone.png"))
    open_step(phone, live_server, review_comparison, position)
    phone.evaluate(SELECT_BY_TOUCH, ["target", "Colonel Wayne Malotto"])
    phone.wait_for_selector("[data-selection-chip]:not([hidden])")
    phone.locator(".side-target").scroll_into_view_if_needed()
    phone.evaluate("() => window.scrollBy(0, -120)")
    phone.screenshot(path=str(screenshot_dir / "step-view-phone.png"))
    assert phone.input_value("#id_target_span") == "Colonel Wayne Malotto"
