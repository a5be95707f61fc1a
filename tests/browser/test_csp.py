"""The pages work under the Content-Security-Policy, and break none of its rules.

Every page is visited in Chromium with a listener for `securitypolicyviolation`
events and the console watched for CSP errors; none may occur, and htmx and the
stylesheet must have loaded (the policy allows only our own files).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.builders import build_comparison
from tests.reliability.figures import record

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
    background = watched.evaluate(
        "getComputedStyle(document.querySelector('.topbar')).backgroundColor"
    )

    assert {path: v for path, v in found.items() if v} == {}
    assert htmx_loaded
    assert background == "rgb(255, 255, 255)"  # app.css applied
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
