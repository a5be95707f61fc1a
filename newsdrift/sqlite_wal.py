"""SQLite's write-ahead log, switched on for every connection, retried while another
process holds the lock the switch needs.

WAL lets readers go on while one editor writes (docs/DEPLOY.md). The mode is stored in
the database file, but a file in the rollback journal's mode — a restored backup
(`manage.py backup` writes one), a copy — is switched by the first connection that asks.
That switch needs the whole file to itself, and when two processes ask at once, SQLite
refuses one of them at once with "database is locked", without the busy timeout's
wait (waiting could deadlock them). Two gunicorn workers answering their first
requests on a restored backup could do that, and one of them would answer 500. So the switch is
asked for here, after the connection is made, and tried again for up to the busy
timeout.
"""

from __future__ import annotations

import sqlite3
import time

# As long as a writer waits for the lock (settings: the busy timeout).
PATIENCE_SECONDS = 30.0


def use_write_ahead_log(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: PRAGMA journal_mode=WAL on SQLite, retried."""
    if connection.vendor != "sqlite":
        return
    deadline = time.monotonic() + PATIENCE_SECONDS
    pause = 0.001
    while True:
        try:
            connection.connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def connect() -> None:
    from django.db.backends.signals import connection_created

    connection_created.connect(use_write_ahead_log, dispatch_uid="newsdrift.sqlite_wal")
