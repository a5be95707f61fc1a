"""`manage.py backup`: a consistent, restorable copy of the live SQLite database."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError, call_command

from tests.reliability.conftest import base_env, manage
from tests.reliability.figures import record


def _flags_in(path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        flags = connection.execute("SELECT count(*) FROM articles_flag").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM articles_auditevent").fetchone()[0]
    return flags, events


def test_it_copies_the_database_and_the_copy_restores_every_flag(sqlite_procs_db, tmp_path):
    units = sqlite_procs_db.worker("seed", 3)["units"]
    sqlite_procs_db.together(
        [["flags", unit, 40, f"u{unit}", sqlite_procs_db.go_file] for unit in units]
    )
    written = sqlite_procs_db.worker("count")
    copy = tmp_path / "backups" / "newsdrift-copy.sqlite3"
    copy.parent.mkdir()

    done = manage(sqlite_procs_db.env, "backup", str(copy))

    assert f"Backed up {sqlite_procs_db.path} to {copy}" in done.stdout
    assert "integrity ok" in done.stdout
    # Restore: a fresh Django process pointed at the copy finds every flag and event.
    restored = sqlite_procs_db.__class__("sqlite", f"sqlite:///{copy}", path=copy).worker("count")
    assert restored == written
    assert restored["flags"] == 120
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # no side files
    record(
        "backups restored (all flags found)",
        f"1 copy, {restored['flags']} of 120 flags",
        backend="sqlite",
    )


def test_it_makes_a_consistent_copy_while_writers_are_writing(sqlite_procs_db, tmp_path):
    units = sqlite_procs_db.worker("seed", 4)["units"]
    writers = sqlite_procs_db.start(
        [["flags", unit, 300, f"u{unit}", sqlite_procs_db.go_file] for unit in units]
    )
    copy = tmp_path / "during.sqlite3"

    writers.release()
    done = manage(sqlite_procs_db.env, "backup", str(copy))
    writers.wait()

    assert "integrity ok" in done.stdout
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    flags, events = _flags_in(copy)
    # Each flag was written with its audit event in one transaction: a consistent
    # snapshot holds both or neither of every pair.
    assert flags == events
    assert _flags_in(sqlite_procs_db.path) == (1200, 1200)
    record(
        "backup during writes: flags in the copy",
        f"{flags} of 1200 being written",
        backend="sqlite",
    )


def test_it_refuses_to_overwrite_a_file_unless_forced(sqlite_procs_db, tmp_path):
    existing = tmp_path / "existing.sqlite3"
    existing.write_text("an older backup")

    refused = manage(sqlite_procs_db.env, "backup", str(existing), check=False)
    assert refused.returncode != 0
    assert refused.stderr.strip() == (
        f"CommandError: {existing}: exists already (use --force to overwrite it)"
    )
    assert existing.read_text() == "an older backup"

    forced = manage(sqlite_procs_db.env, "backup", str(existing), "--force")
    assert f"to {existing}" in forced.stdout
    with sqlite3.connect(existing) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_it_refuses_a_missing_folder_and_the_database_itself(sqlite_procs_db, tmp_path):
    missing = manage(sqlite_procs_db.env, "backup", str(tmp_path / "no" / "x.db"), check=False)
    database = str(sqlite_procs_db.path)
    itself = manage(sqlite_procs_db.env, "backup", database, "--force", check=False)

    assert missing.returncode != 0
    assert "no such directory" in missing.stderr
    assert itself.returncode != 0
    assert "is the database itself" in itself.stderr


def test_it_refuses_an_unknown_database_alias_in_one_line(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "copy.sqlite3"), "--database", "nope")
    assert str(refused.value) == "--database 'nope': no such database (known: default)"
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_name_too_long_for_the_file_system_in_one_line(sqlite_procs_db, tmp_path):
    target = tmp_path / ("b" * 300 + ".sqlite3")
    refused = manage(sqlite_procs_db.env, "backup", str(target), check=False)
    assert refused.returncode != 0
    assert (
        refused.stderr.strip() == f"CommandError: {target}: cannot be written (File name too long)"
    )
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())


def test_it_points_to_pg_dump_on_postgresql(tmp_path):
    target = tmp_path / "copy.sqlite3"
    done = manage(
        base_env("postgres://postgres@127.0.0.1:5432/nd_reliability"),
        "backup",
        str(target),
        check=False,
    )

    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert "pg_dump" in done.stderr
    assert not target.exists()


@pytest.mark.postgres
def test_it_restores_every_flag_from_the_pg_dump_the_readme_documents(postgres_procs_db):
    """The README's PostgreSQL lines, run: pg_dump while writers write, pg_restore into
    a new database, and every flag committed before the dump is there."""
    units = postgres_procs_db.worker("seed", 3)["units"]
    postgres_procs_db.together(
        [["flags", unit, 40, f"u{unit}", postgres_procs_db.go_file] for unit in units]
    )
    written = postgres_procs_db.worker("count")
    dump = postgres_procs_db.go_file.parent / "newsdrift.dump"
    restored_url = urlunsplit(
        urlsplit(postgres_procs_db.url)._replace(path=urlsplit(postgres_procs_db.url).path + "_r")
    )
    restored_name = urlsplit(restored_url).path.lstrip("/")
    maintenance = urlunsplit(urlsplit(postgres_procs_db.url)._replace(path="/postgres"))
    assert shutil.which("pg_dump") and shutil.which("pg_restore")

    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={postgres_procs_db.url}"],
        check=True,
        timeout=120,
    )
    subprocess.run(
        ["psql", maintenance, "-qc", f'DROP DATABASE IF EXISTS "{restored_name}"'],
        check=True,
        timeout=60,
    )
    subprocess.run(
        ["psql", maintenance, "-qc", f'CREATE DATABASE "{restored_name}"'], check=True, timeout=60
    )
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={restored_url}", str(dump)],
            check=True,
            timeout=120,
        )
        restored = postgres_procs_db.__class__("postgresql", restored_url).worker("count")
    finally:
        subprocess.run(
            ["psql", maintenance, "-qc", f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)'],
            check=True,
            timeout=60,
        )

    assert restored == written
    assert restored["flags"] == 120
    record(
        "pg_dump backups restored (all flags found)",
        f"1 dump, {restored['flags']} of 120 flags",
        backend="postgresql",
    )
