"""The API's tests talk to a live server over real HTTP (urllib), with tokens made as
a user makes them."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from articles.api.models import ApiToken
from tests.builders import build_comparison

CRITICAL_FLAG = {
    "category": "factual.number",
    "severity": "critical",
    "source_span": "four",
    "target_span": "forty",
    "reason": "four became forty",
    "rule": "number.changed",
}


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def error_code(self) -> str:
        return self.json["error"]["code"]


class Api:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        data=None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> Answer:
        url = path if path.startswith("http") else f"{self.base}/api/v1/{path.lstrip('/')}"
        body = raw if raw is not None else (None if data is None else json.dumps(data).encode())
        request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 (the live server)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return Answer(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read())

    def get(self, path: str, **kwargs) -> Answer:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, data=None, **kwargs) -> Answer:
        return self.call("POST", path, data=data, **kwargs)


@pytest.fixture
def api(live_server) -> Api:
    cache.clear()  # throttle counters of earlier tests
    return Api(live_server.url)


def token_for(user: User, name: str = "tests") -> str:
    return ApiToken.issue(user, name)[1]


@pytest.fixture
def nobody(django_user_model) -> User:
    return django_user_model.objects.create_user("nobody", password="pw-for-tests-only")


@pytest.fixture
def flagged(transactional_db):
    """A small comparison: unit 1 has a major suggestion, unit 3 a critical one."""
    from tests.views.conftest import FLAGS, UNITS

    return build_comparison(
        UNITS, title="Mutual bombing in Syria", flags={**FLAGS, 3: [CRITICAL_FLAG]}
    )
