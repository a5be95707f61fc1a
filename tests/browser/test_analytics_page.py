"""The analytics page in a real browser, on a desktop and a phone: its charts are drawn
(bars as long as their figures say), readable within the window, filtered by the form,
and the page has no axe-core violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.analytics_helpers import build_archive
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.builders import build_comparison

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_draws_the_charts_and_filters_them_by_outlet(
    browser, live_server, editor, other_editor, size
):
    build_archive(editor, other_editor)
    # An outlet with a long name (the seed pair's) in the filter, the charts and tables.
    long = build_comparison([("A long outlet's story.", "A long outlet's story.")])
    long.retranslation.outlet = "Republished Reuters wire (machine retranslation)"
    long.retranslation.save()  # the analytics follow (articles/analytics/hooks.py)
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        sign_in(page, live_server, editor.username)
        page.goto(live_server.url + reverse("articles:analytics"))
        for key in ("outlets", "months", "flags", "ranking", "throughput"):
            chart = page.locator(f"svg#chart-{key}")
            assert chart.is_visible(), key
            box = chart.bounding_box()
            assert box and box["width"] > 200 and box["x"] + box["width"] <= SIZES[size]["width"]
        # Alpha's bar of the ranking (3.50) is longer than Beta's (0.25): the picture
        # says what the table says.
        bars = page.locator("svg#chart-ranking rect")
        widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
        assert len(widths) == 2 and widths[0] > widths[1] * 10
        assert page.get_by_role("img", name="Drift score by outlet").count() == 1
        result = check(page, "analytics", size)
        assert not result.problems(), "\n".join(result.problems())

        page.select_option("#id_outlet", "Beta")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_load_state("networkidle")
        assert "outlet=Beta" in page.url
        table = page.get_by_role("region", name="Drift score by outlet: the figures")
        assert "Beta" in table.inner_text() and "Alpha" not in table.inner_text()
        result = check(page, "analytics (one outlet)", size)
        assert not result.problems(), "\n".join(result.problems())
    finally:
        context.close()
