"""A comment with a mention turns up in the other editor's notifications: edna posts
on a unit with htmx (the page stays), otto signs in, sees the unread count in the
header, opens the list, follows the link to the unit and marks it read (the count
goes, out of band). At desktop and phone size, axe-clean at every step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Comment, Notification
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import MARKER, MARKER_KEPT, wait_until_idle, wait_until_ready
from tests.builders import build_comparison
from tests.conftest import TEST_OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["desktop", "phone"])
def sized_context(request, browser):
    context = browser.new_context(viewport=SIZES[request.param])
    context.size_name = request.param
    yield context
    context.close()


@pytest.fixture
def comparison(db):
    return build_comparison(
        [
            ("Colonel Wayne Maroto said the base was hit.", "Colonel Wayne Malotto said so."),
            ("She vowed revenge.", "They vowed to retaliate."),
        ],
        title="Mutual bombing in Syria",
    )


def assert_clean(page, name: str, size: str) -> None:
    found = check(page, name, size)
    assert not found.problems(), "\n".join(found.problems())


def test_a_mention_reaches_the_other_editors_notifications(
    sized_context, live_server, editor, other_editor, comparison
):
    size = sized_context.size_name
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    step = reverse("articles:step", args=[comparison.pk, 0])

    # edna comments on the first unit, mentioning otto; htmx swaps the section in place.
    page = sized_context.new_page()
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + step)
    wait_until_ready(page)
    page.evaluate(MARKER)
    unit = comparison.units.get(position=0)
    box = page.locator(f"#comments-unit-{unit.pk}-body")
    box.scroll_into_view_if_needed()
    box.fill("@otto is it Maroto or Malotto? <b>check</b>")
    page.click(f"#comments-unit-{unit.pk} form.comment-form button[type=submit]")
    page.wait_for_selector(f"#comments-unit-{unit.pk} .comment-body a.mention")
    wait_until_idle(page)
    assert page.evaluate(MARKER_KEPT)  # no page load
    section = page.locator(f"#comments-unit-{unit.pk}")
    assert "otto notified" in section.text_content()
    assert section.locator(".comment-body").text_content() == (
        "@otto is it Maroto or Malotto? <b>check</b>"
    )
    assert_clean(page, "step: a comment posted", size)
    section.screenshot(path=str(TEST_OUTPUT / f"discussion-comment-{size}.png"))
    page.close()
    assert Comment.objects.get().mentions == ["otto"]

    # otto sees the unread count in the header of any page.
    page = sized_context.new_page()
    page.context.clear_cookies()
    sign_in(page, live_server, other_editor.username)
    page.goto(live_server.url + reverse("articles:dashboard"))
    wait_until_ready(page)
    assert page.locator("#notifications-link .unread-badge").get_attribute("data-unread") == "1"
    page.click("#notifications-link")
    page.wait_for_selector(".notification.is-unread")
    wait_until_ready(page)
    text = page.locator(".notification-text").text_content()
    assert "edna mentioned you on unit 1 of" in text
    assert_clean(page, "notifications: one unread", size)
    page.screenshot(path=str(TEST_OUTPUT / f"discussion-notifications-{size}.png"))

    # Marking it read with htmx updates the header's count out of band.
    page.evaluate(MARKER)
    page.click(".notification form button[type=submit]")
    page.wait_for_selector(".notification:not(.is-unread)")
    page.wait_for_selector("#notifications-link:not(:has(.unread-badge))")
    wait_until_idle(page)
    assert page.evaluate(MARKER_KEPT)
    assert Notification.objects.get().read_at is not None
    assert_clean(page, "notifications: all read", size)

    # The notification leads to the unit, where the comment is.
    page.click(".notification-text a")
    page.wait_for_selector("#step")
    wait_until_ready(page)
    assert page.url.endswith(step + "#comments")
    assert "is it Maroto or Malotto?" in page.locator(f"#comments-unit-{unit.pk}").text_content()


def test_the_timeline_lists_the_comment_and_filters_by_kind(
    sized_context, live_server, editor, comparison
):
    from articles.discussion.comments import add_comment

    add_comment(user=editor, comparison=comparison, body="The whole story reads fine.")
    page = sized_context.new_page()
    sign_in(page, live_server, editor.username)
    page.goto(live_server.url + comparison.get_absolute_url())
    wait_until_ready(page)
    assert "The whole story reads fine." in page.locator("#discussion").text_content()
    page.click("#timeline-link")
    page.wait_for_selector("#timeline-entries")
    wait_until_ready(page)
    page.select_option("#timeline-kind", "comment")
    page.click(".timeline-filter button[type=submit]")
    page.wait_for_url("**/timeline/?*kind=comment*")
    wait_until_idle(page)
    entries = page.locator(".timeline-entry")
    assert entries.count() == 1
    assert "edna commented The whole story reads fine." in " ".join(
        entries.first.text_content().split()
    )
    assert_clean(page, "timeline: filtered by kind", sized_context.size_name)
