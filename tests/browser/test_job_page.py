"""The admin's bulk import in a real browser, with a real worker process: the upload
returns at once to the job page, whose progress bar and per-pair results fill in live
(htmx, without reloading the page), on a desktop and on a phone."""

from __future__ import annotations

import os
import re

import pytest
from django.db import connection

from articles.models import Comparison, Job
from tests.browser.conftest import sign_in
from tests.reliability.conftest import base_env
from tests.reliability.jobprocs import start_workers, write_bulk_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAIRS = 24


def database_url() -> str:
    """The live server's test database, for a worker process to share."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
    return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"


@pytest.fixture
def worker(tmp_path):
    group = start_workers(
        {**base_env(database_url()), "NEWSDRIFT_VAR_DIR": str(tmp_path)}, tmp_path / "w.log"
    )
    yield group
    group.stop()


def test_the_job_page_follows_a_bulk_import_live(
    page, browser, live_server, importer, worker, tmp_path, screenshot_dir
):
    bulk = write_bulk_file(tmp_path / "wire.jsonl", PAIRS)
    bulk.write_text(bulk.read_text() + "{not json\n", encoding="utf-8")
    sign_in(page, live_server, importer.username)
    page.goto(f"{live_server.url}/admin/articles/comparison/bulk-import/")
    page.set_input_files("#id_file", str(bulk))
    page.click("input[type=submit]")

    page.wait_for_url(re.compile(r".*/jobs/\d+/$"), timeout=15_000)
    job = Job.objects.get()
    assert f"{PAIRS + 1} pair(s) queued for import" in page.content()
    page.evaluate("window.stillTheSamePage = true")

    bar = page.locator("#job-live progress")
    page.wait_for_function(
        "() => { const bar = document.querySelector('#job-live progress');"
        " return bar && Number(bar.value) > 0 && Number(bar.value) < Number(bar.max); }",
        timeout=60_000,
    )
    page.screenshot(path=str(screenshot_dir / "job-page-running.png"), full_page=True)
    page.wait_for_selector("text=Finished", timeout=120_000)
    assert page.evaluate("window.stillTheSamePage") is True  # updated in place by htmx
    assert bar.get_attribute("value") == str(PAIRS + 1)
    live = page.locator("#job-live")
    assert "Imported" in live.inner_text() and "Rejected" in live.inner_text()
    assert f"line {PAIRS + 1}: is not valid JSON" in live.inner_text()
    first = Comparison.objects.order_by("pk").first()
    page.click(f"#job-live a[href='/comparisons/{first.pk}/']")
    page.wait_for_url(f"{live_server.url}/comparisons/{first.pk}/")
    page.screenshot(path=str(screenshot_dir / "job-page-done.png"), full_page=True)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and Comparison.objects.count() == PAIRS

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        small = phone.new_page()
        sign_in(small, live_server, importer.username)
        small.goto(f"{live_server.url}/jobs/{job.pk}/")
        # The page's own content fits the phone's width (the shared header is the
        # header's own business).
        width = small.evaluate("document.querySelector('#main').scrollWidth")
        small.screenshot(path=str(screenshot_dir / "job-page-phone.png"), full_page=True)
        assert width <= 390
    finally:
        phone.close()
    assert os.path.exists(screenshot_dir / "job-page-running.png")
