"""gunicorn run for real with newsdrift/gunicorn.conf.py: which forwarded headers it
believes, and workers replaced after `max_requests` so that they give memory back.

A spoofed `X-Forwarded-Proto: https` sent straight to gunicorn with BEHIND_TLS_PROXY=0
was believed (gunicorn's default trusts it from 127.0.0.1), so Django answered as if
over HTTPS: HSTS, no redirect to HTTPS. Now forwarded headers are believed only behind
the proxy, only X-Forwarded-Proto, and only from FORWARDED_ALLOW_IPS.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.reliability.figures import record

GUNICORN = Path(sys.executable).parent / "gunicorn"
CONFIG = "newsdrift/gunicorn.conf.py"
# The dashboard: over HTTPS it sends a signed-out client to the sign-in page (302, with
# HSTS); over plain HTTP it is redirected to HTTPS first (301). Neither needs a template,
# static files or a migrated database.
PAGE = "/"
SPOOFS = (
    {"X-Forwarded-Proto": "https"},
    {"X-Forwarded-Ssl": "on"},
    {"X-Forwarded-Protocol": "ssl"},
)


def _environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """Production settings, one worker, and nothing of this shell's proxy settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GUNICORN_", "BEHIND_", "FORWARDED_", "SECURE_", "DJANGO_"))
    }
    env |= {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}",
        "NEWSDRIFT_VAR_DIR": str(tmp_path / "var"),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "info",
    }
    return env | overrides


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    log: Path

    def get(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


@contextmanager
def gunicorn(tmp_path: Path, **overrides: str) -> Iterator[Server]:
    port = _free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    env = _environment(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", **overrides)
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "--config", CONFIG, "newsdrift.wsgi"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(port, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                server.get(PAGE)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _served_as_https(response: http.client.HTTPResponse) -> bool:
    return response.status == 302 and response.getheader("Strict-Transport-Security") is not None


def test_it_believes_no_forwarded_header_without_a_proxy(tmp_path):
    with gunicorn(tmp_path, BEHIND_TLS_PROXY="0") as server:
        for spoof in SPOOFS:
            response = server.get(PAGE, spoof)
            assert response.status == 301, spoof
            assert response.getheader("Location") == f"https://127.0.0.1{PAGE}"
            assert response.getheader("Strict-Transport-Security") is None, spoof
    record(
        "gunicorn without the proxy: spoofed forwarded headers believed",
        f"0 of {len(SPOOFS)}",
        backend="sqlite",
    )


def test_it_believes_the_proxys_x_forwarded_proto_behind_the_proxy(tmp_path):
    with gunicorn(tmp_path, BEHIND_TLS_PROXY="1") as server:
        served = server.get(PAGE, {"X-Forwarded-Proto": "https"})
        assert _served_as_https(served)  # the control: the proxy's header is believed
        assert served.getheader("Location") == "/accounts/login/?next=/"
        # The headers a proxy does not set (a client's own, passed on) are not believed.
        for spoof in SPOOFS[1:]:
            response = server.get(PAGE, spoof)
            assert response.status == 301 and not _served_as_https(response), spoof


def test_it_believes_the_proxy_only_from_forwarded_allow_ips(tmp_path):
    # The proxy is elsewhere (10.0.0.5): a request from 127.0.0.1 is not from it.
    with gunicorn(tmp_path, BEHIND_TLS_PROXY="1", FORWARDED_ALLOW_IPS="10.0.0.5") as server:
        response = server.get(PAGE, {"X-Forwarded-Proto": "https"})
        assert response.status == 301 and not _served_as_https(response)


def _resolved_config(tmp_path: Path, **overrides: str) -> str:
    done = subprocess.run(
        [str(GUNICORN), "--config", CONFIG, "--print-config", "newsdrift.wsgi"],
        cwd=REPO,
        env=_environment(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _setting(config: str, name: str) -> str:
    return re.search(rf"^{name}\s+= (.*)$", config, re.M).group(1).strip()


def test_it_replaces_workers_after_a_number_of_requests_with_jitter_by_default(tmp_path):
    config = _resolved_config(tmp_path)
    assert _setting(config, "max_requests") == "2000"
    assert _setting(config, "max_requests_jitter") == "200"
    assert _setting(config, "forwarded_allow_ips") == "[]"
    assert _setting(config, "secure_scheme_headers") == "{}"
    proxied = _resolved_config(tmp_path, BEHIND_TLS_PROXY="1", FORWARDED_ALLOW_IPS="10.0.0.5")
    assert _setting(proxied, "forwarded_allow_ips") == "['10.0.0.5']"
    assert _setting(proxied, "secure_scheme_headers") == "{'X-FORWARDED-PROTO': 'https'}"


def test_it_really_replaces_a_worker_after_max_requests(tmp_path):
    with gunicorn(
        tmp_path,
        GUNICORN_MAX_REQUESTS="4",
        GUNICORN_MAX_REQUESTS_JITTER="0",
    ) as server:
        for _ in range(9):  # the start-up probe made one request already
            assert server.get("/healthz").status == 200
        time.sleep(1)  # the replacement boots after the last request of the old one
        log = server.log.read_text()
    assert log.count("Autorestarting worker after current request.") >= 2, log
    booted = re.findall(r"Booting worker with pid: (\d+)", log)
    assert len(set(booted)) >= 3, log
    record(
        "gunicorn max_requests=4: workers booted for 10 requests",
        len(set(booted)),
        backend="sqlite",
    )


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_it_reads_the_proxy_switch_as_the_settings_do(tmp_path, value):
    config = _resolved_config(tmp_path, BEHIND_TLS_PROXY=value)
    assert _setting(config, "secure_scheme_headers") == "{'X-FORWARDED-PROTO': 'https'}"
