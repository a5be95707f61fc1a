"""The API tokens page: a user makes a token (shown once, stored hashed) and revokes
it; an account in no role is refused; another user's token cannot be touched."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from articles.api.auth import find_token
from articles.api.models import ApiToken
from tests.csrf import csrf_client, form_data


def test_it_makes_a_token_shows_it_once_and_keeps_only_its_hash(viewer):
    client = csrf_client(viewer)

    answer = client.post(reverse("api_token_create"), form_data(client, {"name": "the CMS"}))

    assert answer.status_code == 200
    text = answer.context["new_token"]
    assert text.startswith("nd_")
    assert text in answer.content.decode()
    token = ApiToken.objects.get(user=viewer)
    assert token.name == "the CMS"
    assert token.digest == hashlib.sha256(text.encode()).hexdigest()
    assert text not in {token.prefix, token.digest, token.name}
    assert find_token(text) == token
    listed = client.get(reverse("api_tokens")).content.decode()
    assert text not in listed
    assert token.shown in listed
    assert answer["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    ("name", "message"), [("", "give the token a name"), ("x" * 101, "at most 100")]
)
def test_it_refuses_a_bad_name_with_a_form_error(viewer, name, message):
    client = csrf_client(viewer)

    answer = client.post(reverse("api_token_create"), form_data(client, {"name": name}))

    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token(viewer):
    client = csrf_client(viewer)
    token, text = ApiToken.issue(viewer, "script")

    answer = client.post(reverse("api_token_revoke", args=[token.pk]), form_data(client, {}))

    assert answer.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert find_token(text) is None
    assert "revoked" in client.get(reverse("api_tokens")).content.decode()


def test_it_does_not_let_one_user_revoke_anothers_token(viewer, editor):
    token, _ = ApiToken.issue(editor, "theirs")
    client = csrf_client(viewer)

    answer = client.post(reverse("api_token_revoke", args=[token.pk]), form_data(client, {}))

    assert answer.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_lists_only_ones_own_tokens(viewer, editor):
    ApiToken.issue(editor, "editor's own")
    ApiToken.issue(viewer, "viewer's own")

    page = csrf_client(viewer).get(reverse("api_tokens")).content.decode()

    assert "viewer&#x27;s own" in page
    assert "editor&#x27;s own" not in page


def test_it_refuses_an_account_in_no_role(django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw-for-tests-only")
    client = csrf_client(nobody)

    assert client.get(reverse("api_tokens")).status_code == 403
    answer = client.post(reverse("api_token_create"), form_data(client, {"name": "x"}))
    assert answer.status_code == 403
    assert not ApiToken.objects.exists()


def test_it_sends_a_signed_out_visitor_to_sign_in(client, db):
    answer = client.get(reverse("api_tokens"))

    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("login"))


def test_it_escapes_a_tokens_name(viewer):
    ApiToken.issue(viewer, "<script>alert(1)</script>")

    page = csrf_client(viewer).get(reverse("api_tokens")).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_it_limits_the_active_tokens_of_one_account(viewer):
    for n in range(20):
        ApiToken.issue(viewer, f"token {n}")
    client = csrf_client(viewer)

    answer = client.post(reverse("api_token_create"), form_data(client, {"name": "one more"}))

    assert answer.status_code == 400
    assert "revoke one first" in answer.content.decode()
    assert ApiToken.objects.count() == 20
