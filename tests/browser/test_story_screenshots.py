"""Screenshots of the story page for the README and docs/stories.md: the demo story at
1280 px, and on a phone (390 × 844). They go to test-output/; docs/screenshots/ holds
the copies the documents show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.accessibility import SIZES
from tests.browser.conftest import sign_in
from tests.stories_helpers import import_seed_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_the_screenshots(browser, live_server, editor, screenshot_dir):
    source = import_seed_story()
    url = live_server.url + reverse("articles:story", args=[source.pk])
    wide = browser.new_context(viewport={"width": 1280, "height": 1500})
    phone = browser.new_context(viewport=SIZES["phone"], is_mobile=True, device_scale_factor=2)
    try:
        page = wide.new_page()
        sign_in(page, live_server, editor.username)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator(".story-grid thead th.story-copy").count() == 5
        page.screenshot(path=str(screenshot_dir / "story.png"))
        small = phone.new_page()
        sign_in(small, live_server, editor.username)
        small.goto(url + "#grid-title")
        small.wait_for_load_state("networkidle")
        small.screenshot(path=str(screenshot_dir / "story-phone.png"))
    finally:
        wide.close()
        phone.close()
    assert (screenshot_dir / "story.png").stat().st_size > 10_000
    assert (screenshot_dir / "story-phone.png").stat().st_size > 10_000
