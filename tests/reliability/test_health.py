"""/healthz: 200 while the database answers, 503 when it does not, no sign-in."""

from __future__ import annotations

import pytest

from tests.reliability.test_production_settings import probe, production_env


def test_it_answers_ok_without_signing_in(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_head_requests_and_refuses_posts(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////nonexistent-folder/for/newsdrift.sqlite3",
        "postgres://postgres@127.0.0.1:9/newsdrift",  # nothing listens on port 9
    ],
    ids=["sqlite-file-unreachable", "postgresql-server-unreachable"],
)
def test_it_answers_503_when_the_database_is_unreachable(tmp_path, database_url):
    env = production_env(tmp_path, DATABASE_URL=database_url)

    answer = probe(env, "GET", "/healthz", "HTTP_HOST=newsdrift.example.org")

    assert answer["status"] == 503
    assert answer["body"] == "unavailable\n"
