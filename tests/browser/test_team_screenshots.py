"""Screenshots of the pages editors share, for docs/stories.md, docs/review.md and the
README: the archive analytics, the names index and a pair's page, a comparison's
timeline, the notifications and a comment thread, a blind double review with its
adjudication and the agreement page, an editor's queue and the approval page; each at
1280 px and on a phone (390 × 844). They go to test-output/; docs/screenshots/ holds the
copies the documents show.

Each test checks that the page pictured is the one the caption names, with the data
built for it, before the picture is taken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.agreement import blind
from articles.analytics.aggregates import rebuild
from articles.assignments.assigning import assign
from articles.assignments.models import Priority
from articles.discussion.comments import add_comment
from articles.models import Comparison
from articles.review.flags import accept_flag, dismiss_flag
from articles.review.units import mark_unit
from articles.roles import APPROVERS, EDITORS
from tests.agreement.conftest import review_everything, side
from tests.analytics_helpers import WORDS, build_archive
from tests.browser.accessibility import SIZES
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import wait_until_ready
from tests.builders import build_comparison
from tests.conftest import _user
from tests.names_helpers import set_ledger
from tests.stories_helpers import import_seed_story
from tests.views.conftest import FLAGS, UNITS, action_url, suggestion_on, unit_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 860}


@pytest.fixture
def wide(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport=SIZES["phone"], has_touch=True, is_mobile=True, device_scale_factor=2
    )
    yield context
    context.close()


def signed_in(context, live_server, username: str):
    context.clear_cookies()  # one context serves several accounts in turn
    page = context.new_page()
    sign_in(page, live_server, username)
    return page


def show(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    wait_until_ready(page)
    page.mouse.move(0, 0)


def take(target, path, *, clip_to: str = "#main") -> None:
    """A picture of the viewport (a page: cut where `clip_to` ends, so that a short page
    leaves no empty band) or of one element (a locator), kept small."""
    if hasattr(target, "viewport_size"):
        viewport = target.viewport_size
        bottom = target.evaluate(
            "s => document.querySelector(s).getBoundingClientRect().bottom", clip_to
        )
        height = min(viewport["height"], int(bottom) + 24)
        target.screenshot(
            path=str(path), clip={"x": 0, "y": 0, "width": viewport["width"], "height": height}
        )
    else:
        target.screenshot(path=str(path))
    assert 10_000 < path.stat().st_size < 300_000, (path.name, path.stat().st_size)


def scroll_to_top_of(page, selector: str) -> None:
    page.evaluate(
        "s => window.scrollTo(0, document.querySelector(s).getBoundingClientRect().top"
        " + window.scrollY - 8)",
        selector,
    )


def more_outlets() -> None:
    """Three more outlets over three months, with confirmed flags of each severity, so
    that the charts have something to compare (the figures are not asserted)."""
    copies = [
        ("Harbour Daily", "2026-01-14", {0: ["factual.number", "critical"]}),
        ("Harbour Daily", "2026-02-09", {1: ["factual.name", "major"]}),
        ("Harbour Daily", "2026-03-02", {}),
        ("Coastal Times", "2026-01-22", {2: ["attribution.hedge", "minor"]}),
        ("Coastal Times", "2026-03-11", {0: ["omission", "major"], 3: ["factual.name", "minor"]}),
        ("Riverside Post", "2026-02-18", {}),
        ("Riverside Post", "2026-03-20", {4: ["attribution.hedge", "minor"]}),
    ]
    for n, (outlet, day, flags) in enumerate(copies):
        comparison = build_comparison(
            [(f"Copy {n} sentence {i} {WORDS}", f"Copy {n} line {i} {WORDS}") for i in range(5)],
            title=f"Story {n}",
            flags={
                position: [{"category": category, "severity": severity, "status": "confirmed"}]
                for position, (category, severity) in flags.items()
            },
        )
        comparison.retranslation.outlet = outlet
        comparison.retranslation.published_at = datetime.fromisoformat(day).replace(
            hour=12, tzinfo=UTC
        )
        comparison.retranslation.save()
    rebuild()


def test_it_pictures_the_analytics_with_an_archive(
    wide, phone, live_server, editor, other_editor, screenshot_dir
):
    build_archive(editor, other_editor)
    more_outlets()
    url = live_server.url + reverse("articles:analytics")
    for context, name in ((wide, "analytics.png"), (phone, "analytics-phone.png")):
        page = signed_in(context, live_server, editor.username)
        show(page, url)
        assert page.locator("h1").inner_text() == "Analytics"
        assert page.get_by_role("img", name="Drift score by outlet").is_visible()
        ranking = page.get_by_role("region", name="Drift score by outlet: the figures")
        assert "Alpha" in ranking.inner_text() and "Harbour Daily" in ranking.inner_text()
        if context is phone:  # below the filters: the first chart and its figures
            scroll_to_top_of(page, ".analytics-chart")
        take(page, screenshot_dir / name)


def test_it_pictures_the_names_index_and_a_pairs_page(
    wide, phone, live_server, viewer, screenshot_dir
):
    import_seed_story()
    index = live_server.url + reverse("articles:names")
    for context, suffix in ((wide, ""), (phone, "-phone")):
        page = signed_in(context, live_server, viewer.username)
        show(page, index)
        rows = page.locator(".names-grid tbody tr")
        assert rows.count() > 1 and page.locator("h1").inner_text() == "Names index"
        take(page, screenshot_dir / f"names{suffix}.png")
        show(page, index + "?q=fander")
        page.locator(".names-grid tbody tr").first.get_by_role(
            "link", name="Vandersloot → Fandersloot"
        ).click()
        page.wait_for_load_state("networkidle")
        page.mouse.move(0, 0)
        assert page.locator("h1").inner_text() == "Vandersloot → Fandersloot"
        assert page.locator(".names-grid tbody tr").count() >= 1
        take(page, screenshot_dir / f"name-pair{suffix}.png")


@pytest.fixture
def discussed(client, editor, other_editor) -> Comparison:
    """The comparison of the review view tests, imported by edna, analysed, worked on by
    edna (a unit marked, a suggestion accepted) and discussed: edna asks otto on unit 2,
    otto replies, and comments on the whole comparison."""
    comparison = build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)
    set_ledger(comparison, [{"source": "Maroto", "target": "Malotto", "units": [1]}])
    comparison.source.imported_by = editor
    comparison.source.save()
    comparison.analysed_at = timezone.now()
    comparison.analysis_version = "2"
    comparison.save()
    client.force_login(editor)
    marked = client.post(
        action_url("unit_mark", unit_at(comparison, 0)), {"version": 1, "state": "ok"}
    )
    accepted = client.post(
        action_url("flag_accept", unit_at(comparison, 1), suggestion_on(comparison, 1)),
        {"version": 1},
    )
    assert marked.status_code < 400 and accepted.status_code < 400
    unit = unit_at(comparison, 1)
    question = add_comment(
        user=editor,
        comparison=comparison,
        unit=unit,
        body="@otto the ministry's list says Maroto; is Malotto a typo of the wire?",
    ).comment
    add_comment(
        user=other_editor,
        comparison=comparison,
        unit=unit,
        parent=question,
        body="Yes: the wire corrected it an hour later. Keep the flag.",
    )
    add_comment(
        user=editor,
        comparison=comparison,
        body="@otto units 4 and 5 look like a paragraph the copy replaced; can you check?",
    )
    return comparison


def test_it_pictures_the_timeline_the_notifications_and_a_thread(
    wide, phone, live_server, editor, other_editor, discussed, screenshot_dir
):
    timeline = live_server.url + reverse("articles:timeline", args=[discussed.pk])
    step = live_server.url + reverse("articles:step", args=[discussed.pk, 1])
    unit = unit_at(discussed, 1)
    for context, suffix in ((wide, ""), (phone, "-phone")):
        page = signed_in(context, live_server, other_editor.username)
        show(page, timeline)
        assert page.locator("h1").inner_text() == f"Timeline of comparison #{discussed.pk}"
        entries = page.locator(".timeline-entry")
        text = " ".join(page.locator("#timeline-entries").inner_text().split())
        assert entries.count() >= 6
        assert "otto replied (unit 2)" in text and "edna marked a unit (unit 1) as OK" in text
        take(page, screenshot_dir / f"timeline{suffix}.png")

        show(page, live_server.url + reverse("articles:notifications"))
        assert page.locator("h1").inner_text() == "Notifications"
        unread = page.locator(".notification.is-unread")
        assert unread.count() == 2
        assert "edna mentioned you on unit 2 of" in " ".join(unread.last.inner_text().split())
        badge = page.locator("#notifications-link .unread-badge")
        assert badge.get_attribute("data-unread") == "2"
        take(page, screenshot_dir / f"notifications{suffix}.png")

        show(page, step)
        thread = page.locator(f"#comments-unit-{unit.pk}")
        assert page.locator("#unit-title").inner_text().startswith("Unit 2 ")
        assert thread.locator(".comment-body").count() == 2
        assert "Keep the flag." in thread.inner_text()
        if context is wide:  # the unit and its thread fit in one picture (1280 × ~1200)
            bottom = thread.bounding_box()["y"] + thread.bounding_box()["height"]
            assert bottom < 1400
            path = screenshot_dir / "step-comments.png"
            page.screenshot(
                path=str(path),
                full_page=True,
                clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": bottom + 16},
            )
            assert 10_000 < path.stat().st_size < 300_000, path.stat().st_size
        else:  # on a phone the thread alone
            take(thread, screenshot_dir / "step-comments-phone.png")
        page.close()


@pytest.fixture
def agreed(editor, other_editor) -> dict:
    """Two double reviews handed in (edna & otto on the comparison of the review tests,
    as tests/agreement/test_agreement_page.py works its figures by hand; edna & tess on
    a second outlet's copy) and a third under way: edna's blind review half done."""
    staff = _user("sam", EDITORS, is_staff=True)
    otto, tess = other_editor, _user("tess", EDITORS)

    def comparison(title: str, outlet: str) -> Comparison:
        # Each copy's added sentence names its outlet: three pairs, six distinct articles.
        added = ("", f"But it is not yet clear who launched the latest salvo, {outlet} adds.")
        made = build_comparison(UNITS[:-1] + [added], title=title, flags=FLAGS)
        made.retranslation.outlet = outlet
        made.retranslation.save(update_fields=["outlet"])
        return made

    first = blind.request_double_review(
        user=staff,
        comparison=comparison("Mutual bombing in Syria", "Wire"),
        first=editor,
        second=otto,
    )
    review_everything(first, editor, accept={1, 2}, own={3: "omission"})
    review_everything(first, otto, accept={1}, own={3: "omission", 4: "addition"})
    second = blind.request_double_review(
        user=staff,
        comparison=comparison("Strikes on the brigade", "Harbour Daily"),
        first=editor,
        second=tess,
    )
    review_everything(second, editor, accept={1, 2}, own={3: "omission"})
    review_everything(second, tess, accept={1, 2}, own={3: "omission"})
    under_way = blind.request_double_review(
        user=staff,
        comparison=comparison("Rockets hit the base", "Evening Courier"),
        first=editor,
        second=otto,
    )
    review = side(under_way, editor)
    units = list(under_way.comparison.units.order_by("position"))
    for unit in units[:3]:
        for flag in unit.flags.all():
            blind.decide(review=review, unit=unit, flag=flag, decision="accept")
        blind.mark_unit(review=review, unit=unit, reviewed=True)
    blind.add_flag(
        review=review,
        unit=units[3],
        category="omission",
        severity="major",
        note="The casualty figure is gone.",
    )
    return {"staff": staff, "ready": first, "under_way": under_way}


def test_it_pictures_a_blind_review_its_adjudication_and_the_agreement(
    wide, phone, live_server, editor, agreed, screenshot_dir
):
    blind_url = reverse("articles:blind_review", args=[agreed["under_way"].pk])
    adjudicate = reverse("articles:adjudicate", args=[agreed["ready"].pk])
    for context, suffix in ((wide, ""), (phone, "-phone")):
        page = signed_in(context, live_server, editor.username)
        show(page, live_server.url + blind_url)
        assert page.locator("h1").inner_text().startswith("Blind review: ")
        assert page.locator("#blind-progress").inner_text().startswith("3 of 5")
        assert page.locator("#unit-3 .blind-own li").count() == 1
        if context is phone:  # unit 2: a suggestion and this editor's decision on it
            scroll_to_top_of(page, "#unit-1")
        take(page, screenshot_dir / f"blind-review{suffix}.png")
        page.close()

        page = signed_in(context, live_server, agreed["staff"].username)
        show(page, live_server.url + adjudicate)
        assert page.locator("h1").inner_text().startswith("Double review: ")
        assert page.locator("fieldset.call").count() == 2
        assert page.locator("#adjudicate").is_visible()
        if context is phone:  # the first disagreement and the adjudicator's choice
            scroll_to_top_of(page, ".adjudication-unit")
        take(page, screenshot_dir / f"adjudication{suffix}.png")

        show(page, live_server.url + reverse("articles:agreement"))
        assert page.locator("h1").inner_text() == "Agreement between editors"
        pairs = page.locator("#pairs").inner_text()
        assert "edna & otto" in pairs and "edna & tess" in pairs
        if context is phone:  # below the filters: the figures by pair, outlet, category
            scroll_to_top_of(page, "#pairs-title")
        take(page, screenshot_dir / f"agreement{suffix}.png")
        page.close()


@pytest.fixture
def queued(client, editor, other_editor) -> dict:
    """edna's queue (three comparisons assigned by staff: one overdue and urgent, one due
    soon, one undated; two nobody has, to pick up) and a comparison otto reviewed and
    marked done, awaiting april's approval."""
    staff, approver = _user("sam", EDITORS, is_staff=True), _user("april", APPROVERS)
    today = timezone.localdate()
    stories = [
        ("Ceasefire talks resume in Doha", Priority.URGENT, today - timedelta(days=1)),
        ("Flood barrier fails in Kersenbrug", Priority.HIGH, today + timedelta(days=2)),
        ("Minister resigns over port contract", Priority.NORMAL, None),
        ("Wildfire reaches the coast road", None, None),
        ("Central bank holds rates", None, None),
    ]
    for title, priority, due in stories:
        comparison = build_comparison(
            [(f"{title}, officials said on Monday.", f"{title}, officials say.")], title=title
        )
        if priority is not None:
            assign(
                by=staff, comparisons=[comparison], assignee=editor, priority=priority, due_date=due
            )
    reviewed = build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)
    units = {unit.position: unit for unit in reviewed.units.all()}
    accept_flag(user=other_editor, unit=units[1], flag=suggestion_on(reviewed, 1), shown_version=1)
    dismiss_flag(user=other_editor, unit=units[2], flag=suggestion_on(reviewed, 2), shown_version=1)
    for position in (0, 2, 3, 4):
        unit = unit_at(reviewed, position)
        mark_unit(user=other_editor, unit=unit, shown_version=unit.version, state="ok")
    client.force_login(other_editor)
    done = client.post(reverse("articles:done", args=[reviewed.pk]), {"from": "overview"})
    assert done.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == "in_approval"
    return {"approver": approver, "awaiting": reviewed}


def test_it_pictures_my_queue_and_the_approval_view(
    wide, phone, live_server, editor, queued, screenshot_dir
):
    approval = reverse("articles:approval", args=[queued["awaiting"].pk])
    for context, suffix in ((wide, ""), (phone, "-phone")):
        page = signed_in(context, live_server, editor.username)
        show(page, live_server.url + reverse("articles:dashboard"))
        queue = page.locator("section.my-queue")
        mine = queue.locator("ol.queue-list > li")
        assert mine.count() == 3
        assert "Overdue" in mine.first.inner_text() and "Urgent" in mine.first.inner_text()
        assert queue.locator("ul.queue-list > li").count() >= 2  # to pick up
        if context is wide:
            take(queue, screenshot_dir / "my-queue.png")
        else:
            take(page, screenshot_dir / "my-queue-phone.png")
        page.close()

        page = signed_in(context, live_server, queued["approver"].username)
        show(page, live_server.url + approval)
        assert page.locator("h1").inner_text() == "Approval: Mutual bombing in Syria"
        assert "Reviewed by otto" in page.inner_text("main")
        assert page.locator("article.decision").count() == 5
        assert page.locator("#approve").is_visible()
        take(page, screenshot_dir / f"approval{suffix}.png")
        page.close()
