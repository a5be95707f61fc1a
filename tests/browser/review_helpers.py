"""Shared steps of the review browser tests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in

MARKER = "window.__marker = 'still-the-same-page'"
MARKER_KEPT = "window.__marker === 'still-the-same-page'"


# The seed pair's link on the dashboard, which also lists the demo story's five copies.
SEED_LINK = "a.title-link:has-text('Mutual bombing between US forces')"


def open_first_unit(page, live_server, username: str) -> None:
    """Sign in, then dashboard → comparison → "Start review": the first unit."""
    sign_in(page, live_server, username)
    page.click(SEED_LINK)
    page.wait_for_selector("#start-review")
    page.click("#start-review")
    page.wait_for_selector("#step")
    wait_until_ready(page)
    page.evaluate(MARKER)


def open_step(page, live_server, comparison, position: int) -> None:
    """Load one unit's step view as a whole page, ready for the keyboard."""
    page.goto(live_server.url + reverse("articles:step", args=[comparison.pk, position]))
    wait_until_ready(page)


def wait_until_ready(page) -> None:
    """Until htmx has set the page up (before that a link would load a whole page)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")


def unit_title(page) -> str:
    return page.text_content("#unit-title").split(" of ")[0].strip()


def wait_for_unit(page, position: int) -> None:
    """Until the unit at `position` is shown (its number, from 1, is position + 1)."""
    page.wait_for_function(
        "n => document.querySelector('#unit-title') && "
        "document.querySelector('#unit-title').textContent.trim().startsWith('Unit ' + n + ' ')",
        arg=position + 1,
    )
    wait_until_idle(page)


def wait_until_idle(page) -> None:
    """Until no htmx request is on its way (the shortcuts wait for that too)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def wait_for_notice(page, text: str) -> None:
    page.wait_for_function(
        "t => [...document.querySelectorAll('#step .notice')].some(n => n.textContent.includes(t))",
        arg=text,
    )


@pytest.fixture
def review_comparison(seed_comparison):
    """The comparison the browser tests review: the seed pair, as `make run` loads it."""
    return seed_comparison


def positions_with_suggestions(comparison) -> list[int]:
    return sorted(
        set(comparison.units.filter(flags__status="suggested").values_list("position", flat=True))
    )


def open_unit(page, position: int) -> None:
    """Jump to a unit by clicking its mark in the strip (in place)."""
    page.click(f"#review-head .strip li:nth-child({position + 1}) a")
    wait_for_unit(page, position)
