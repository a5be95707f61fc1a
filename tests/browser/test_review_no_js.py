"""Without JavaScript every link and form still works: mark a unit OK with the plain form."""

from __future__ import annotations

import pytest

from tests.browser import review_helpers
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


def test_it_marks_a_unit_ok_through_the_plain_form(browser, live_server, editor, review_comparison):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        sign_in(page, live_server, editor.username)
        page.click(review_helpers.SEED_LINK)
        page.click("#start-review")
        assert page.text_content("#unit-title").startswith("Unit 1")
        page.click("button.decide-ok")
        page.wait_for_load_state()
        assert page.url.endswith(f"/comparisons/{review_comparison.pk}/step/1/")
        assert page.text_content("#unit-title").startswith("Unit 2")
        assert "Marked OK." in page.text_content("#step")
        total = review_comparison.units.count()
        assert f"1 / {total} reviewed" in page.text_content("#progress-text")
        unit = review_comparison.units.get(position=0)
        assert (unit.review_state, unit.reviewed_by) == ("ok", editor)
        page.click('#step [data-key="next"]')
        assert page.text_content("#unit-title").startswith("Unit 3")
    finally:
        context.close()
