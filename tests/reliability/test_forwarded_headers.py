"""Django believes X-Forwarded-Proto only behind the proxy and only from the proxy's
addresses (FORWARDED_ALLOW_IPS, the list gunicorn reads too): newsdrift/forwarded.py.
tests/reliability/test_gunicorn.py runs the same through gunicorn."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client


@pytest.fixture
def production_security(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.BEHIND_TLS_PROXY = True
    return settings


def _get(peer: str, **headers):
    return Client(REMOTE_ADDR=peer).get("/", **headers)


def test_it_believes_the_proxy_on_its_address(production_security):
    response = _get("127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 302  # to the sign-in page, over HTTPS
    assert response["Location"] == "/accounts/login/?next=/"
    assert "Strict-Transport-Security" in response


def test_it_ignores_the_header_from_any_other_address(production_security):
    response = _get("203.0.113.7", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert "Strict-Transport-Security" not in response


def test_it_believes_a_proxy_named_by_its_network(production_security):
    production_security.FORWARDED_ALLOW_IPS = ["10.0.0.0/24", "::1"]
    assert _get("10.0.0.5", HTTP_X_FORWARDED_PROTO="https").status_code == 302
    assert _get("10.0.1.5", HTTP_X_FORWARDED_PROTO="https").status_code == 301


def test_it_believes_any_peer_with_a_star_as_gunicorn_does(production_security):
    production_security.FORWARDED_ALLOW_IPS = ["*"]
    assert _get("203.0.113.7", HTTP_X_FORWARDED_PROTO="https").status_code == 302


def test_it_ignores_the_header_without_the_proxy_setting(production_security):
    production_security.BEHIND_TLS_PROXY = False
    assert _get("127.0.0.1", HTTP_X_FORWARDED_PROTO="https").status_code == 301


def test_it_names_a_bad_address_in_the_list(production_security):
    production_security.FORWARDED_ALLOW_IPS = ["10.0.0.300"]
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS: .*10.0.0.300"):
        _get("127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
