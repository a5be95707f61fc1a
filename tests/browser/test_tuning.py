"""Staff add an ignore-list entry in the admin, re-analyse, and the suggestion is gone
(Debian's Chromium, at desktop and phone sizes); the rule acceptance page in use."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from articles.models import Comparison, Flag, IgnoreEntry, TuningEvent
from tests.browser.accessibility import SIZES, check
from tests.browser.conftest import sign_in
from tests.conftest import SEED_SOURCE
from tests.jobs_helpers import work_off_jobs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = 'Name spelled "Sayyid" in the source'


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_superuser("root", "root@example.com", "pw-for-tests-only")


@pytest.fixture
def seeded_pair(db) -> Comparison:
    call_command("import_seeds", stdout=io.StringIO())
    # The seeds hold the demo story's copies too: the seed pair by its source file.
    return Comparison.objects.get(source__origin=SEED_SOURCE.name)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_it_suppresses_a_suggestion_after_staff_add_an_entry_and_reanalyse(
    browser, live_server, staff, seeded_pair, screenshot_dir, size
):
    flag = Flag.objects.get(unit__comparison=seeded_pair, source_span="Sayyid")
    step = live_server.url + reverse("articles:step", args=[seeded_pair.pk, flag.unit.position])
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    try:
        sign_in(page, live_server, staff.username)
        page.goto(step)
        assert REASON in page.content()

        page.goto(live_server.url + reverse("admin:articles_ignoreentry_add"))
        page.fill("#id_left", "Sayyid")
        page.fill("#id_right", "Sayyed")
        page.fill("#id_note", "The newsroom's accepted transliteration")
        page.click("input[name=_save]")
        page.wait_for_url(re.compile(r".*/admin/articles/ignoreentry/$"))
        assert "reanalyse --stale" in page.content()
        assert IgnoreEntry.objects.get().left == "Sayyid"
        assert TuningEvent.objects.get().actor == staff

        page.goto(live_server.url + reverse("admin:articles_comparison_changelist"))
        page.check(f"input.action-select[value='{seeded_pair.pk}']")
        page.select_option("select[name=action]", "reanalyse_selected")
        page.click("button[name=index]")
        page.wait_for_url(re.compile(r".*/jobs/\d+/$"))
        work_off_jobs()

        page.goto(step)
        assert REASON not in page.content()
        page.screenshot(path=str(screenshot_dir / f"tuning-suppressed-{size}.png"), full_page=True)
        report = live_server.url + reverse("reports:print", args=[seeded_pair.pk])
        page.goto(report)
        assert "1 suppressed by the ignore list: Sayyid ↔ Sayyed (every outlet)" in (
            page.locator("section.tuning").inner_text()
        )
    finally:
        context.close()


def test_it_filters_the_rule_acceptance_page_and_links_to_muting(
    browser, live_server, staff, seeded_pair
):
    context = browser.new_context(viewport=SIZES["phone"])
    page = context.new_page()
    try:
        sign_in(page, live_server, staff.username)
        page.goto(live_server.url + reverse("admin:articles_rulesetting_changelist"))
        page.click("text=Rule acceptance")
        row = page.locator("tr[data-rule='meaning.term']")
        assert row.locator("td").first.inner_text() == str(
            Flag.objects.filter(rule="meaning.term").count()
        )
        page.fill("#id_start", "2026-05-10")
        page.fill("#id_end", "2026-05-01")
        page.click("#acceptance-filters input[type=submit]")
        assert "is before the first" in page.locator(".field-end").inner_text()
        assert not check(page, "rule acceptance with errors", "phone").problems()

        page.fill("#id_start", "")
        page.fill("#id_end", "")
        page.click("#acceptance-filters input[type=submit]")
        page.locator("tr[data-rule='meaning.term'] a").click()
        page.wait_for_url(re.compile(r".*/rulesetting/add/\?rule=meaning.term$"))
        assert page.locator("#id_rule").input_value() == "meaning.term"
    finally:
        context.close()
