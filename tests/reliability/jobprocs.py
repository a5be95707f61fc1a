"""Worker processes and a bulk file for the tests that kill workers mid-job.

The database is one of tests/reliability/conftest.py's process databases; the test
reads it with plain SQL (sqlite3 or psycopg), so watching a job costs no Django setup.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE
from tests.reliability.conftest import REPO, ProcsDatabase


def write_bulk_file(path: Path, pairs: int, repeat: int = 6) -> Path:
    """`pairs` distinct pairs, each the seed pair's text `repeat` times (about 25
    sentences a side each time), so that each takes a noticeable moment to analyse."""
    source = SEED_SOURCE.read_text(encoding="utf-8")
    target = SEED_RETRANSLATION.read_text(encoding="utf-8")
    lines = []
    for n in range(pairs):
        body_s = "\n\n".join(
            f"{source}\n\nPart {k} of dispatch {n} was filed." for k in range(repeat)
        )
        body_t = "\n\n".join(f"{target}\n\nPart {k} of report {n} was sent." for k in range(repeat))
        lines.append(
            json.dumps(
                {
                    "source": {"title": f"Dispatch {n}", "body": body_s},
                    "retranslation": {"title": f"Report {n}", "body": body_t},
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class WorkerGroup:
    """`manage.py jobs_worker` in a process group of its own: a machine of workers."""

    process: subprocess.Popen
    log: Path
    killed: bool = field(default=False)

    def kill9(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.killed = True

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


def start_workers(env: dict[str, str], log: Path, processes: int = 1) -> WorkerGroup:
    handle = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "jobs_worker", "--processes", str(processes)],
        cwd=REPO,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return WorkerGroup(process, log)


def sql(db: ProcsDatabase, query: str) -> list[tuple]:
    if db.vendor == "sqlite":
        with sqlite3.connect(db.path, timeout=30) as connection:
            return connection.execute(query).fetchall()
    import psycopg

    with psycopg.connect(db.url, autocommit=True) as connection:
        return connection.execute(query).fetchall()


def item_states(db: ProcsDatabase) -> dict[str, int]:
    rows = sql(db, "SELECT state, COUNT(*) FROM articles_jobitem GROUP BY state")
    return dict(rows)


def wait_until(condition, *, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    shown = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
    raise AssertionError(f"{what}: not within {timeout:g} s\n{shown}")
