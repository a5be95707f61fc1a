"""Import a pair through the admin in a real browser, with real files."""

from __future__ import annotations

import re

import pytest

from articles.models import Comparison
from tests.browser.conftest import sign_in
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_imports_a_pair_previews_it_and_opens_the_analysed_comparison(
    page, live_server, importer, screenshot_dir
):
    sign_in(page, live_server, importer.username)
    page.goto(f"{live_server.url}/admin/articles/comparison/")
    page.click("text=Import a pair")
    page.wait_for_url(re.compile(r".*/admin/articles/comparison/import/$"))

    page.set_input_files("#id_source_file", str(SEED_SOURCE))
    page.set_input_files("#id_retranslation_file", str(SEED_RETRANSLATION))
    page.fill("#id_retranslation_outlet", "Republished wire")
    page.screenshot(path=str(screenshot_dir / "admin-import-form.png"), full_page=True)
    page.click("input[name=_preview]")

    page.wait_for_url(re.compile(r".*/import/preview/[\w-]+/$"))
    source = page.locator("#preview-source")
    retranslation = page.locator("#preview-retranslation")
    assert "Mutual bombing between US forces" in source.locator(".preview-title").inner_text()
    assert int(retranslation.locator(".preview-sentences").inner_text()) > 5
    metadata = retranslation.locator(".preview-metadata").inner_text()
    assert "Authors: Phil Stewart and Idrees Ali" in metadata
    assert "[ad_1]" in metadata
    assert "Republished wire" in retranslation.inner_text()
    page.screenshot(path=str(screenshot_dir / "admin-import-preview.png"), full_page=True)
    assert Comparison.objects.count() == 0  # nothing saved before confirming

    page.click("input[name=_confirm]")
    page.wait_for_url(re.compile(r".*/comparisons/\d+/$"))
    comparison = Comparison.objects.get()
    assert page.url == f"{live_server.url}/comparisons/{comparison.pk}/"
    assert f"Imported and analysed comparison {comparison.pk}" in page.content()
    assert comparison.units.exists()
    assert comparison.retranslation.outlet == "Republished wire"
    page.screenshot(path=str(screenshot_dir / "admin-import-done.png"), full_page=True)
