"""Pages of several people at one size, for the team browser tests."""

from __future__ import annotations

from contextlib import contextmanager

from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.conftest import TEST_OUTPUT


def screenshots():
    """Where the team tests leave their screenshots (test-output/, not committed)."""
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    return TEST_OUTPUT


@contextmanager
def signed_in(browser, live_server, username: str, size: str):
    """A fresh browser context at `size`, signed in as `username`."""
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    try:
        sign_in(page, live_server, username)
        yield page
    finally:
        context.close()


def assert_clean(page, name: str, size: str) -> None:
    """No axe violation and no sideways scrolling."""
    found = check(page, name, size)
    wide = page.evaluate(WIDER_THAN_THE_WINDOW) if found.overflows else []
    assert not found.problems(), "\n".join(found.problems() + wide)


# The innermost elements that reach past the window's right edge (to say what overflows).
WIDER_THAN_THE_WINDOW = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => ![...e.children].some(
    c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
  .slice(0, 8)
  .map(e => `${e.tagName.toLowerCase()}.${e.className} right=${e.getBoundingClientRect().right}`)"""
