"""The approval stage in a browser: the editor marks a reviewed comparison done, it
awaits approval; the approver reads every decision, sends it back with a note; the
editor sees the note, marks it done again; the approver approves it and it is read only.
Desktop, tablet and phone, axe clean on every page on the way."""

from __future__ import annotations

import pytest

from articles.models import Comparison
from articles.roles import APPROVERS, EDITORS
from tests.browser.team_helpers import assert_clean, screenshots, signed_in
from tests.builders import build_comparison
from tests.team_helpers import decide_everything, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Unit 2: Malotto is a new name, confirm the flag."


@pytest.fixture
def reviewed(db):
    editor = make_user("eddie", EDITORS)
    approver = make_user("april", APPROVERS)
    comparison = build_comparison(
        [
            ("US forces came under fire on Monday.", "U.S. troops were hit on Monday."),
            ("Colonel Wayne Maroto said so.", "Colonel Wayne Malotto said so."),
        ],
        title="Attack on a base in Syria",
        flags={
            1: [
                {
                    "category": "factual.name",
                    "severity": "major",
                    "source_span": "Maroto",
                    "target_span": "Malotto",
                    "reason": "The name Maroto became Malotto.",
                }
            ]
        },
    )
    decide_everything(comparison)
    return editor, approver, comparison


def mark_done(page, live_server, comparison) -> None:
    page.goto(f"{live_server.url}{comparison.get_absolute_url()}")
    page.click("text=Mark comparison done")
    page.wait_for_selector("text=Awaiting approval")


@pytest.mark.parametrize("size", ["desktop", "tablet", "phone"])
def test_a_send_back_then_an_approval(browser, live_server, reviewed, size):
    editor, approver, comparison = reviewed
    with signed_in(browser, live_server, editor.username, size) as page:
        mark_done(page, live_server, comparison)
        assert_clean(page, "overview (awaiting approval, reviewer)", size)
    assert Comparison.objects.get(pk=comparison.pk).status == "in_approval"

    with signed_in(browser, live_server, approver.username, size) as page:
        page.goto(f"{live_server.url}{comparison.get_absolute_url()}")
        page.click("#open-approval")
        page.wait_for_selector("#approve")
        assert "Reviewed by eddie" in page.inner_text("main")
        assert page.locator("article.decision").count() == 2
        assert_clean(page, "approval page", size)
        page.screenshot(path=str(screenshots() / f"team-approval-{size}.png"), full_page=True)
        # Dismissed flags are folded, as on the step view.
        page.click("article.decision details.dismissed summary")
        assert page.locator("article.decision del.w-ev", has_text="Maroto").is_visible()
        page.fill("#send-back-note", NOTE)
        page.click("#send-back")
        page.wait_for_selector("text=Comparison sent back to review")
    assert Comparison.objects.get(pk=comparison.pk).status == "in_review"

    with signed_in(browser, live_server, editor.username, size) as page:
        page.goto(f"{live_server.url}{comparison.get_absolute_url()}")
        note = page.locator(".stage-note", has_text="Sent back by april")
        assert NOTE in note.inner_text()
        assert_clean(page, "overview (sent back)", size)
        page.click("text=Mark comparison done")
        page.wait_for_selector("text=Awaiting approval")

    with signed_in(browser, live_server, approver.username, size) as page:
        page.goto(f"{live_server.url}/comparisons/{comparison.pk}/approval/")
        assert NOTE in page.inner_text("section.send-backs")
        page.click("#approve")
        page.wait_for_selector("text=Comparison approved")
        assert "Approved by april" in page.inner_text("main")
        assert page.locator("#reopen").count() == 0
        assert_clean(page, "overview (approved)", size)
    assert Comparison.objects.get(pk=comparison.pk).status == "done"

    with signed_in(browser, live_server, editor.username, size) as page:
        page.goto(f"{live_server.url}/comparisons/{comparison.pk}/step/1/")
        page.wait_for_selector("#unit-title")
        assert page.locator("#step button", has_text="Accept").count() == 0
        assert page.locator("text=Read only until staff reopen it").count() == 1
        assert_clean(page, "step view (approved)", size)
