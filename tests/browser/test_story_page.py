"""The story page in a real browser: the demo story and a story of 30 copies, on a
desktop, a tablet and a phone (390 px), axe-clean, never scrolling sideways."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.stories_helpers import build_story, import_seed_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stories(db):
    return {"demo": import_seed_story(), "wide": build_story(30, 12, seed=7)}


def open_story(browser, live_server, user, source, size: str):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    sign_in(page, live_server, user.username)
    page.goto(live_server.url + reverse("articles:story", args=[source.pk]))
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.parametrize("size", list(SIZES))
def test_it_has_no_axe_violation_and_no_sideways_page_scrolling(
    browser, live_server, editor, stories, size
):
    problems = []
    for which in ("demo", "wide"):
        context, page = open_story(browser, live_server, editor, stories[which], size)
        try:
            problems += check(page, f"story ({which})", size).problems()
            page.get_by_role("button", name="Compare the two copies").click()
            page.wait_for_load_state("networkidle")
            problems += check(page, f"two copies ({which})", size).problems()
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_it_scrolls_30_copies_inside_the_table_with_the_sentences_kept_in_view(
    browser, live_server, viewer, stories
):
    context, page = open_story(browser, live_server, viewer, stories["wide"], "desktop")
    try:
        box = page.locator(".story-scroll")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1400
        assert box.evaluate("e => e.scrollWidth > e.clientWidth")
        first = page.locator(".story-grid tbody th.story-sentence").first
        before = first.bounding_box()
        box.evaluate("e => e.scrollLeft = e.scrollWidth")
        after = first.bounding_box()
        assert after["x"] == pytest.approx(before["x"], abs=1)
        assert page.locator("thead th.story-copy").count() == 30
        # The last copy's column is reachable and its cells link to the step view.
        last = page.locator(".story-grid tbody tr").first.locator("td").last
        assert last.is_visible()
    finally:
        context.close()


def test_it_opens_a_cells_unit_in_the_step_view(browser, live_server, editor, stories):
    context, page = open_story(browser, live_server, editor, stories["demo"], "desktop")
    try:
        name = re.compile(r"^Missing\W+sentence 8 in Riverside Post$")
        page.get_by_role("link", name=name).click()
        page.wait_for_load_state("networkidle")
        assert "/step/" in page.url
        assert "About 600 homes were flooded" in page.content()
    finally:
        context.close()


def test_it_is_a_list_of_sentences_on_a_phone(browser, live_server, viewer, stories):
    context, page = open_story(browser, live_server, viewer, stories["demo"], "phone")
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        head = page.locator(".story-grid thead")
        assert not head.is_visible() or head.bounding_box()["width"] <= 1
        row = page.locator(".story-grid tbody tr").nth(7)
        assert row.locator("th").bounding_box()["width"] > 300  # a block, not a column
        cells = row.locator("td")
        assert cells.count() == 5
        top = [cells.nth(i).bounding_box()["y"] for i in range(5)]
        assert top == sorted(top) and top[0] < top[4]  # one under the other
        assert "Riverside Post" in row.inner_text()
        # The copies' drift scores are on the phone too (the head row is hidden there).
        assert page.locator(".copy-card").count() == 5
        assert page.locator(".copy-card").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_confirms_a_shared_respelling_in_every_copy_with_one_click(
    browser, live_server, editor, stories, size
):
    from articles.models import Flag

    context, page = open_story(browser, live_server, editor, stories["demo"], size)
    try:
        row = page.locator("#shared tbody tr", has_text="Fandersloot")
        assert "4 of 5" in row.inner_text()
        row.get_by_role("button", name="Confirm Fandersloot in all").click()
        page.wait_for_load_state("networkidle")
        assert "Confirmed “Fandersloot” (Name): 4 flag(s) in 4 copies." in page.content()
        assert (
            "4 confirmed" in page.locator("#shared tbody tr", has_text="Fandersloot").inner_text()
        )
        assert Flag.objects.filter(target_span="Fandersloot", status="confirmed").count() == 4
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    finally:
        context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_follows_a_copy_to_the_copy_it_came_from(browser, live_server, viewer, stories, size):
    context, page = open_story(browser, live_server, viewer, stories["demo"], size)
    try:
        row = page.locator("#lineage tbody tr", has_text="Riverside Post")
        row.get_by_role("link", name=re.compile("Coastal Times")).click()
        page.wait_for_load_state("networkidle")
        assert "/compare/" in page.url
        assert "of 11 source sentences read differently" in page.content()
        assert page.locator(".pair-grid tbody tr").count() >= 11
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    finally:
        context.close()
