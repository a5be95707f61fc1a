"""Staff withdraw a blind double review from the comparison's overview: the card offers
it behind a disclosure that says what is discarded; after it the card offers to ask
again. At desktop, tablet and phone size, axe-clean with the disclosure open, nothing wider
than the screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.agreement import blind
from articles.agreement.models import DoubleReview
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.builders import build_comparison
from tests.conftest import TEST_OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["desktop", "tablet", "phone"])
def sized_context(request, browser):
    context = browser.new_context(viewport=SIZES[request.param])
    context.size_name = request.param
    yield context
    context.close()


def test_staff_withdraw_a_double_review_from_the_overview(
    sized_context, live_server, importer, editor, other_editor
):
    comparison = build_comparison(
        [("Colonel Wayne Maroto said the base was hit.", "Colonel Wayne Malotto said so.")],
        title="Mutual bombing in Syria",
    )
    blind.request_double_review(
        user=importer, comparison=comparison, first=editor, second=other_editor
    )
    page = sized_context.new_page()
    sign_in(page, live_server, importer.username)
    page.goto(live_server.url + reverse("articles:comparison", args=[comparison.pk]))

    page.click("#double-review summary:has-text('Withdraw this double review')")
    button = page.locator("#withdraw-double-review")
    assert button.is_visible()
    found = check(page, "overview: withdraw a double review", sized_context.size_name)
    assert not found.problems(), "\n".join(found.problems())
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    page.locator("#double-review").screenshot(
        path=str(TEST_OUTPUT / f"double-review-withdraw-{sized_context.size_name}.png")
    )

    button.click()
    page.wait_for_load_state("networkidle")

    assert "Blind double review of edna and otto withdrawn" in page.content()
    assert page.locator("#ask-double-review").count() == 1
    assert not DoubleReview.objects.exists()
    found = check(page, "overview: double review withdrawn", sized_context.size_name)
    assert not found.problems(), "\n".join(found.problems())
    page.locator("#double-review").screenshot(
        path=str(TEST_OUTPUT / f"double-review-withdrawn-{sized_context.size_name}.png")
    )
