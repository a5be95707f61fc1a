"""The dashboard's download menu in a browser follows the queue filters chosen in
place (htmx swaps the menu out of band), and its JSON link downloads exactly the
comparisons the page lists."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.team_helpers import signed_in
from tests.team_helpers import queue_of_work, role_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_downloads_what_the_filtered_dashboard_lists(browser, live_server):
    people = role_users()
    work = queue_of_work(people)
    with signed_in(browser, live_server, people["editor"].username, "desktop") as page:
        page.select_option("#id_assignee", "me")
        page.wait_for_url("**assignee=me**")
        page.select_option("#id_due", "overdue")
        page.wait_for_url("**due=overdue**")
        page.wait_for_selector("#downloads[data-filter-query='assignee=me&due=overdue']")
        listed = {int(cell) for cell in page.locator("table.dashboard td.col-id").all_inner_texts()}
        assert listed == {work["Mine late"].pk, work["Mine awaiting approval"].pk}
        page.click("#downloads summary")
        link = page.locator("#downloads a", has_text="JSON")
        href = link.get_attribute("href")
        assert parse_qs(urlsplit(href).query) == {"assignee": ["me"], "due": ["overdue"]}
        # The page's own session fetches the link, as clicking it would.
        response = page.request.get(live_server.url + href)
        assert response.ok
        document = json.loads(response.body())
        assert {r["comparison"]["id"] for r in document["reports"]} == listed
        assert document["selection"]["assignee"] == "eddie"
