"""The production configuration: DJANGO_DEBUG=0 and the documented variables."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys

import pytest

from tests.reliability.conftest import REPO


def production_env(tmp_path, **overrides: str) -> dict[str, str]:
    """The environment docs/DEPLOY.md asks a deployment to set, and nothing from ours."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "newsdrift.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://newsdrift.example.org",
        "BEHIND_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "NEWSDRIFT_VAR_DIR": str(tmp_path / "var"),
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def probe(env: dict[str, str], method: str, path: str, *headers: str) -> dict:
    done = run(env, "-m", "tests.reliability.probe", method, path, *headers)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_it_passes_the_deployment_checks_at_warning_level(tmp_path):
    env = production_env(tmp_path)
    done = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("SECRET_KEY", "short", "security.W009"),
        ("SECURE_SSL_REDIRECT", "0", "security.W008"),
        ("SECURE_HSTS_SECONDS", "0", "security.W004"),
    ],
)
def test_it_fails_the_deployment_checks_when_a_setting_is_weakened(
    tmp_path, variable, value, warning
):
    env = production_env(tmp_path, **{variable: value})
    done = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode != 0
    assert warning in done.stderr


def test_it_refuses_to_start_without_a_secret_key(tmp_path):
    done = run(production_env(tmp_path, SECRET_KEY=""), "manage.py", "check")

    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


def test_it_redirects_plain_http_to_https_but_not_the_health_check(tmp_path):
    env = production_env(tmp_path)
    host = "HTTP_HOST=newsdrift.example.org"

    health = probe(env, "GET", "/healthz", host)
    home = probe(env, "GET", "/", host)
    home_over_tls = probe(env, "GET", "/", host, "HTTP_X_FORWARDED_PROTO=https")

    assert (health["status"], health["body"]) == (200, "ok\n")
    assert (home["status"], home["location"]) == (301, "https://newsdrift.example.org/")
    assert home_over_tls["status"] == 302
    assert home_over_tls["location"].startswith("/accounts/login/")


def test_it_shows_the_plain_404_page_with_its_security_headers(tmp_path):
    env = production_env(tmp_path)

    tls = ("HTTP_HOST=newsdrift.example.org", "HTTP_X_FORWARDED_PROTO=https")
    missing = probe(env, "GET", "/no/such/page/", *tls)

    assert missing["status"] == 404
    assert "<h1>Not found</h1>" in missing["body"]
    assert "script-src 'self'" in missing["csp"]
