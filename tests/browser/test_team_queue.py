"""The queue in a browser: staff tick comparisons on the dashboard and assign them with
a due date and a priority; the editor finds them first, under "My queue", overdue said in
words, and picks up another one. Desktop, tablet and phone, axe clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.assignments.models import Assignment, Priority
from articles.roles import EDITORS
from tests.browser.team_helpers import assert_clean, screenshots, signed_in
from tests.builders import build_comparison
from tests.team_helpers import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(db):
    staff = make_user("stella", EDITORS, is_staff=True)
    editor = make_user("eddie", EDITORS)
    comparisons = [
        build_comparison(
            [(f"Minister {n} said the talks would resume.", f"Minister {n} says talks resume.")],
            title=f"Talks story {n}",
        )
        for n in range(4)
    ]
    return staff, editor, comparisons


@pytest.mark.parametrize("size", ["desktop", "tablet", "phone"])
def test_staff_assign_from_the_dashboard_and_the_editor_works_from_the_queue(
    browser, live_server, newsroom, size
):
    staff, editor, comparisons = newsroom
    overdue = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    with signed_in(browser, live_server, staff.username, size) as page:
        assert_clean(page, "dashboard (staff)", size)
        for comparison in comparisons[:2]:
            page.check(f"#select-{comparison.pk}")
        page.select_option("#assign-form select[name=assignee]", label="eddie")
        page.select_option("#assign-form select[name=priority]", label="Urgent")
        page.fill("#assign-form input[name=due_date]", overdue)
        page.click("#assign-form button[name=assign]")
        page.wait_for_selector("text=Assigned 2 comparisons to eddie")
        assert_clean(page, "dashboard (staff, after assigning)", size)
        # The assignment page the admin's action opens.
        chosen = "&".join(f"comparison={c.pk}" for c in comparisons[2:])
        page.goto(f"{live_server.url}/assignments/?{chosen}")
        page.wait_for_selector("text=Assign 2 comparisons")
        assert_clean(page, "assignment page", size)
    assigned = Assignment.objects.order_by("comparison_id")
    assert [(a.assignee_id, a.priority) for a in assigned] == [(editor.pk, Priority.URGENT)] * 2

    with signed_in(browser, live_server, editor.username, size) as page:
        queue = page.locator("section.my-queue")
        queue.wait_for()
        mine = queue.locator("ol.queue-list > li")
        assert mine.count() == 2
        assert "Overdue" in mine.first.inner_text() and "Urgent" in mine.first.inner_text()
        assert (
            page.locator("section.my-queue").bounding_box()["y"]
            < (page.locator("form.filterbar").bounding_box()["y"])
        )
        assert_clean(page, "dashboard (editor's queue)", size)
        page.screenshot(path=str(screenshots() / f"team-queue-{size}.png"), full_page=True)
        pick = queue.locator("ul.queue-list > li").first
        picked_title = pick.locator("a.title-link").inner_text()
        pick.locator("button", has_text="Pick up").click()
        page.wait_for_selector("text=is in your queue now")
        assert queue.locator("ol.queue-list > li").count() == 3
        assert picked_title in queue.locator("ol.queue-list").inner_text()
        # The filters: mine, overdue.
        page.select_option("#id_due", "overdue")
        page.wait_for_selector("text=2 comparisons match the filter")
        assert "due=overdue" in page.url
        assert page.locator("table.dashboard .overdue-tag").count() == 2
        assert_clean(page, "dashboard (overdue filter)", size)
