"""The pages work under the Content-Security-Policy, and break none of its rules.

Every page is visited in Chromium with a listener for `securitypolicyviolation`
events and the console watched for CSP errors; none may occur, and htmx and the
stylesheet must have loaded (the policy allows only our own files).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.models import Comparison, NameSpelling
from tests.browser.conftest import sign_in
from tests.builders import build_comparison
from tests.names_helpers import set_ledger
from tests.reliability.figures import record
from tests.reliability.hostile import payloads, write_text_pair
from tests.reliability.urlwalk import walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push({directive: e.violatedDirective, blocked: e.blockedURI,
                     sample: e.sample, source: e.sourceFile, line: e.lineNumber});
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations and console CSP errors on every document."""
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.csp_console = console
    return page


def violations(page) -> list:
    return page.evaluate("window.__csp || []") + list(page.csp_console)


def visit(page, url: str) -> list:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response is not None and response.status < 500, url
    header = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in header and "unsafe-inline" not in header, url
    return violations(page)


def test_it_renders_every_page_without_a_policy_violation(watched, live_server, importer):
    comparison = build_comparison(
        [("The colonel, Maroto, spoke.", "The colonel, Malotto, spoke."), ("A caveat.", "")],
        flags={0: [{"category": "factual.name", "severity": "major"}]},
    )
    found = {}
    found["sign-in"] = visit(watched, f"{live_server.url}{reverse('login')}")
    sign_in(watched, live_server, importer.username)
    pages = [
        reverse("articles:dashboard"),
        comparison.get_absolute_url(),
        reverse("admin:index"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[importer.pk]),
        "/no/such/page/",
    ]
    for path in pages:
        found[path] = visit(watched, f"{live_server.url}{path}")
    watched.goto(f"{live_server.url}{reverse('articles:dashboard')}")
    htmx_loaded = watched.evaluate("typeof window.htmx === 'object'")
    stylesheet_rules = watched.evaluate(
        "Array.from(document.styleSheets)"
        ".filter(s => (s.href || '').includes('/static/newsdrift/'))"
        ".reduce((n, s) => n + s.cssRules.length, 0)"
    )

    assert {path: v for path, v in found.items() if v} == {}
    assert htmx_loaded
    assert stylesheet_rules > 10  # our stylesheet loaded and parsed
    record("browser pages visited under the CSP, violations", f"{len(found)} pages, 0")


def test_it_would_notice_an_inline_script(watched, live_server, editor):
    sign_in(watched, live_server, editor.username)
    visit(watched, f"{live_server.url}{reverse('articles:dashboard')}")

    watched.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    watched.wait_for_function("window.__csp.length > 0")

    assert watched.evaluate("window.__ran === undefined")
    reported = watched.evaluate("window.__csp")
    assert [v["directive"] for v in reported] == ["script-src-elem"]


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


def test_it_reviews_the_hostile_corpus_without_a_violation_or_a_dialog(
    watched, live_server, importer, tmp_path
):
    """Every app page of a comparison full of payloads, and an htmx decision on it, in a
    real browser: no policy violation, and no payload ever runs (each calls alert())."""
    call_command("import_pair", *map(str, write_text_pair(tmp_path)), stdout=_Quiet())
    comparison = Comparison.objects.get()
    unit = comparison.units.filter(flags__isnull=False).order_by("position").first()
    # A spelling pair of payloads in the names index (its page is walked with the rest).
    hostile = payloads()
    set_ledger(
        comparison,
        [*comparison.ledger, {"source": hostile[0].text, "target": hostile[1].text, "units": [0]}],
    )
    objects = {
        "comparison": comparison,
        "unit": unit,
        "flag": unit.flags.first(),
        "article": comparison.source,
        "user": importer,
        "job": _hostile_job(importer),
        "apitoken": _hostile_token(importer),
        "fetch": _hostile_fetch(comparison.retranslation),
        "doublereview": _hostile_double_review(importer, comparison),
        "name": NameSpelling.objects.get(source=hostile[0].text),
        **_hostile_discussion(comparison, unit, importer),
    }
    dialogs: list[str] = []
    watched.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(watched, live_server, importer.username)
    # The pages among the app's URLs: what answers a GET with HTML to show (not save).
    client = Client()
    client.force_login(importer)
    pages = [
        u.url
        for u in walk(objects, admin=False)
        if u.variant in ("", "html")
        and (answer := client.get(u.url)).status_code == 200
        and answer["Content-Type"].startswith("text/html")
        and not answer.get("Content-Disposition", "").startswith("attachment")
    ]
    pages += [
        reverse("admin:articles_comparison_changelist"),
        reverse("admin:articles_article_change", args=[comparison.source_id]),
    ]
    found = {}
    for path in dict.fromkeys(pages):
        found[path] = visit(watched, f"{live_server.url}{path}")

    # An htmx decision on the step page: the answer is swapped in under the policy.
    watched.goto(f"{live_server.url}{reverse('articles:step', args=[comparison.pk, 0])}")
    watched.click("button.decide-ok")
    watched.wait_for_load_state("networkidle")
    unit_zero = comparison.units.get(position=0)
    unit_zero.refresh_from_db()

    assert {path: v for path, v in found.items() if v} == {}
    assert violations(watched) == []
    assert dialogs == []
    assert unit_zero.review_state == "ok"
    record("browser: hostile pages visited, violations, dialogs", f"{len(found)}, 0, 0")


def _hostile_discussion(comparison, unit, importer) -> dict:
    """Comments made of the payloads, on the unit and on the comparison, each mentioning
    the importer (whose notifications then quote them)."""
    from django.contrib.auth.models import Group, User

    from articles.discussion.comments import add_comment
    from articles.roles import EDITORS
    from tests.reliability.hostile import payloads

    author = User.objects.create_user("mallory", password="pw-for-tests-only")
    author.groups.add(Group.objects.get(name=EDITORS))
    unit.comparison = comparison
    first = None
    for index, item in enumerate(payloads()[:12]):
        saved = add_comment(
            user=author,
            comparison=comparison,
            unit=unit if index % 2 else None,
            body=f"@{importer.username} {item.text}"[:5000] or "x",
        )
        first = first or saved.comment
    return {"comment": first, "notification": first.notifications.first()}


def _hostile_double_review(importer, comparison):
    """A blind double review of the hostile pair, both handed in, the importer one of
    its two editors (so that its pages show to them), with a payload in a note."""
    from articles.agreement import blind
    from articles.roles import EDITORS
    from tests.conftest import _user

    double_review = blind.request_double_review(
        user=importer, comparison=comparison, first=importer, second=_user("otto", EDITORS)
    )
    for review, decision in zip(double_review.reviews.all(), ("accept", "dismiss"), strict=True):
        for unit in comparison.units.all():
            for flag in unit.flags.filter(origin="auto"):
                blind.decide(review=review, unit=unit, flag=flag, decision=decision)
            blind.mark_unit(review=review, unit=unit, reviewed=True)
        unit = comparison.units.order_by("position").first()
        note = "<img src=x onerror=alert('blind-note')>"
        blind.add_flag(review=review, unit=unit, category="omission", severity="major", note=note)
        blind.hand_in(review=review)
    return double_review


def _hostile_token(owner):
    """An API token named with a payload (the tokens page lists it)."""
    from articles.api.models import ApiToken
    from tests.reliability.hostile import payloads

    return ApiToken.issue(owner, payloads()[0].text[:100])[0]


def _hostile_fetch(article):
    """The retranslation as if fetched from the web, its page made of the payloads: the
    overview's provenance and the fetched page's view show it as text."""
    from django.utils import timezone

    from articles.models import ArticleFetch
    from tests.reliability.hostile import payloads

    html = "".join(f"<p>{item.text}</p>" for item in payloads())
    return ArticleFetch.objects.create(
        article=article,
        url="https://news.example.org/story?<script>alert(1)</script>",
        final_url="https://news.example.org/story",
        fetched_at=timezone.now(),
        html=html,
    )


def _hostile_job(owner):
    """A running bulk import whose title, pair labels and messages are the payloads:
    its page, and the dashboard's banner, poll under the policy."""
    from articles.models import Job, JobItem
    from tests.reliability.hostile import payloads

    items = payloads()
    job = Job.objects.create(
        kind=Job.Kind.BULK_IMPORT,
        state=Job.State.RUNNING,
        title=f"Bulk import of {items[0].text}"[:300],
        created_by=owner,
        total=len(items) + 1,
        done=len(items),
    )
    JobItem.objects.bulk_create(
        JobItem(
            job=job,
            position=n,
            label=item.text[:300],
            state=JobItem.State.FINISHED,
            outcome=JobItem.Outcome.REJECTED,
            message=f"{item.text}: is not valid JSON",
        )
        for n, item in enumerate(items)
    )
    JobItem.objects.create(job=job, position=len(items), label="line 999")
    return job
