"""Bulk decisions in the browser: dismiss every suggestion like one, then one undo takes
it back, on a desktop with the keyboard (Shift+X, u) and on a phone with a finger."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Flag
from articles.review import reading
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import (
    MARKER,
    MARKER_KEPT,
    open_step,
    wait_for_notice,
    wait_until_idle,
)
from tests.like_suggestions import build_likes, strikes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def likes(db):
    """Three suggestions "strikes" → "attack" in units 0, 1 and 2."""
    return build_likes()


def statuses(flags) -> set[str]:
    return set(Flag.objects.filter(pk__in=[f.pk for f in flags]).values_list("status", flat=True))


def open_unit_1(page, live_server, editor, likes) -> None:
    sign_in(page, live_server, editor.username)
    open_step(page, live_server, likes, 1)
    page.evaluate(MARKER)


def test_it_dismisses_all_like_suggestions_with_shift_x_and_undoes_them_with_u(
    page, live_server, editor, likes, screenshot_dir
):
    flags = strikes(likes)
    open_unit_1(page, live_server, editor, likes)
    button = page.locator('#step [data-key="dismiss-like"]')
    assert button.count() == 1
    assert "Dismiss all 3 like this" in button.text_content()
    violations = check(page, "step: suggestions like one another", "desktop")
    assert not violations.problems(), "\n".join(violations.problems())
    page.screenshot(path=str(screenshot_dir / "bulk-dismiss-desktop.png"))

    page.keyboard.press("Shift+X")
    wait_for_notice(page, "Dismissed 3 suggestions in 3 units at once.")
    assert statuses(flags) == {"dismissed"}
    assert page.locator('#step [data-key="dismiss-like"]').count() == 0
    # The strip's marks (out of band) no longer count open suggestions on those units.
    assert "open suggestion" not in page.get_attribute(
        "#review-head .strip li:nth-child(1) a", "title"
    )
    assert page.evaluate(MARKER_KEPT)

    page.keyboard.press("u")
    wait_for_notice(page, "Undone: you dismissed 3 suggestions at once.")
    assert statuses(flags) == {"suggested"}
    assert "Dismiss all 3 like this" in page.text_content('#step [data-key="dismiss-like"]')
    assert AuditEvent.objects.filter(undone=True).count() == 3
    assert page.evaluate(MARKER_KEPT)


def test_shift_a_accepts_all_like_suggestions(page, live_server, editor, likes):
    flags = strikes(likes)
    open_unit_1(page, live_server, editor, likes)
    page.keyboard.press("Shift+A")
    wait_for_notice(page, "Accepted 3 suggestions in 3 units at once.")
    assert statuses(flags) == {"confirmed"}
    progress = reading.progress_of(reading.unit_marks(likes))
    assert progress.reviewed >= 2  # units 0 and 2; unit 1 keeps "attacks" open
    assert f"{progress.reviewed} / " in page.text_content("#progress-text")


def test_a_caps_lock_x_is_not_a_bulk_decision(page, live_server, editor, likes):
    flags = strikes(likes)
    open_unit_1(page, live_server, editor, likes)
    page.keyboard.down("CapsLock")
    page.keyboard.press("X")  # "X" without Shift: no key at all
    page.keyboard.up("CapsLock")
    wait_until_idle(page)
    assert statuses(flags) == {"suggested"}


def test_it_dismisses_in_bulk_and_undoes_on_a_phone(
    browser, live_server, editor, likes, screenshot_dir
):
    flags = strikes(likes)
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        open_unit_1(page, live_server, editor, likes)
        button = page.locator('#step [data-key="dismiss-like"]')
        button.scroll_into_view_if_needed()
        found = check(page, "step: suggestions like one another", "phone")
        assert not found.problems(), "\n".join(found.problems())
        page.locator("#step .flag.flag-suggestion").first.screenshot(
            path=str(screenshot_dir / "bulk-dismiss-phone.png")
        )
        button.tap()
        wait_for_notice(page, "Dismissed 3 suggestions in 3 units at once.")
        assert statuses(flags) == {"dismissed"}
        page.locator('[data-key="undo"]').tap()
        wait_for_notice(page, "Undone: you dismissed 3 suggestions at once.")
        assert statuses(flags) == {"suggested"}
        assert page.evaluate(MARKER_KEPT)
    finally:
        context.close()
