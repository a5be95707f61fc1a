"""A unit's state and a flag's severity never share a colour, and each says itself in
words and an icon too (Flagged and Major were the same orange)."""

from __future__ import annotations

import pytest

from articles.review.flags import accept_flag
from tests.browser import review_helpers
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison

COLOURS = """() => {
  const css = (selector, property, pseudo) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element, pseudo || null)[property] : null;
  };
  return {
    flaggedSwatch: css('.legend .swatch.st-flagged', 'backgroundColor'),
    okSwatch: css('.legend .swatch.st-ok', 'backgroundColor'),
    minorSwatch: css('.legend .swatch.sev-minor', 'backgroundColor'),
    majorSwatch: css('.legend .swatch.sev-major', 'backgroundColor'),
    criticalSwatch: css('.legend .swatch.sev-critical', 'backgroundColor'),
    flaggedMark: css('ol.strip .mark.st-flagged.sev-major', 'backgroundColor'),
    majorBand: css('ol.strip .mark.st-flagged.sev-major', 'backgroundColor', '::after'),
    flaggedBadge: css('.unit-row.st-flagged .state-flagged', 'backgroundColor'),
    majorChip: css('.unit-row.st-flagged .chip.sev-major', 'backgroundColor'),
  };
}"""


@pytest.fixture
def flagged_major(review_comparison, editor):
    """A unit flagged by accepting a major suggestion."""
    for unit in review_comparison.units.order_by("position"):
        flag = unit.flags.filter(status="suggested", severity="major").first()
        if flag is not None:
            unit.comparison = review_comparison
            accept_flag(user=editor, unit=unit, flag=flag, shown_version=unit.version)
            return unit
    pytest.fail("the seed pair has no major suggestion")


def test_it_gives_flagged_and_each_severity_colours_of_their_own(
    page, live_server, editor, review_comparison, flagged_major
):
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + review_comparison.get_absolute_url())
    colours = page.evaluate(COLOURS)
    row = page.locator(f"#unit-{flagged_major.position}")
    badge = row.locator(".state-flagged").inner_text()
    chip = row.locator(".chip.sev-major").first.inner_text()
    legend = page.locator(".legend").first.inner_text()

    assert None not in colours.values(), colours
    swatches = [colours[k] for k in ("flaggedSwatch", "okSwatch", "minorSwatch")]
    swatches += [colours["majorSwatch"], colours["criticalSwatch"]]
    assert len(set(swatches)) == 5
    assert colours["flaggedMark"] != colours["majorBand"]
    assert colours["majorBand"] == colours["majorSwatch"]
    assert colours["flaggedBadge"] != colours["majorChip"]
    assert badge.startswith("⚑") and "Flagged" in badge
    assert "Major" in chip
    for words in ("○ Unreviewed", "✓ OK", "⚑ Flagged", "△ Minor", "▲ Major", "▲▲ Critical"):
        assert words in legend
