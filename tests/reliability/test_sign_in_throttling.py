"""Repeated failed sign-ins are throttled per user name and address (django-axes)."""

from __future__ import annotations

from django.conf import settings

PASSWORD = "pw-for-tests-only"


def sign_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_it_refuses_the_right_password_after_five_wrong_ones(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        failed = sign_in(client, editor.username, "wrong password")
        assert failed.status_code == 200
        assert "Please enter a correct username and password" in failed.content.decode()
    fifth = sign_in(client, editor.username, "wrong password")
    assert fifth.status_code == 429

    refused = sign_in(client, editor.username, PASSWORD)

    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still signed out


def test_it_keeps_the_lockout_to_that_user_and_address(client, editor, other_editor):
    for _ in range(6):
        sign_in(client, editor.username, "wrong password")

    other_user = sign_in(client, other_editor.username, PASSWORD)
    client.logout()
    other_address = sign_in(client, editor.username, PASSWORD, address="198.51.100.9")

    assert other_user.status_code == 302
    assert other_address.status_code == 302


def test_it_lets_the_user_in_after_fewer_failures(client, editor):
    for _ in range(4):
        sign_in(client, editor.username, "wrong password")

    accepted = sign_in(client, editor.username, PASSWORD)

    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_it_counts_browsers_behind_the_proxy_apart(client, editor, settings):
    # Every connection comes from the proxy; X-Forwarded-For's last entry, appended by
    # the proxy, is the browser. A forged entry in front of it changes nothing.
    settings.BEHIND_TLS_PROXY = True
    proxy = "10.0.0.2"
    settings.FORWARDED_ALLOW_IPS = [proxy]  # the proxy on another host (docs/DEPLOY.md)
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": editor.username, "password": "wrong password"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="198.51.100.50, 203.0.113.7",
        )
    elsewhere = client.post(
        "/accounts/login/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert elsewhere.status_code == 302
    client.logout()
    same_browser = client.post(
        "/accounts/login/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7",
    )
    assert same_browser.status_code == 429


def test_it_ignores_x_forwarded_for_from_anyone_but_the_proxy(client, editor, settings):
    # Behind the proxy, a client that reaches the server directly (not from
    # FORWARDED_ALLOW_IPS) cannot pick the address its failures are counted against.
    settings.BEHIND_TLS_PROXY = True
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.2"]
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": editor.username, "password": "wrong password"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    forged = client.post(
        "/accounts/login/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert forged.status_code == 429


def test_it_ignores_x_forwarded_for_without_a_proxy(client, editor):
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": editor.username, "password": "wrong password"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    forged = client.post(
        "/accounts/login/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert forged.status_code == 429
