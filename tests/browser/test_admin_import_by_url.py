"""Import a pair by URL through the admin in a real browser, at desktop and phone
size: the pages come from a real HTTP server on 127.0.0.1; every page on the way is
axe-clean and has no sideways scrolling."""

from __future__ import annotations

import re

import pytest

from articles.models import ArticleFetch, Comparison
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.fetch_server import serving

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fetch_server(settings):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = "127.0.0.1/32"
    settings.NEWSDRIFT_FETCH_TIMEOUT_SECONDS = 5
    with serving() as server:
        yield server


def assert_clean(page, name: str, size: str) -> None:
    found = check(page, name, size)
    assert not found.problems(), "\n".join(found.problems())


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_imports_a_pair_by_url_and_shows_where_it_came_from(
    page, live_server, importer, fetch_server, screenshot_dir, size
):
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server, importer.username)
    page.goto(f"{live_server.url}/admin/articles/comparison/import/")
    page.fill("#id_source_fetch_url", fetch_server.url("/hop/1"))
    page.fill("#id_retranslation_fetch_url", fetch_server.url("/retold"))
    assert_clean(page, "import form with addresses", size)
    page.click("input[name=_preview]")

    page.wait_for_url(re.compile(r".*/import/preview/[\w-]+/$"))
    source = page.locator("#preview-source")
    assert "Rockets hit US base in Syria" in source.locator(".preview-title").inner_text()
    assert "web page" in source.inner_text()
    assert "redirected to" in source.locator(".preview-fetched").inner_text()
    assert "Advertisement" in source.locator(".preview-metadata").inner_text()
    assert_clean(page, "import preview of fetched pages", size)
    page.screenshot(
        path=str(screenshot_dir / f"admin-import-url-preview-{size}.png"), full_page=True
    )
    assert not Comparison.objects.exists()

    page.click("input[name=_confirm]")
    page.wait_for_url(re.compile(r".*/comparisons/\d+/$"))
    comparison = Comparison.objects.get()
    provenance = page.locator("#provenance")
    assert fetch_server.url("/hop/1") in provenance.inner_text()
    assert "1 redirect" in provenance.inner_text()
    assert_clean(page, "overview of a fetched pair", size)
    page.screenshot(path=str(screenshot_dir / f"overview-fetched-{size}.png"), full_page=True)

    fetch = ArticleFetch.objects.get(article=comparison.source)
    page.click(f"a[href$='/pages/{fetch.pk}/']")
    assert '<nav class="main-nav">' in page.locator("body").inner_text()


def test_a_refused_address_is_shown_on_its_field(
    page, live_server, importer, fetch_server, settings
):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = ""
    page.set_viewport_size(SIZES["phone"])
    sign_in(page, live_server, importer.username)
    page.goto(f"{live_server.url}/admin/articles/comparison/import/")
    story = fetch_server.url("/story")
    page.fill("#id_source_fetch_url", story)
    page.fill("#id_retranslation_fetch_url", fetch_server.url("/retold"))
    page.click("input[name=_preview]")
    page.wait_for_selector(".errorlist")
    assert f"source ({story}): is a loopback address (127.0.0.1)" in page.content()
    assert_clean(page, "import form with a refused address", "phone")
    assert fetch_server.requests == []
