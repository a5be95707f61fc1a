"""The names index in a real browser, on a desktop and a phone: a search finds a pair,
and its occurrence opens the unit's step view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.stories_helpers import import_seed_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_finds_a_spelling_and_opens_where_it_occurs(browser, live_server, viewer, size):
    import_seed_story()
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        sign_in(page, live_server, viewer.username)
        page.goto(live_server.url + reverse("articles:names"))
        page.fill("#id_q", "fander")
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state("networkidle")
        rows = page.locator(".names-grid tbody tr")
        assert rows.count() == 1 and "Vandersloot" in rows.first.inner_text()
        result = check(page, "names (search)", size)
        assert not result.problems(), "\n".join(result.problems())
        rows.first.get_by_role("link").first.click()
        page.wait_for_load_state("networkidle")
        assert "/step/" in page.url and "Fandersloot" in page.content()
    finally:
        context.close()
