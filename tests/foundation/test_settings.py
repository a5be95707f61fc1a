"""Settings come from the environment: checked in a fresh interpreter for each case."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

SHOW = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
shown = {
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
    "options": db.get("OPTIONS", {}),
    "test": {k: str(v) for k, v in db.get("TEST", {}).items()},
    "debug": settings.DEBUG, "hosts": settings.ALLOWED_HOSTS,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
}
print(json.dumps(shown))
"""


def _settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "SECRET_KEY", "DJANGO_DEBUG", "ALLOWED_HOSTS")
    }
    clean["DJANGO_SETTINGS_MODULE"] = "newsdrift.settings"
    clean["NEWSDRIFT_VAR_DIR"] = str(REPO / "var")
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=REPO, env=clean, capture_output=True, text=True
    )


def _shown(**env: str) -> dict:
    result = _settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_defaults_to_an_sqlite_file_under_var():
    shown = _shown(DJANGO_DEBUG="1")
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"] == str(REPO / "var" / "newsdrift.sqlite3")


def test_it_runs_sqlite_with_immediate_transactions_and_a_busy_timeout():
    options = _shown(DJANGO_DEBUG="1")["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "busy_timeout=30000" in options["init_command"]
    # The write-ahead log is asked for by each connection (tests/reliability/
    # test_sqlite_journal_mode.py).


def test_it_tests_on_an_sqlite_file_rather_than_in_memory():
    assert _shown(DJANGO_DEBUG="1")["test"]["NAME"].endswith("test-newsdrift.sqlite3")


def test_it_uses_postgresql_when_database_url_says_so():
    shown = _shown(DJANGO_DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom")
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["name"] == "newsroom"
    assert shown["host"] == "127.0.0.1"
    assert shown["options"] == {}


def test_it_refuses_to_start_without_a_secret_key_outside_debug():
    result = _settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_in_production_mode_with_a_secret_key_and_hosts():
    shown = _shown(DJANGO_DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="news.example.org")
    assert shown["debug"] is False
    assert shown["hosts"] == ["news.example.org"]


def test_it_serves_static_files_through_whitenoise_compressed_manifest_storage():
    storage = _shown(DJANGO_DEBUG="1")["storage"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_it_uses_the_sqlite_file_when_database_url_is_blank():
    shown = _shown(DJANGO_DEBUG="1", DATABASE_URL="  ")
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"] == str(REPO / "var" / "newsdrift.sqlite3")


def test_it_refuses_a_database_url_of_another_kind_in_one_line():
    result = _settings(DJANGO_DEBUG="1", DATABASE_URL="mysql://root@127.0.0.1/newsroom")
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.endswith(
        "DATABASE_URL: 'mysql' is not a database newsdrift runs on; use "
        "postgres://user@host:5432/name or sqlite:///path/to/file.sqlite3"
    )


def test_it_refuses_a_postgresql_url_that_names_no_database_without_showing_its_password():
    result = _settings(DJANGO_DEBUG="1", DATABASE_URL="postgres://editor:hunter2@db.internal/")
    assert result.returncode != 0
    assert "DATABASE_URL: 'db.internal/' names no database" in result.stderr
    assert "hunter2" not in result.stderr


def test_it_refuses_a_numeric_setting_that_is_not_a_whole_number_in_one_line():
    result = _settings(DJANGO_DEBUG="1", NEWSDRIFT_MAX_ARTICLE_BYTES="2MiB")
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.endswith(
        "NEWSDRIFT_MAX_ARTICLE_BYTES: '2MiB' is not a whole number; give one such as 1048576"
    )
    assert "ValueError" not in result.stderr


def test_it_refuses_a_negative_size_count_or_time_in_one_line():
    for name, shown in (
        ("NEWSDRIFT_MAX_BULK_PAIRS", "-1 is too small; it must be at least 1"),
        ("NEWSDRIFT_JOBS_ITEM_SECONDS", "-1 is too small; it must be at least 0"),
        ("DATABASE_CONN_MAX_AGE", "-1 is too small; it must be at least 0"),
    ):
        result = _settings(DJANGO_DEBUG="1", **{name: "-1"})
        assert result.returncode != 0, name
        assert result.stderr.strip().splitlines()[-1].endswith(f"{name}: {shown}")


def test_it_refuses_a_zero_article_size_but_takes_zero_as_no_limit_where_it_means_that():
    result = _settings(DJANGO_DEBUG="1", NEWSDRIFT_MAX_ARTICLE_BYTES="0")
    assert result.returncode != 0
    assert "NEWSDRIFT_MAX_ARTICLE_BYTES: 0 is too small; it must be at least 1" in result.stderr
    _shown(DJANGO_DEBUG="1", NEWSDRIFT_JOBS_PER_USER="0", NEWSDRIFT_JOBS_ITEM_SECONDS=" 0 ")
