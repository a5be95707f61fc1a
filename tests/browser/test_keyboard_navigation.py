"""Getting around a page by keyboard: the skip link, and the unit strip as one tab stop
with the arrow keys inside it."""

from __future__ import annotations

import json

import pytest

from tests.browser import review_helpers
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import open_step, wait_for_unit, wait_until_ready
from tests.conftest import TEST_OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison

MAX_TABS = 60
IS_ACCEPT = (
    "() => !!document.activeElement && document.activeElement.matches('.flag-actions .accept')"
)


def first_unit_with_a_suggestion(comparison) -> int:
    return review_helpers.positions_with_suggestions(comparison)[0]


def tabs_until(page, condition: str) -> int:
    """Tab presses from the top of the page until `condition` holds (MAX_TABS at most)."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return presses
    return MAX_TABS + 1


def focused(page) -> dict:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName, id: document.activeElement.id,"
        " text: document.activeElement.textContent.trim(),"
        " label: document.activeElement.getAttribute('aria-label') || ''})"
    )


def test_it_reaches_the_first_accept_in_a_few_tab_stops(
    page, live_server, editor, review_comparison
):
    sign_in(page, live_server, editor.username)
    open_step(page, live_server, review_comparison, first_unit_with_a_suggestion(review_comparison))

    presses = tabs_until(page, IS_ACCEPT)
    page.reload()
    wait_until_ready(page)
    page.keyboard.press("Tab")
    skip = focused(page)
    page.keyboard.press("Enter")
    after_skip = tabs_until(page, IS_ACCEPT)

    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    (TEST_OUTPUT / "tab-stops.json").write_text(
        json.dumps({"tabs_to_first_accept": presses, "after_the_skip_link": after_skip}) + "\n"
    )
    assert skip["tag"] == "A" and skip["text"] == "Skip to the unit"
    assert after_skip <= 8
    # 24 on the seed pair: the top bar (6, with Notifications), the head (crumbs,
    # filters, Mark done, Shortcuts, the flag filter, the strip: 10), Previous/Next, the
    # collapsed Context, OK-next and Flagged-next, then the suggestion itself (measured
    # 2026-11-30, after the discussion's notifications link).
    assert presses <= 24


def strip_stops(page) -> tuple[int, int]:
    """(Tab stops in the strip, Tab stops in all) over one pass through the page."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops = in_strip = 0
    for _ in range(200):
        page.keyboard.press("Tab")
        again = page.evaluate(
            "() => { const e = document.activeElement;"
            " if (e === document.body || e.dataset.tabbed) return true;"
            " e.dataset.tabbed = '1'; return false; }"
        )
        if again:
            break
        stops += 1
        in_strip += page.evaluate("() => !!document.activeElement.closest('ol.strip')")
    return in_strip, stops


def test_it_makes_the_strip_one_tab_stop_with_the_arrow_keys_inside(
    page, live_server, editor, review_comparison
):
    units = review_comparison.units.count()
    sign_in(page, live_server, editor.username)
    open_step(page, live_server, review_comparison, 2)

    in_strip, stops = strip_stops(page)
    current = page.locator("#review-head ol.strip a.mark.is-current")
    current.focus()
    page.keyboard.press("ArrowRight")
    right = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("End")
    end = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")  # stays on the first
    home = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    wait_for_unit(page, page_position(review_comparison, 1))
    page.keyboard.press("Shift+Tab")  # from the unit back into the head: the new current mark
    tab_indexes = page.evaluate(
        "() => [...document.querySelectorAll('#review-head ol.strip a.mark')].map(a => a.tabIndex)"
    )

    assert in_strip == 1
    # Every control of the page, once: 33 since the unit's history, context, reading mode
    # and bulk buttons, the notifications link and the unit's comment form (its text
    # box and button); the strip's 22 marks as stops of their own would add 21.
    assert stops <= 33
    assert right.endswith(f"/step/{page_position(review_comparison, 3)}/")
    assert end.endswith(f"/step/{page_position(review_comparison, units - 1)}/")
    assert home.endswith(f"/step/{page_position(review_comparison, 0)}/")
    assert sorted(tab_indexes) == [-1] * (units - 1) + [0]
    assert tab_indexes[1] == 0  # the unit now shown


def page_position(comparison, index: int) -> int:
    """The position of the comparison's unit number `index` (0-based, in order)."""
    return list(comparison.units.order_by("position").values_list("position", flat=True))[index]


def test_it_makes_the_overview_strip_one_tab_stop_too(page, live_server, editor, review_comparison):
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + review_comparison.get_absolute_url())
    page.wait_for_load_state("networkidle")

    in_strip, stops = strip_stops(page)
    page.locator("ol.strip a.mark").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")

    second = page_position(review_comparison, 1)
    # Enter follows the mark's link to the unit's row: a navigation within the page,
    # which a loaded machine may finish after the key press returns.
    page.wait_for_url(f"**#unit-{second}")

    assert in_strip == 1
    assert stops > 10  # the walk went through the page, past the strip
    assert page.url.endswith(f"#unit-{second}")
