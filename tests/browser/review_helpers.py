"""Shared steps of the review browser tests."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

MARKER = "window.__marker = 'still-the-same-page'"
MARKER_KEPT = "window.__marker === 'still-the-same-page'"


def open_first_unit(page, live_server, username: str) -> None:
    """Sign in, then dashboard → comparison → "Start review": the first unit."""
    sign_in(page, live_server, username)
    page.click("a.title-link")
    page.wait_for_selector("#start-review")
    page.click("#start-review")
    page.wait_for_selector("#step")
    wait_until_ready(page)
    page.evaluate(MARKER)


def wait_until_ready(page) -> None:
    """Until htmx has set the page up (before that a link would load a whole page)."""
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined && document.readyState === 'complete'")


def unit_title(page) -> str:
    return page.text_content("#unit-title").split(" of ")[0].strip()


def wait_for_unit(page, position: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('#unit-title') && "
        "document.querySelector('#unit-title').textContent.trim().startsWith('Unit ' + n + ' ')",
        arg=position,
    )


def wait_for_notice(page, text: str) -> None:
    page.wait_for_function(
        "t => [...document.querySelectorAll('#step .notice')].some(n => n.textContent.includes(t))",
        arg=text,
    )


@pytest.fixture
def review_comparison(db):
    """The comparison the browser tests review."""
    from tests.builders import build_comparison
    from tests.views.conftest import FLAGS, UNITS

    comparison = build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)
    comparison.ledger = [{"source": "Maroto", "target": "Malotto", "units": [1]}]
    comparison.save()
    return comparison
