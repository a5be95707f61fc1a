"""Reading aids of the review, in a real browser at desktop and phone sizes: the units
around as context, the reading mode (click-through to a unit, synchronised scrolling),
moved words in the word diff, and the unit's history panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser import review_helpers
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import open_step, wait_for_unit, wait_until_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison

VIEWPORTS = {"desktop": SIZES["desktop"], "phone": SIZES["phone"]}


@pytest.fixture(params=list(VIEWPORTS))
def sized(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.size = request.param
    yield page
    context.close()


def reading_url(live_server, comparison, query: str = "") -> str:
    return live_server.url + reverse("articles:reading", args=[comparison.pk]) + query


def unit_with_moved_words(comparison) -> int:
    """A unit of the seed pair whose diff shows a moved phrase ("Blinken told reporters
    in Rome" opens the source and the retranslation's sentence ends with it)."""
    return comparison.units.get(source_text__contains="told reporters in Rome").position


def no_sideways_scrolling(page) -> None:
    scroll_width, inner_width = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"{scroll_width} px wide in a {inner_width} px window"


# Scroll a pane (by its own scroll position) so that a unit's first sentence is at its top.
SCROLL_TO_UNIT = """([side, unit]) => {
  const pane = document.querySelector(`[data-pane="${side}"]`);
  const sentence = document.getElementById(`${side}-u${unit}`);
  pane.scrollTop += sentence.getBoundingClientRect().top - pane.getBoundingClientRect().top
    - pane.querySelector('.read-label').offsetHeight;
}"""
# Whether a unit's first sentence on that side starts on the pane's top line.
AT_TOP = """([side, unit]) => {
  const pane = document.querySelector(`[data-pane="${side}"]`);
  const edge = pane.getBoundingClientRect().top + pane.querySelector('.read-label').offsetHeight;
  const top = document.getElementById(`${side}-u${unit}`).getBoundingClientRect().top;
  const line = parseFloat(getComputedStyle(pane.querySelector('.read-par')).lineHeight);
  return top > edge - 3 && top < edge + line;
}"""


def scroll_to_unit(page, side: str, unit: int) -> None:
    page.evaluate(SCROLL_TO_UNIT, [side, unit])


# --- Context ---------------------------------------------------------------------------


def test_the_units_around_open_from_their_collapsed_summary(
    sized, live_server, editor, review_comparison
):
    sign_in(sized, live_server, editor.username)
    open_step(sized, live_server, review_comparison, 5)
    context = sized.locator("details[data-context]")
    before = context.locator('[data-context-unit="previous"]')
    after = context.locator('[data-context-unit="next"]')
    assert not before.is_visible()

    context.locator("summary").click()

    assert before.locator(".context-source .context-text").is_visible()
    assert before.locator(".context-source .context-text").text_content() == (
        review_comparison.units.get(position=4).source_text
    )
    assert after.locator(".context-target .context-text").text_content() == (
        review_comparison.units.get(position=6).target_text
    )
    no_sideways_scrolling(sized)
    assert not check(sized, "step: context open", sized.size).problems()
    after.locator("a").click()
    wait_for_unit(sized, 6)


# --- Reading mode ----------------------------------------------------------------------


def test_clicking_a_sentence_in_the_reading_mode_opens_its_unit(
    sized, live_server, viewer, review_comparison
):
    sign_in(sized, live_server, viewer.username)
    sized.goto(reading_url(live_server, review_comparison))
    sized.wait_for_load_state("networkidle")
    sentence = sized.locator('[data-pane="target"] a[data-unit="7"]').first
    sentence.scroll_into_view_if_needed()
    sentence.click()
    sized.wait_for_url(f"**/comparisons/{review_comparison.pk}/step/7/")
    wait_for_unit(sized, 7)


def test_the_two_articles_scroll_together(sized, live_server, viewer, review_comparison):
    sign_in(sized, live_server, viewer.username)
    sized.goto(reading_url(live_server, review_comparison))
    sized.wait_for_load_state("networkidle")
    assert sized.locator("[data-reading-tools]").is_visible()
    source = sized.locator('[data-pane="source"]')
    target = sized.locator('[data-pane="target"]')
    if sized.size == "phone":
        # Stacked on a phone: the retranslation below the source, both in view.
        assert source.bounding_box()["y"] < target.bounding_box()["y"]
        assert source.bounding_box()["width"] <= 390
    else:
        assert source.bounding_box()["y"] == target.bounding_box()["y"]
    no_sideways_scrolling(sized)

    # Scrolling one pane so that a unit's first sentence is at its top (as a wheel or
    # a finger does) brings the other pane's sentence of that unit to its top: the line
    # it starts on, which may end the sentence before it.
    for side, unit in (("source", 12), ("source", 3), ("target", 8), ("source", 6)):
        scroll_to_unit(sized, side, unit)
        other = "target" if side == "source" else "source"
        sized.wait_for_function(AT_TOP, arg=[other, unit])

    # Unticked, the panes scroll on their own.
    sized.uncheck("[data-sync]")
    before = target.evaluate("pane => pane.scrollTop")
    source.evaluate("pane => { pane.scrollTop = 0; }")
    sized.wait_for_timeout(300)
    assert target.evaluate("pane => pane.scrollTop") == before


def test_the_reading_mode_opens_at_the_unit_of_the_step_view_with_key_w(
    sized, live_server, editor, review_comparison
):
    sign_in(sized, live_server, editor.username)
    open_step(sized, live_server, review_comparison, 15)
    sized.keyboard.press("w")
    sized.wait_for_url("**/read/?unit=15#source-u15")
    sized.wait_for_load_state("networkidle")
    current = sized.locator('[data-pane="target"] a.is-current').first
    current.wait_for()
    sized.wait_for_function(
        """() => {
          const pane = document.querySelector('[data-pane="target"]');
          const a = pane.querySelector('a.is-current');
          const box = a.getBoundingClientRect(), view = pane.getBoundingClientRect();
          return box.top >= view.top - 1 && box.top < view.bottom;
        }"""
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_the_reading_mode_has_no_axe_violation_at_any_size(
    browser, live_server, viewer, review_comparison, size
):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    try:
        sign_in(page, live_server, viewer.username)
        page.goto(reading_url(live_server, review_comparison, "?unit=4"))
        page.wait_for_load_state("networkidle")
        assert not check(page, "reading mode", size).problems()
    finally:
        context.close()


def test_the_reading_mode_works_without_javascript(browser, live_server, viewer, review_comparison):
    context = browser.new_context(java_script_enabled=False, viewport=SIZES["phone"])
    page = context.new_page()
    try:
        sign_in(page, live_server, viewer.username)
        page.goto(reading_url(live_server, review_comparison))
        assert not page.locator("[data-reading-tools]").is_visible()
        page.locator('[data-pane="source"] a[data-unit="2"]').first.click()
        page.wait_for_url(f"**/comparisons/{review_comparison.pk}/step/2/")
        assert page.text_content("#unit-title").startswith("Unit 3")  # numbered from 1
    finally:
        context.close()


# --- Moved words -----------------------------------------------------------------------


def test_moved_words_are_framed_and_named_not_struck_and_inserted(
    sized, live_server, editor, review_comparison
):
    sign_in(sized, live_server, editor.username)
    position = unit_with_moved_words(review_comparison)
    open_step(sized, live_server, review_comparison, position)
    moved = sized.locator('#step .text[data-side="source"] .w-mov.mv-start').first
    moved.scroll_into_view_if_needed()
    assert moved.is_visible()
    style = moved.evaluate(
        "el => { const s = getComputedStyle(el); return [s.borderTopStyle, s.borderLeftStyle]; }"
    )
    assert style == ["dashed", "dashed"]
    # Its text alternative is in the page for screen readers, not on screen.
    said = moved.locator(".mv-said")
    assert said.text_content() == "moved: "
    assert said.bounding_box()["width"] <= 1
    assert "moved" in sized.text_content(".unit-facts")
    # Selecting the text to flag it does not pick up the text alternative.
    selected = sized.evaluate(
        """() => {
          const text = document.querySelector('#step .text[data-side="source"]');
          getSelection().selectAllChildren(text);
          return getSelection().toString();
        }"""
    )
    assert "moved:" not in selected and "end of moved words" not in selected
    assert "told reporters in Rome" in " ".join(selected.split())


# --- History ---------------------------------------------------------------------------


def test_the_history_panel_loads_who_did_what_when_opened(
    sized, live_server, editor, review_comparison
):
    sign_in(sized, live_server, editor.username)
    open_step(sized, live_server, review_comparison, 2)
    sized.click('#step [data-key="ok"]')
    wait_for_unit(sized, 3)
    sized.click('#step [data-key="prev"]')
    wait_for_unit(sized, 2)
    panel = sized.locator("details[data-history]")
    panel.locator("summary").click()
    entry = panel.locator(".history-entry").first
    entry.wait_for()
    wait_until_idle(sized)
    text = " ".join(entry.text_content().split())
    assert f"{editor.username} marked a unit as OK" in text
    no_sideways_scrolling(sized)
    assert not check(sized, "step: history open", sized.size).problems()
