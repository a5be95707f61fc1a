"""Browser tests: Debian's Chromium, driven by Playwright for Python.

Playwright never downloads a browser here: it is pointed at /usr/bin/chromium (`make
browser` installs Debian's package). Screenshots go to test-output/.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import TEST_OUTPUT

CHROMIUM = os.environ.get("NEWSDRIFT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The live server runs in a thread of the test process; Django refuses ORM calls from
# Playwright's event loop thread unless told this is a synchronous test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM}: Chromium is not installed (run `make browser`)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    return TEST_OUTPUT


def sign_in(page, live_server, username: str, password: str = "pw-for-tests-only") -> None:
    """Sign in through the real sign-in form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
