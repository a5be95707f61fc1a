"""Every URL of the project, walked: who may reach it, with which method, and with CSRF.

The URLs come from the URL configuration itself (tests/reliability/urlwalk.py), so a
URL added later is walked too, and these tests fail if it is left unprotected.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.csrf import csrf_client
from tests.reliability.conftest import snapshot
from tests.reliability.figures import record
from tests.reliability.urlwalk import FORM_VIEWS, OWN_ACCOUNT, PUBLIC, walk

SIGN_IN_PATHS = ("/accounts/login/", "/admin/login/")


def goes_to_sign_in(response, client: Client | None = None) -> bool:
    """A redirect that ends, within three hops, at a sign-in page."""
    for _ in range(3):
        if response.status_code not in (301, 302):
            return False
        target = urlsplit(response["Location"])
        if target.path in SIGN_IN_PATHS:
            return True
        if client is None or target.netloc:
            return False
        response = client.get(target.path)  # e.g. the admin's logout, to /admin/
    return False


def test_it_knows_every_public_url_it_allows(seeded):
    names = {u.name for u in walk(seeded)}

    assert set(PUBLIC) <= names
    client = Client()
    for name in PUBLIC:
        assert client.get(reverse(name)).status_code == 200, name


def test_it_sends_signed_out_visitors_to_sign_in_from_every_other_url(client, seeded):
    urls = [u for u in walk(seeded) if u.name not in PUBLIC]
    before = snapshot()
    problems = []
    for url in urls:
        answers = {method: getattr(client, method)(url.url) for method in ("get", "post")}
        if all(a.status_code == 405 for a in answers.values()):
            problems.append(f"{url}: refuses both GET and POST")
        for method, answer in answers.items():
            if answer.status_code in (403, 405) or goes_to_sign_in(answer, client):
                continue
            if url.is_api and answer.status_code == 401:
                # The API asks for a token in its own shape instead of redirecting.
                assert json.loads(answer.content)["error"]["code"] == "not_authenticated"
                continue
            problems.append(f"{method.upper()} {url}: {answer.status_code} signed out")

    assert not problems, "\n".join(problems)
    assert snapshot() == before
    assert len(urls) > 40
    record("URLs walked signed out (GET and POST each)", len(urls))
    record("public URLs (allow-list)", len(PUBLIC))


def test_it_shows_nothing_to_a_signed_in_account_in_no_role(seeded, django_user_model):
    """An account in no group may sign in, but every page that shows article text,
    notes or flags refuses it, exactly as the report downloads do."""
    nobody = django_user_model.objects.create_user("nobody", password="pw-for-tests-only")
    client = csrf_client(nobody)
    before = snapshot()
    problems, refused = [], 0
    for url in walk(seeded):
        if url.name in PUBLIC or url.name in OWN_ACCOUNT:
            continue
        for method in ("get", "post"):
            answer = getattr(client, method)(url.url)
            if url.is_admin and goes_to_sign_in(answer, client):
                continue  # the admin sends non-staff to its own sign-in page
            if answer.status_code == 403:
                refused += 1
            elif answer.status_code != 405:
                problems.append(f"{method.upper()} {url}: {answer.status_code} for no role")

    assert not problems, "\n".join(problems)
    assert snapshot() == before
    record("requests refused to a signed-in account in no role (403)", refused)


def test_it_refuses_every_post_without_a_csrf_token(seeded):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeded["superuser"])
    before = snapshot()

    answers = {u: client.post(u.url, {"post": "yes"}) for u in walk(seeded)}

    # The API's read-only URLs take no POST at all (405, before any CSRF question);
    # every API URL that does take one refuses it without the token.
    accepted = [
        f"{u}: {a.status_code}"
        for u, a in answers.items()
        if a.status_code != 403 and not (u.is_api and a.status_code == 405)
    ]
    assert not accepted, "POST without a CSRF token was not refused:\n" + "\n".join(accepted)
    assert snapshot() == before
    record("URLs refusing a POST without CSRF token", len(answers))


def test_it_changes_nothing_for_a_viewer_posting_to_any_url(seeded, viewer):
    client = csrf_client(viewer)
    before = snapshot()
    problems = []
    refused = 0
    for url in walk(seeded):
        if url.name in PUBLIC or url.name in OWN_ACCOUNT:
            continue
        answer = client.post(url.url, {"post": "yes"})
        if url.is_admin and goes_to_sign_in(answer, client):
            continue  # the admin sends non-staff to its own sign-in page
        if answer.status_code == 403:
            refused += 1
        elif answer.status_code != 405:
            problems.append(f"{url}: {answer.status_code} for a viewer's POST")

    assert not problems, "\n".join(problems)
    assert snapshot() == before
    record("POST URLs refused to a viewer (403)", refused)


def test_it_serves_every_app_url_by_get_or_by_post_only(seeded):
    """App views are reads (GET; POST is 405) or changes (POST; GET is 405), and a GET
    never changes anything."""
    client = csrf_client(seeded["superuser"])
    before = snapshot()
    reads, changes, problems = [], [], []
    for url in walk(seeded):
        if url.is_admin:
            continue
        answer = client.get(url.url)
        if answer.status_code == 405:
            changes.append(url)
        elif answer.status_code in (200, 302):
            reads.append(url)
        else:
            problems.append(f"GET {url}: {answer.status_code} for a superuser")
    assert snapshot() == before, "a GET request changed the database"
    for url in reads:
        if url.name in FORM_VIEWS or url.name in PUBLIC:
            continue
        answer = client.post(url.url)
        if answer.status_code != 405:
            problems.append(f"POST {url}: {answer.status_code}, expected 405 on a read")

    assert not problems, "\n".join(problems)
    assert snapshot() == before
    record("app URLs: reads (GET only)", len(reads))
    record("app URLs: changes (POST only, GET is 405)", len(changes))


def test_it_sends_a_content_security_policy_with_every_page(seeded):
    client = csrf_client(seeded["superuser"])
    pages = 0
    for url in walk(seeded):
        answer = client.get(url.url)
        if not answer.get("Content-Type", "").startswith("text/html"):
            continue
        pages += 1
        policy = answer.get("Content-Security-Policy", "")
        directives = dict(
            (part.split(" ", 1) + [""])[:2] for part in policy.replace("; ", ";").split(";")
        )
        assert "script-src" in directives, f"{url}: no script-src in {policy!r}"
        assert "'unsafe-inline'" not in directives["script-src"], url
        assert "'unsafe-eval'" not in directives["script-src"], url
        assert directives.get("object-src") == "'none'", url
    record("HTML pages checked for the CSP header", pages)


def test_it_accepts_the_token_that_htmx_sends_from_the_page(seeded, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(reverse("articles:dashboard"))
    headers = json.loads(BeautifulSoup(page.content, "html.parser").body["hx-headers"])

    answer = client.post(reverse("logout"), headers={**headers, "HX-Request": "true"})

    assert answer.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("as_user", ["editor", "viewer"])
def test_it_hides_the_admin_from_non_staff(client, seeded, as_user, request):
    client.force_login(request.getfixturevalue(as_user))

    assert goes_to_sign_in(client.get(reverse("admin:index")))


@pytest.mark.parametrize(
    "name", ["articles:comparison", "articles:reading", "articles:unit_history"]
)
def test_the_reading_pages_need_the_viewer_role_as_the_overview_does(
    client, seeded, viewer, django_user_model, name
):
    """The reading mode and a unit's history show article text: viewers read them,
    an account in no role is refused, a signed-out visitor signs in, a POST is 405."""
    urls = [u for u in walk(seeded, admin=False) if u.name == name]
    assert urls, f"{name} is not in the URL walk"
    url = urls[0].url
    assert goes_to_sign_in(client.get(url))
    nobody = django_user_model.objects.create_user("nobody", password="pw-for-tests-only")
    assert csrf_client(nobody).get(url).status_code == 403
    reader = csrf_client(viewer)
    assert reader.get(url).status_code == 200
    assert reader.post(url).status_code == 405
