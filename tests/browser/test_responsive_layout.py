"""The review pages' layout at phone (390 × 844) and tablet (768 × 1024) sizes, and at
the desktop size it changes from: what is where, and how much of the screen the headers
take. (That no page scrolls sideways is test_accessibility_walk.py's.)"""

from __future__ import annotations

import pytest

from articles.assignments.assigning import assign
from articles.assignments.models import Priority
from articles.roles import EDITORS
from tests.browser import review_helpers
from tests.browser.accessibility import SIZES
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import open_step
from tests.conftest import _user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


@pytest.fixture
def sized(browser):
    contexts = []

    def open_at(size: str):
        context = browser.new_context(viewport=SIZES[size], has_touch=size != "desktop")
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


def inside_the_window(page, selector: str) -> bool:
    b, width = box(page, selector), page.viewport_size["width"]
    return b["x"] >= 0 and b["x"] + b["width"] <= width


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_it_keeps_the_top_bar_to_one_short_row_with_sign_out_on_screen(
    sized, live_server, editor, review_comparison, size
):
    page = sized(size)
    sign_in(page, live_server, editor.username)

    topbar = box(page, ".topbar")
    sign_out = box(page, ".topnav button")

    assert inside_the_window(page, ".topnav button")
    assert topbar["height"] <= 48
    assert sign_out["y"] + sign_out["height"] <= topbar["y"] + topbar["height"]


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_it_shows_the_dashboard_as_cards_within_the_window(
    sized, live_server, editor, review_comparison, size
):
    page = sized(size)
    sign_in(page, live_server, editor.username)

    row = box(page, "#results tbody tr")
    title = box(page, "#results .title-link")
    action = box(page, "#results .col-actions a")
    labels = page.locator("#results tbody tr").first.evaluate(
        "tr => [...tr.querySelectorAll('td[data-label]')]"
        ".map(td => getComputedStyle(td, '::before').content)"
    )

    assert row["x"] >= 0 and row["x"] + row["width"] <= SIZES[size]["width"]
    assert inside_the_window(page, "#results .title-link")
    assert action["y"] > title["y"]  # the action ends the card, below the title
    assert labels == [  # each value says what it is
        '"Retranslation: "',
        '"Reviewed: "',
        '"Open suggestions: "',
        '"Confirmed flags: "',
        '"Drift: "',
        '"Assigned: "',
        '"Last worked on: "',
    ]


def test_it_keeps_the_dashboard_a_table_on_a_desktop(sized, live_server, editor, review_comparison):
    page = sized("desktop")
    sign_in(page, live_server, editor.username)

    assert page.locator("#results thead").is_visible()
    assert page.locator("#results tbody tr").first.evaluate(
        "tr => getComputedStyle(tr).display"
    ) == ("table-row")


@pytest.mark.parametrize(("width", "layout"), [(1024, "block"), (1280, "table-row")])
def test_it_keeps_the_dashboard_within_a_laptop_or_landscape_tablet_window(
    browser, live_server, editor, review_comparison, width, layout
):
    # Staff see every column (the selection box and the assignment ones): cards below
    # 1280 px, where the twelve columns do not fit, a table from 1280 px.
    staff = _user("sam", EDITORS, is_staff=True)
    assign(by=staff, comparisons=[review_comparison], assignee=editor, priority=Priority.HIGH)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, staff.username)

        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        row_display = page.locator("#results tbody tr").first.evaluate(
            "tr => getComputedStyle(tr).display"
        )
    finally:
        context.close()

    assert scroll_width <= width
    assert (row_display == "table-row") == (layout == "table-row")


@pytest.mark.parametrize(
    ("size", "stacked", "sticky"),
    [("phone", True, False), ("tablet", False, True), ("desktop", False, True)],
)
def test_it_stacks_the_two_texts_on_a_phone_and_keeps_the_head_small(
    sized, live_server, editor, review_comparison, size, stacked, sticky
):
    page = sized(size)
    sign_in(page, live_server, editor.username)
    unit = review_comparison.units.get(source_text__contains="Wayne Maroto")
    open_step(page, live_server, review_comparison, unit.position)

    source, target = box(page, ".side-source"), box(page, ".side-target")
    head = box(page, "#review-head")
    position = page.eval_on_selector("#review-head", "e => getComputedStyle(e).position")
    page.mouse.wheel(0, 600)
    page.wait_for_function("() => window.scrollY > 0")
    head_after_scrolling = box(page, "#review-head")

    if stacked:
        assert source["y"] + source["height"] <= target["y"]  # the source first, above
        assert source["width"] == pytest.approx(target["width"], abs=1)
        assert source["width"] >= 0.85 * SIZES[size]["width"]
    else:
        assert source["y"] == pytest.approx(target["y"], abs=1)  # side by side
        assert source["x"] + source["width"] <= target["x"] + 1
    assert position == ("sticky" if sticky else "static")
    if sticky:
        # What stays on screen while reading: at most a sixth of it.
        assert head_after_scrolling["y"] == pytest.approx(0, abs=1)
        assert head["height"] <= SIZES[size]["height"] / 6
    else:
        assert head_after_scrolling["y"] + head_after_scrolling["height"] <= 0
    assert inside_the_window(page, "#step [data-key=next]")
    assert inside_the_window(page, "#step [data-key=ok]")


def test_it_hides_the_shortcut_hints_on_a_phone_but_not_on_a_tablet(
    sized, live_server, editor, review_comparison
):
    hints = {}
    for size in ("phone", "tablet"):
        page = sized(size)
        sign_in(page, live_server, editor.username)
        open_step(page, live_server, review_comparison, 1)
        hints[size] = page.locator("#step [data-key=ok] kbd").is_visible()
        # The filter tabs' keys, beside "Flagged", would read as counts: never shown,
        # named in the tab's title instead.
        tab = page.locator("[data-key=show-flagged]")
        assert tab.get_attribute("title") == "Key 3"
        assert not tab.locator("kbd").is_visible()

    assert hints == {"phone": False, "tablet": True}


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_it_keeps_each_flag_filter_label_beside_its_menu(
    sized, live_server, editor, review_comparison, size
):
    page = sized(size)
    sign_in(page, live_server, editor.username)
    open_step(page, live_server, review_comparison, 1)
    page.locator(".flag-filter-box summary").click()
    for field in ("category", "severity", "rule"):
        label, menu = box(page, f"label[for=filter-{field}]"), box(page, f"#filter-{field}")
        # On one line, the label just before its menu: never left at the end of the line
        # above it.
        assert abs((label["y"] + label["height"] / 2) - (menu["y"] + menu["height"] / 2)) < 3
        assert label["x"] + label["width"] <= menu["x"]
        assert inside_the_window(page, f"#filter-{field}")


def test_it_stacks_the_overview_units_as_cards_on_a_phone(
    sized, live_server, editor, review_comparison
):
    page = sized("phone")
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + review_comparison.get_absolute_url())
    unit = review_comparison.units.get(source_text__contains="Wayne Maroto")
    row = f"#unit-{unit.position}"

    source = box(page, f"{row} td[data-label=Source]")
    target = box(page, f"{row} td[data-label=Retranslation]")
    label = page.eval_on_selector(
        f"{row} td[data-label=Source]", "td => getComputedStyle(td, '::before').content"
    )

    assert source["y"] + source["height"] <= target["y"]
    assert inside_the_window(page, row)
    assert label == '"Source"'


@pytest.mark.parametrize(
    ("size", "beside"), [("desktop", True), ("tablet", False), ("phone", False)]
)
def test_it_puts_each_analytics_table_beside_its_chart_on_a_desktop_and_below_it_else(
    sized, live_server, editor, other_editor, size, beside
):
    from django.urls import reverse

    from tests.analytics_helpers import build_archive

    build_archive(editor, other_editor)
    page = sized(size)
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + reverse("articles:analytics"))
    chart, table = box(page, "#chart-outlets"), box(page, ".chart-table")
    if beside:
        assert table["x"] >= chart["x"] + chart["width"] and table["y"] < chart["y"] + 40
    else:
        assert table["y"] >= chart["y"] + chart["height"]
    assert inside_the_window(page, "#chart-outlets") and inside_the_window(page, ".chart-table")
