"""The dashboard's download menu carries every filter of the list it sits under, the
queue's (assignee, stage, due) included, on the full page and in the out-of-band
refresh that follows an htmx filter; and each link downloads what is listed."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.team_helpers import queue_of_work, role_users

from .conftest import HTMX

URL = reverse("articles:dashboard")
FILTERS = {
    "status": "in_approval",
    "q": "Mine",
    "assignee": "me",
    "stage": "approval",
    "due": "overdue",
}


@pytest.fixture
def people(db):
    return role_users()


def download_links(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {a.get_text(): a["href"] for a in soup.select("#downloads a")}


def test_it_gives_every_download_link_the_lists_filters(client, people):
    client.force_login(people["editor"])
    links = download_links(client.get(URL, FILTERS).content.decode())
    assert len(links) == 5
    for href in links.values():
        address = urlsplit(href)
        assert address.path.startswith(reverse("reports:selection", args=["x"])[:-1])
        assert parse_qs(address.query) == {name: [value] for name, value in FILTERS.items()}


def test_it_gives_the_queue_filters_alone_too(client, people):
    client.force_login(people["editor"])
    links = download_links(client.get(URL, {"assignee": "none"}).content.decode())
    assert links["JSON (newsdrift.report/1.1)"] == reverse("reports:selection", args=["json"]) + (
        "?assignee=none"
    )


def test_the_out_of_band_refresh_after_an_htmx_filter_carries_them(client, people):
    client.force_login(people["editor"])
    html = client.get(URL, {"assignee": "stella", "due": "week"}, **HTMX).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    downloads = soup.select_one("#downloads")
    assert downloads["hx-swap-oob"] == "true"
    assert downloads["data-filter-query"] == "assignee=stella&due=week"
    hrefs = [a["href"] for a in downloads.select("a")]
    assert hrefs and all(href.endswith("?assignee=stella&due=week") for href in hrefs)


def test_the_unfiltered_dashboard_downloads_everything(client, people):
    client.force_login(people["editor"])
    links = download_links(client.get(URL).content.decode())
    assert links["CSV (one row per flag)"] == reverse("reports:selection", args=["csv"])


def test_its_json_link_downloads_the_comparisons_listed(client, people):
    work = queue_of_work(people)
    client.force_login(people["editor"])
    query = {"assignee": "me", "due": "overdue"}
    page = client.get(URL, query).content.decode()
    listed = {
        int(cell.get_text())
        for cell in BeautifulSoup(page, "html.parser").select("table.dashboard td.col-id")
    }
    assert listed == {work["Mine late"].pk, work["Mine awaiting approval"].pk}
    response = client.get(download_links(page)["JSON (newsdrift.report/1.1)"])
    document = json.loads(b"".join(response.streaming_content))
    assert {r["comparison"]["id"] for r in document["reports"]} == listed
