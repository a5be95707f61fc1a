"""A dismissed suggestion stays readable: its folded section, opened, has no axe
violation at any size (it was drawn at 75% opacity, which took its grey text below the
contrast the rules ask for) and still looks set apart from the open ones."""

from __future__ import annotations

import pytest

from articles.review.flags import dismiss_flag
from tests.browser import review_helpers
from tests.browser.accessibility import SIZES, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison

LOOK = """() => {
  const dismissed = document.querySelector('details.dismissed .flag-dismissed');
  const open = document.querySelector('.flag-suggestion');
  const style = (element) => {
    const css = getComputedStyle(element);
    return {opacity: css.opacity, background: css.backgroundColor, border: css.borderTopStyle};
  };
  return {dismissed: style(dismissed), open: open ? style(open) : null};
}"""


@pytest.fixture
def unit_with_a_dismissed_suggestion(review_comparison, editor):
    for unit in review_comparison.units.order_by("position"):
        flags = list(unit.flags.filter(status="suggested").order_by("pk"))
        if len(flags) >= 2:
            unit.comparison = review_comparison
            dismiss_flag(user=editor, unit=unit, flag=flags[0], shown_version=unit.version)
            return unit
    pytest.fail("the seed pair has no unit with two suggestions")


@pytest.mark.parametrize("size", ["phone", "tablet", "desktop"])
def test_it_shows_dismissed_suggestions_opened_without_an_axe_violation(
    browser, live_server, editor, review_comparison, unit_with_a_dismissed_suggestion, size
):
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        review_helpers.sign_in(page, live_server, editor.username)
        review_helpers.open_step(
            page, live_server, review_comparison, unit_with_a_dismissed_suggestion.position
        )
        page.click("details.dismissed summary")
        page.wait_for_selector("details.dismissed[open] .flag-dismissed")
        violations = axe_violations(page)
        look = page.evaluate(LOOK)
    finally:
        context.close()

    assert violations == [], violations
    assert look["dismissed"]["opacity"] == "1"
    assert look["open"] is not None
    # Set apart by its background and border, not by fading its text.
    assert look["dismissed"]["background"] != look["open"]["background"]
    assert look["dismissed"]["border"] != look["open"]["border"]
