"""Who may call which endpoint, over HTTP: signed out, a token of an account in no role,
of a viewer, an editor and an importer; revoked and unknown tokens; the session with and
without its CSRF token. The roles are the web's (articles/roles.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from articles.api.models import ApiToken
from articles.models import AuditEvent, Comparison, Flag
from tests.api.conftest import token_for

PAIR = {
    "source": {"title": "Council vote", "body": "The council voted on Monday to close the bridge."},
    "retranslation": {
        "title": "Council",
        "body": "The council voted on Tuesday to close the bridge.",
    },
}


def endpoints(comparison: Comparison) -> list[tuple[str, str, object, str]]:
    """(method, path, body, the rule it needs)."""
    flag = Flag.objects.filter(unit__comparison=comparison).order_by("id").first()
    return [
        ("GET", "comparisons", None, "view"),
        ("GET", f"comparisons/{comparison.pk}/report", None, "view"),
        ("GET", f"comparisons/{comparison.pk}/flags", None, "view"),
        ("GET", f"stories/{comparison.source_id}/copies", None, "view"),
        ("POST", "comparisons", PAIR, "import"),
        ("POST", f"flags/{flag.pk}/decision", {"decision": "dismiss", "version": 1}, "review"),
    ]


ALLOWED = {
    "viewer": {"view"},
    "editor": {"view", "review"},
    "importer": {"view", "review", "import"},
    "nobody": set(),
}


def test_it_answers_401_in_the_error_shape_when_signed_out(api, flagged):
    for method, path, body, _ in endpoints(flagged):
        answer = api.call(method, path, data=body)
        assert answer.status == 401, path
        assert answer.error_code == "not_authenticated"
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert api.get("jobs/1").status == 401
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ["nobody", "viewer", "editor", "importer"])
def test_it_allows_each_role_what_the_web_allows_it(api, flagged, role, request):
    token = token_for(request.getfixturevalue(role))
    for method, path, body, rule in endpoints(flagged):
        answer = api.call(method, path, data=body, token=token)
        if rule in ALLOWED[role]:
            assert answer.status in (200, 201), (role, path, answer.body)
        else:
            assert answer.status == 403, (role, path, answer.status)
            assert answer.error_code == "forbidden"
    decided = Flag.objects.filter(unit__comparison=flagged, status="dismissed").exists()
    assert decided == ("review" in ALLOWED[role])
    assert Comparison.objects.count() == (2 if "import" in ALLOWED[role] else 1)


def test_it_refuses_a_role_before_reading_the_body(api, viewer):
    answer = api.post("comparisons", {"not": "a pair"}, token=token_for(viewer))

    assert answer.status == 403


def test_it_refuses_a_revoked_token_at_once(api, flagged, viewer):
    token = token_for(viewer)
    assert api.get("comparisons", token=token).status == 200

    ApiToken.objects.get(user=viewer).revoke()
    answer = api.get("comparisons", token=token)

    assert answer.status == 401
    assert answer.error_code == "invalid_token"


@pytest.mark.parametrize("token", ["nd_abcdefgh_not-the-secret", "nd_", "garbage", "nd_zzzzzzzz_x"])
def test_it_refuses_an_unknown_token(api, flagged, viewer, token):
    token_for(viewer)
    answer = api.get("comparisons", token=token)

    assert answer.status == 401
    assert answer.error_code == "invalid_token"


def test_it_refuses_the_token_of_a_disabled_account(api, flagged, viewer):
    token = token_for(viewer)
    viewer.is_active = False
    viewer.save()

    assert api.get("comparisons", token=token).status == 401


def test_it_records_when_a_token_was_last_used(api, flagged, viewer):
    token = token_for(viewer)
    api.get("comparisons", token=token)

    assert ApiToken.objects.get(user=viewer).last_used_at is not None


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_it_serves_the_signed_in_session_for_reads(api, flagged, viewer):
    cookie = f"{settings.SESSION_COOKIE_NAME}={_session_cookie(viewer)}"

    answer = api.get("comparisons", headers={"Cookie": cookie})

    assert answer.status == 200
    assert answer.json["items"][0]["id"] == flagged.pk


def test_it_keeps_the_csrf_check_for_the_session_but_not_for_tokens(api, flagged, editor):
    flag = Flag.objects.filter(unit__comparison=flagged).order_by("id").first()
    path = f"flags/{flag.pk}/decision"
    body = {"decision": "accept", "version": 1}
    cookie = f"{settings.SESSION_COOKIE_NAME}={_session_cookie(editor)}"

    refused = api.post(path, body, headers={"Cookie": cookie})
    assert refused.status == 403
    assert refused.error_code == "csrf_failed"
    assert not AuditEvent.objects.exists()

    csrf = "a" * 32
    accepted = api.post(
        path,
        body,
        headers={
            "Cookie": f"{cookie}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "X-CSRFToken": csrf,
            "Referer": api.base + "/",
        },
    )
    assert accepted.status == 200, accepted.body

    by_token = api.post(
        f"flags/{flag.pk}/decision", {"decision": "dismiss", "version": 2}, token=token_for(editor)
    )
    assert by_token.status == 200, by_token.body


def test_it_answers_a_method_it_does_not_take_with_405_in_the_error_shape(api, flagged, viewer):
    answer = api.call("DELETE", f"comparisons/{flagged.pk}/report", token=token_for(viewer))

    assert answer.status == 405
    assert answer.error_code == "method_not_allowed"
    assert "GET" in answer.headers["Allow"]


def test_it_answers_an_unknown_comparison_with_404_in_the_error_shape(api, flagged, viewer):
    answer = api.get("comparisons/999999/report", token=token_for(viewer))

    assert answer.status == 404
    assert answer.error_code == "not_found"


@pytest.mark.parametrize(
    ("role", "status"), [("nobody", 403), ("viewer", 404), ("editor", 404), ("importer", 200)]
)
def test_it_shows_a_job_to_whom_the_web_shows_it(api, flagged, role, status, request, settings):
    """The job page's rule: its owner and staff importers; another account in a role
    learns nothing (404), an account in no role is refused (403)."""
    from tests.api.test_comparisons_api import pair

    owner = request.getfixturevalue("importer")
    settings.NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES = 2
    job_url = api.post("comparisons", pair(sentences=4), token=token_for(owner)).json["job"]["url"]
    caller = owner if role == "importer" else request.getfixturevalue(role)

    answer = api.get(job_url, token=token_for(caller, "caller"))

    assert answer.status == status, answer.body


def test_it_reads_a_form_posted_with_the_session_without_failing(flagged, editor):
    """Django's CSRF check reads a form body's stream; the API reads it after."""
    from tests.csrf import csrf_client

    flag = Flag.objects.filter(unit__comparison=flagged).order_by("id").first()
    client = csrf_client(editor)

    answer = client.post(f"/api/v1/flags/{flag.pk}/decision", {"decision": "accept"})

    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid"
