"""The names index in a real browser, on a desktop and a phone: a search finds a pair,
its page lists where it occurs and opens the unit's step view; staff add the pair to
the ignore list from there. Every page passes axe and fits the window's width."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.tuning.models import IgnoreEntry, TuningEvent
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.conftest import _user
from tests.stories_helpers import import_seed_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page, name: str, size: str) -> None:
    result = check(page, name, size)
    assert not result.problems(), "\n".join(result.problems())


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_finds_a_spelling_and_opens_where_it_occurs(browser, live_server, viewer, size):
    import_seed_story()
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        sign_in(page, live_server, viewer.username)
        page.goto(live_server.url + reverse("articles:names"))
        _checked(page, "names", size)
        # Each name on one line, never cut inside a word ("Vandersloo" / "t").
        lines = page.eval_on_selector_all(
            ".names-grid tbody td:first-child del",
            "names => names.map(n => n.getClientRects().length)",
        )
        assert lines and set(lines) == {1}, lines
        page.fill("#id_q", "fander")
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state("networkidle")
        rows = page.locator(".names-grid tbody tr")
        assert rows.count() == 1 and "Vandersloot" in rows.first.inner_text()
        _checked(page, "names (search)", size)
        rows.first.get_by_role("link", name="Vandersloot → Fandersloot").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text() == "Vandersloot → Fandersloot"
        assert page.get_by_text("Not on the ignore list").is_visible()
        assert page.locator("form.name-ignore-form").count() == 0  # viewers: no form
        _checked(page, "name pair", size)
        page.locator(".names-grid tbody tr").first.get_by_role("link", name="Unit").click()
        page.wait_for_load_state("networkidle")
        assert "/step/" in page.url and "Fandersloot" in page.content()
    finally:
        context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_staff_add_a_pair_to_the_ignore_list_for_one_outlet(browser, live_server, size):
    import_seed_story()
    tuner = _user("tara", "Editors", is_staff=True)
    tuner.user_permissions.add(Permission.objects.get(codename="add_ignoreentry"))
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        sign_in(page, live_server, tuner.username)
        page.goto(live_server.url + reverse("articles:names") + "?q=brouw")
        page.locator(".names-grid tbody tr").first.get_by_role("link").click()
        page.wait_for_load_state("networkidle")
        _checked(page, "name pair (staff)", size)
        page.get_by_label("For").select_option("Evening Courier")
        page.get_by_label("Why the newsroom accepts it").fill("Both are used by the ministry.")
        page.get_by_role("button", name="Add to the ignore list").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_text("Added to the ignore list").is_visible()
        assert "(Evening Courier)" in page.locator(".name-pair-ignore").inner_text()
        _checked(page, "name pair (added)", size)
        entry = IgnoreEntry.objects.get()
        assert (entry.outlet, entry.created_by_id) == ("Evening Courier", tuner.pk)
        assert TuningEvent.objects.get().action == "ignore.add"
        page.goto(live_server.url + reverse("articles:names"))
        row = page.locator(".names-grid tbody tr", has_text="Brouwersma")
        assert "accepted for evening courier" in row.inner_text().casefold()
    finally:
        context.close()
