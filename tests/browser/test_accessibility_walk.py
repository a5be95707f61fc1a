"""Every page at desktop, tablet and phone size: no axe-core violation, no sideways scrolling.

The pages come from the URL configuration itself (tests/reliability/urlwalk.py): every
app URL that answers a GET with an HTML page is visited, so a page added later is
checked without anyone listing it here. To those the walk adds the states a URL alone
does not reach (the shortcuts overlay, the add-flag form with its errors, every
folded section opened, the download menus), the pages of other roles (signed out, a
viewer, an account in no role), the error pages, and the admin's import pages with a
real preview and real bulk results.

Each size writes what it found, page by page, to test-output/accessibility/<size>.json
(violations per axe rule, and the page's scroll width against the window's).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from articles.models import AlignmentUnit, Article, AuditEvent, Comparison, NameSpelling
from articles.review.flags import accept_flag, add_flag, dismiss_flag
from tests.admin.test_bulk_import import GOOD_1
from tests.browser.accessibility import SIZES, Check, check
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import wait_until_idle, wait_until_ready
from tests.builders import build_comparison
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE, TEST_OUTPUT
from tests.reliability.urlwalk import walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTS = TEST_OUTPUT / "accessibility"


@pytest.fixture
def world(db, editor, viewer, importer, django_user_model) -> dict[str, object]:
    """The seed pair part-reviewed (flags in every state), a comparison marked done,
    and one row of every kind a URL can name."""
    call_command("import_seeds", stdout=io.StringIO())
    comparison = Comparison.objects.get(source__origin=SEED_SOURCE.name)
    units = list(comparison.units.order_by("position"))
    suggested = [u for u in units if u.flags.filter(status="suggested").count() >= 2]
    focus = suggested[0]
    focus.comparison = comparison
    first = focus.flags.filter(status="suggested").order_by("pk").first()
    accept_flag(user=editor, unit=focus, flag=first, shown_version=focus.version)
    focus.refresh_from_db()
    other = next(u for u in units if u.pk != focus.pk and u.flags.filter(status="suggested"))
    other.comparison = comparison
    dismiss_flag(
        user=editor,
        unit=other,
        flag=other.flags.filter(status="suggested").first(),
        shown_version=other.version,
    )
    quiet = next(u for u in units if not u.flags.exists() and u.source_text and u.target_text)
    quiet.comparison = comparison
    add_flag(
        user=editor,
        unit=quiet,
        shown_version=quiet.version,
        category="attribution.hedge",
        severity="minor",
        source_span=quiet.source_text.split()[0],
        note="Check the hedge with the desk.",
    )
    AlignmentUnit.objects.filter(
        pk__in=[u.pk for u in units[:3]], review_state="unreviewed"
    ).update(review_state="ok", reviewed_by=editor)
    done = build_comparison([("Rain fell in Nairobi.", "Rain fell in Nairobi.")])
    Comparison.objects.filter(pk=done.pk).update(status=Comparison.Status.DONE)
    focus.refresh_from_db()
    return {
        "comparison": comparison,
        "unit": focus,
        "alignmentunit": focus,
        "flag": first,
        "event": AuditEvent.objects.filter(comparison=comparison).first(),
        "article": comparison.source,
        "sentence": comparison.source.sentences.first(),
        "user": editor,
        "editor": editor,
        "viewer": viewer,
        "importer": importer,
        "nobody": django_user_model.objects.create_user("nobody", password="pw-for-tests-only"),
        "job": _bulk_job(importer, comparison),
        "apitoken": _api_tokens(importer),
        "staff": _tuning_staff(django_user_model),
        "fetch": _fetched(comparison),
        "doublereview": _double_review(importer, editor),
        "name": NameSpelling.objects.order_by("-comparisons", "pk").first(),
        **_discussion(comparison, focus, editor, importer),
    }


def _discussion(comparison, unit, editor, importer) -> dict[str, object]:
    """A thread on the focused unit (a mention and a reply) and one on the comparison,
    so that the step view, the overview, the timeline and the importer's notifications
    (the walk's account) have comments and unread notifications to show."""
    from articles.discussion.comments import add_comment

    first = add_comment(
        user=editor,
        comparison=comparison,
        unit=unit,
        body="@ines is “Malotto” the wire's spelling? The Reuters copy has Maroto.",
    ).comment
    add_comment(user=importer, comparison=comparison, parent=first, body="Maroto, @edna.")
    add_comment(user=editor, comparison=comparison, body="Ready for the desk, @ines.")
    return {"comment": first, "notification": first.notifications.first()}


def _double_review(importer, editor):
    """A blind double review both editors handed in, disagreeing on one suggestion: the
    importer is one of the two, so its blind review and the side-by-side page show."""
    from articles.agreement import blind

    comparison = build_comparison(
        [("Colonel Maroto spoke.", "Colonel Malotto spoke."), ("It rained.", "")],
        title="A double review",
        flags={0: [{"category": "factual.name", "severity": "major", "source_span": "Maroto"}]},
    )
    double_review = blind.request_double_review(
        user=importer, comparison=comparison, first=importer, second=editor
    )
    for review, decision in zip(double_review.reviews.all(), ("accept", "dismiss"), strict=True):
        for unit in comparison.units.all():
            for flag in unit.flags.all():
                blind.decide(review=review, unit=unit, flag=flag, decision=decision)
            blind.mark_unit(review=review, unit=unit, reviewed=True)
        blind.hand_in(review=review)
    return double_review


def _api_tokens(owner):
    """Two API tokens of the importer's, one revoked (the tokens page lists both)."""
    from articles.api.models import ApiToken

    revoked, _ = ApiToken.issue(owner, "Old monitoring script")
    revoked.revoke()
    token, _ = ApiToken.issue(owner, "The CMS <newsroom>")
    return token


def _tuning_staff(django_user_model):
    """A superuser (the tuning pages need their own permissions), with an ignore-list
    entry and a rule setting to show."""
    from articles.models import IgnoreEntry, RuleSetting, TuningEvent

    staff = django_user_model.objects.create_superuser("root", password="pw-for-tests-only")
    entry = IgnoreEntry.objects.create(left="Sayyid", right="Sayyed", created_by=staff)
    RuleSetting.objects.create(rule="meaning.term", severity="minor", reason="Desk style")
    TuningEvent.objects.create(actor=staff, action="ignore.add", subject=str(entry))
    return staff


def _fetched(comparison):
    """The retranslation as if fetched by URL, through redirects, as a second version
    of its address: the overview shows where it came from (long addresses included)."""
    from django.utils import timezone

    from articles.models import ArticleFetch

    address = "https://republisher.example.com/2021/06/29/" + "us-base-in-syria-attacked-" * 6
    return ArticleFetch.objects.create(
        article=comparison.retranslation,
        url=address + "?utm_source=newsletter&utm_medium=email",
        final_url=address,
        canonical_url="https://republisher.example.com/syria-base-attacked",
        fetched_at=timezone.now(),
        content_type="text/html; charset=utf-8",
        redirects=2,
        size=48_213,
        html="<html><body><p>The story.</p></body></html>",
        version=2,
        replaces=comparison.source,
    )


def _bulk_job(owner, comparison):
    """A bulk import half done: one pair imported, one rejected, one waiting (its page
    polls while it runs)."""
    from articles.models import Job, JobItem

    job = Job.objects.create(
        kind=Job.Kind.BULK_IMPORT,
        state=Job.State.RUNNING,
        title="Bulk import of wire.jsonl (3 pairs)",
        created_by=owner,
        total=3,
        done=2,
    )
    finished = {"state": JobItem.State.FINISHED}
    JobItem.objects.bulk_create(
        [
            JobItem(job=job, position=0, label="line 1", outcome="imported", comparison=comparison,
                    message=f"as comparison {comparison.pk}", **finished),
            JobItem(job=job, position=1, label="line 2", outcome="rejected",
                    message="line 2: is not valid JSON (Expecting value at column 1)", **finished),
            JobItem(job=job, position=2, label="line 3"),
        ]
    )  # fmt: skip
    return job


@dataclass(frozen=True)
class Visit:
    name: str
    go: Callable  # (page, base_url) -> None: open the page and put it in its state
    as_user: str = "importer"  # "importer", "viewer", "nobody" or "" (signed out)


def app_pages(world) -> list[Visit]:
    """Every app URL that shows an HTML page on GET, from the URL configuration."""
    client = Client()
    client.force_login(world["importer"])
    visits = []
    for url in walk(world, admin=False):
        if url.variant not in ("", "html"):
            continue
        answer = client.get(url.url)
        if (
            answer.status_code == 200
            and answer["Content-Type"].startswith("text/html")
            and not answer.get("Content-Disposition", "").startswith("attachment")
        ):
            visits.append(
                Visit(url.name, _goto(url.url), as_user="" if url.name == "login" else "importer")
            )
    return visits


def _goto(path: str) -> Callable:
    def go(page, base: str) -> None:
        page.goto(base + path)
        wait_until_ready_or_loaded(page)

    return go


def wait_until_ready_or_loaded(page) -> None:
    page.wait_for_load_state("networkidle")
    if page.evaluate("typeof window.htmx !== 'undefined'"):
        wait_until_ready(page)


def states(world) -> list[Visit]:
    """The states of pages that no URL reaches by itself, and the other roles' pages."""
    comparison, unit = world["comparison"], world["unit"]
    step = reverse("articles:step", args=[comparison.pk, unit.position])
    overview = comparison.get_absolute_url()
    reading = reverse("articles:reading", args=[comparison.pk])
    dashboard = reverse("articles:dashboard")
    analytics = reverse("articles:analytics")
    demo_story = Article.objects.get(origin="source.json")  # the seeds' demo story
    story = reverse("articles:story", args=[demo_story.pk])
    story_compare = reverse("articles:story_compare", args=[demo_story.pk])

    def shortcuts(page, base):
        _goto(step)(page, base)
        page.keyboard.press("?")  # the button is hidden on a phone; the key works anywhere
        page.wait_for_selector("#help[open]")

    def add_flag_with_errors(page, base):
        _goto(step)(page, base)
        page.click("#add-flag summary")
        page.fill("#id_source_span", "words that are not in this unit")
        page.click("#add-flag button[type=submit]")
        page.wait_for_selector("#add-flag .field-error")
        wait_until_idle(page)

    def everything_unfolded(page, base):
        _goto(step)(page, base)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

    dismissed_at = comparison.units.filter(flags__status="dismissed").first().position

    def dismissed_unfolded(page, base):
        # The dismissed suggestions fold away; opened, they must stay readable.
        _goto(reverse("articles:step", args=[comparison.pk, dismissed_at]))(page, base)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

    def suggestions_like_one_another(page, base):
        # The bulk buttons ("Dismiss all 2 like this") show beside a suggestion that has
        # others like it (the seed's "strikes" → "attack").
        _goto(reverse("articles:step", args=[comparison.pk, _unit_with_likes(comparison)]))(
            page, base
        )
        page.wait_for_selector('#step [data-key="dismiss-like"]')

    def history_open(page, base):
        _goto(step)(page, base)
        page.click("details[data-history] summary")
        page.wait_for_selector("details[data-history] .history-entries")
        wait_until_idle(page)

    def comment_refused(page, base):
        _goto(step)(page, base)
        form = f"#comments-unit-{unit.pk} > form.comment-form"
        page.fill(f"{form} textarea", "   ")
        page.evaluate(f"document.querySelector('{form} textarea').removeAttribute('required')")
        page.click(f"{form} button[type=submit]")
        page.wait_for_selector(f"#comments-unit-{unit.pk} .notice-error")
        wait_until_idle(page)

    def menu_open(path):
        def go(page, base):
            _goto(path)(page, base)
            page.click(".download-menu summary")

        return go

    def locked_out(page, base):
        for _ in range(5):
            page.goto(base + reverse("login"))
            page.fill("#id_username", world["editor"].username)
            page.fill("#id_password", "not the password")
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
        assert "Too many failed sign-ins" in page.content()

    tokens = reverse("api_tokens")

    def token_made(page, base):
        _goto(tokens)(page, base)
        page.fill("#token-name", "A crawler with a rather long name for a phone")
        page.click("form.stack button[type=submit]")
        page.wait_for_selector("#new-token")
        wait_until_ready_or_loaded(page)

    def token_name_error(page, base):
        _goto(tokens)(page, base)
        page.fill("#token-name", "   ")
        page.click("form.stack button[type=submit]")
        page.wait_for_selector("#token-name-error")
        wait_until_ready_or_loaded(page)

    def done_refused(path, selector):
        def go(page, base):
            _goto(path)(page, base)
            page.click(selector)
            page.wait_for_selector("#open-units")
            wait_until_idle(page)

        return go

    done = Comparison.objects.filter(status=Comparison.Status.DONE).first()

    def sign_in_error(page, base):
        page.goto(base + reverse("login"))
        page.fill("#id_username", "nobody-at-all")
        page.fill("#id_password", "wrong")
        page.click("button[type=submit]")
        page.wait_for_selector(".form-error")

    return [
        Visit("step: shortcuts overlay open", shortcuts),
        Visit("step: add-flag form with errors", add_flag_with_errors),
        Visit("step: every folded section open", everything_unfolded),
        Visit("step: a dismissed suggestion, every section open", dismissed_unfolded),
        Visit("step: suggestions like one another", suggestions_like_one_another),
        Visit("step: history panel open", history_open),
        Visit("reading mode: opened from a unit", _goto(f"{reading}?unit={unit.position}")),
        Visit("reading mode: as a viewer", _goto(reading), as_user="viewer"),
        Visit("overview: download menu open", menu_open(overview)),
        Visit("dashboard: download menu open", menu_open(dashboard)),
        Visit("dashboard: no comparison matches", _goto(dashboard + "?q=no-such-story")),
        Visit("step: filtered by flag", _goto(step + "?show=suggested&category=factual.name")),
        Visit(
            "overview: filtered by flag", _goto(overview + "?severity=major&rule=name.respelled")
        ),
        Visit(
            "overview: done refused, open units listed", done_refused(overview, ".done-card button")
        ),
        Visit("step: done refused, open units listed", done_refused(step, '[data-key="done"]')),
        Visit("overview: done, next comparison offered", _goto(done.get_absolute_url())),
        Visit("step: as a viewer", _goto(step), as_user="viewer"),
        Visit("overview: as a viewer", _goto(overview), as_user="viewer"),
        Visit("dashboard: as a viewer", _goto(dashboard), as_user="viewer"),
        Visit("API tokens: a new token shown once", token_made),
        Visit("API tokens: a name refused", token_name_error),
        Visit("API tokens: as a viewer", _goto(tokens), as_user="viewer"),
        Visit("story: the demo story of five copies", _goto(story)),
        Visit("story: two copies side by side", _goto(story_compare)),
        Visit("story: as a viewer", _goto(story), as_user="viewer"),
        Visit("analytics: one category", _goto(analytics + "?category=factual.name")),
        Visit(
            "analytics: nothing in the date range",
            _goto(analytics + "?from=2001-01-01&to=2001-12-31"),
        ),
        Visit("error: 403 (analytics as a viewer)", _goto(analytics), as_user="viewer"),
        Visit(
            "notifications: as a viewer", _goto(reverse("articles:notifications")), as_user="viewer"
        ),
        Visit(
            "timeline: as a viewer",
            _goto(reverse("articles:timeline", args=[comparison.pk])),
            as_user="viewer",
        ),
        Visit("step: a comment refused (empty)", comment_refused),
        Visit("sign-in: wrong password", sign_in_error, as_user=""),
        Visit("sign-in: locked out", locked_out, as_user=""),
        Visit("error: 404", _goto("/no/such/page/")),
        Visit("error: 403 (an account in no role)", _goto(dashboard), as_user="nobody"),
    ] + [Visit(f"error: {code}", _rendered(f"{code}.html")) for code in (400, 500)]


def _unit_with_likes(comparison: Comparison) -> int:
    """The position of the first unit with a suggestion that others are like."""
    from articles.models import Flag
    from articles.review.bulk import likes_of

    suggestions = Flag.objects.filter(unit__comparison=comparison, status="suggested")
    for flag in suggestions.select_related("unit").order_by("unit__position", "id"):
        if len(likes_of(comparison, flag)) > 1:
            return flag.unit.position
    raise AssertionError("the seed pair has no suggestions like one another")


def _rendered(template: str) -> Callable:
    """An error page as Django's handler renders it (no request, no context), served at
    an address of the live server (these errors cannot be caused on purpose)."""

    def go(page, base: str) -> None:
        html = render_to_string(template)
        url = f"{base}/__error_page__/{template}"
        page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(url)
        page.wait_for_load_state("networkidle")

    return go


def admin_import_pages(tmp_path) -> list[Visit]:
    """The admin's import pages, with a real preview of the seed pair, and the job page
    a bulk upload goes to."""
    importing = reverse("admin:articles_comparison_import")
    bulk = reverse("admin:articles_comparison_bulk_import")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(GOOD_1 + "\n{not json\n")

    def with_errors(page, base):
        _goto(importing)(page, base)
        page.click("input[name=_preview]")
        page.wait_for_selector(".errornote")
        wait_until_ready_or_loaded(page)  # measured after its styles, not mid-load

    def preview(page, base):
        _goto(importing)(page, base)
        page.set_input_files("#id_source_file", str(SEED_SOURCE))
        page.set_input_files("#id_retranslation_file", str(SEED_RETRANSLATION))
        page.click("input[name=_preview]")
        page.wait_for_url(re.compile(r".*/import/preview/[\w-]+/$"))
        wait_until_ready_or_loaded(page)  # measured after its styles, not mid-load

    def bulk_results(page, base):
        # The upload goes to its job's page (issue 14), which shows each pair's result.
        _goto(bulk)(page, base)
        page.set_input_files("#id_file", str(pairs))
        page.click("#bulk-import-form input[type=submit]")
        page.wait_for_url(re.compile(r".*/jobs/\d+/$"))
        page.wait_for_selector("#job-live")
        wait_until_ready_or_loaded(page)  # measured after its styles, not mid-load

    return [
        Visit("admin: comparisons", _goto(reverse("admin:articles_comparison_changelist"))),
        Visit("admin: import a pair", _goto(importing)),
        Visit("admin: import a pair, with errors", with_errors),
        Visit("admin: import preview", preview),
        Visit("admin: bulk import", _goto(bulk)),
        Visit("admin: import a story", _goto(reverse("admin:articles_comparison_story_import"))),
        Visit("admin: bulk import results", bulk_results),
    ]


def tuning_pages() -> list[Visit]:
    """The admin's tuning pages (docs/tuning.md), as staff with their permissions."""
    acceptance = reverse("admin:articles_rulesetting_acceptance")
    add_entry = reverse("admin:articles_ignoreentry_add")

    def entry_with_errors(page, base):
        _goto(add_entry)(page, base)
        page.fill("#id_left", "Sayyid")
        page.fill("#id_right", "SAYYID")
        page.click("input[name=_save]")
        page.wait_for_selector(".errornote")
        wait_until_ready_or_loaded(page)

    pages = [
        ("admin: ignore list", reverse("admin:articles_ignoreentry_changelist")),
        ("admin: add an ignore-list entry", add_entry),
        ("admin: rule settings", reverse("admin:articles_rulesetting_changelist")),
        ("admin: add a rule setting", reverse("admin:articles_rulesetting_add")),
        ("admin: rule acceptance", acceptance),
        ("admin: rule acceptance, bad filter", acceptance + "?start=2026-05-10&end=2026-05-01"),
        ("admin: tuning events", reverse("admin:articles_tuningevent_changelist")),
    ]
    return [Visit(name, _goto(path), as_user="staff") for name, path in pages] + [
        Visit("admin: ignore-list entry with errors", entry_with_errors, as_user="staff")
    ]


def every_visit(world, tmp_path) -> list[Visit]:
    # The tuning's pages before the import pages: the bulk upload leaves a job working
    # on the live server, whose writes would hold up the next sign-in.
    return app_pages(world) + states(world) + tuning_pages() + admin_import_pages(tmp_path)


@pytest.mark.parametrize("size", list(SIZES))
def test_it_has_no_axe_violation_and_no_sideways_scrolling_on_any_page(
    browser, live_server, world, tmp_path, size
):
    visits = every_visit(world, tmp_path)
    contexts: dict[str, object] = {}
    checks: list[Check] = []
    try:
        for visit in visits:
            if visit.as_user not in contexts:
                context = browser.new_context(viewport=SIZES[size])
                page = context.new_page()
                if visit.as_user:
                    sign_in(page, live_server, world[visit.as_user].username)
                contexts[visit.as_user] = context
            page = contexts[visit.as_user].pages[0]
            visit.go(page, live_server.url)
            checks.append(check(page, visit.name, size))
    finally:
        for context in contexts.values():
            context.close()

    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{size}.json").write_text(
        json.dumps([c.as_row() for c in checks], indent=2, ensure_ascii=False) + "\n"
    )
    names = {c.page for c in checks}
    assert {
        "articles:dashboard",
        "articles:comparison",
        "articles:step",
        "articles:reading",
        "articles:unit_history",
        "articles:analytics",
        "articles:timeline",
        "articles:notifications",
        "reports:print",
        "api_tokens",
    } <= names
    assert len(checks) == len(visits)
    problems = [problem for c in checks for problem in c.problems()]
    assert not problems, "\n".join(problems)
