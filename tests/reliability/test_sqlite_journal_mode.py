"""Every SQLite connection runs in WAL mode, and a connection to a file in the rollback
journal's mode (a restored backup, a copy) gets it even while another process is
writing to that file (newsdrift/sqlite_wal.py): SQLite refuses that switch at once
with "database is locked", whatever the busy timeout, so two workers opening a
restored backup together could answer 500."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.django_db


def journal_mode(wrapper) -> str:
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        return cursor.fetchone()[0]


def sqlite_connection(path) -> DatabaseWrapper:
    """A connection to the SQLite file `path` as the settings make one (on the
    PostgreSQL run too, where the settings' SQLite options are not in use: the
    same busy timeout)."""
    default = connections["default"].settings_dict
    options = default["OPTIONS"] if connection.vendor == "sqlite" else {"timeout": 30}
    settings = {**default, "ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
    return DatabaseWrapper({**settings, "OPTIONS": options}, "sqlite_file")


def test_a_new_sqlite_file_is_in_wal_mode_from_its_first_connection(tmp_path):
    fresh = sqlite_connection(tmp_path / "new.sqlite3")
    try:
        assert journal_mode(fresh) == "wal"
    finally:
        fresh.close()
    if connection.vendor == "sqlite":
        assert journal_mode(connection) == "wal"  # the test database's


def test_a_connection_gets_wal_mode_on_a_rollback_journal_file_another_process_writes(tmp_path):
    path = tmp_path / "restored.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    raw.close()
    # Another process's write in progress: it holds the lock the switch needs.
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN")
    writer.execute("INSERT INTO t VALUES (1)")
    # What SQLite answers a plain switch then: at once, without waiting.
    probe = sqlite3.connect(path, timeout=5)
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        probe.execute("PRAGMA journal_mode=WAL")
    probe.close()
    finish = threading.Timer(0.3, writer.execute, ["COMMIT"])
    finish.start()
    restored = sqlite_connection(path)
    try:
        restored.ensure_connection()  # waits for the writer instead of failing
        assert journal_mode(restored) == "wal"
        with restored.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            assert cursor.fetchone()[0] == 1  # the writer's row, committed before
    finally:
        finish.join()
        restored.close()
        writer.close()
