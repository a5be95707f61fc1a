"""`python manage.py backup PATH`: a consistent copy of the SQLite database, live.

SQLite's online backup API copies the database page by page from one read snapshot,
so the copy is consistent even while editors are writing (WAL mode lets the writers
go on meanwhile). The copy is written next to PATH under a temporary name, checked,
and only then renamed into place, so a failed or interrupted backup never leaves a
half-written file under the name asked for. PostgreSQL is backed up with pg_dump.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from articles.management.output_file import check_output


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH while the server runs (a consistent snapshot "
        "made with SQLite's backup API). Refuses to overwrite an existing file unless "
        "--force. On PostgreSQL, use pg_dump instead (see README.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Where to write the copy (a new file).")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite PATH if it exists already."
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database alias to back up."
        )

    def handle(self, *args, **options) -> None:
        alias = options["database"]
        if alias not in connections:
            known = ", ".join(sorted(connections))
            raise CommandError(f"--database {alias!r}: no such database (known: {known})")
        connection = connections[alias]
        if connection.vendor != "sqlite":
            raise CommandError(
                f"the database is {connection.vendor}, not SQLite: back it up with pg_dump, "
                "e.g. pg_dump --format=custom --file=newsdrift.dump DBNAME (see README.md)"
            )
        source = Path(connection.settings_dict["NAME"])
        target = Path(options["path"]).expanduser().absolute()
        if not source.is_file():
            raise CommandError(f"{source}: the database file does not exist")
        if target.resolve() == source.resolve():
            raise CommandError(f"{target}: is the database itself; choose another path")
        check_output(target)  # not a directory, and a name the file system can take
        if target.exists() and not options["force"]:
            raise CommandError(f"{target}: exists already (use --force to overwrite it)")
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent}: no such directory")

        started = time.monotonic()
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            pages, tables = _copy(source, partial)
            os.replace(partial, target)
        except (sqlite3.Error, OSError) as error:
            raise CommandError(f"{target}: the backup failed ({error})") from error
        finally:
            partial.unlink(missing_ok=True)
        size = target.stat().st_size
        self.stdout.write(
            f"Backed up {source} to {target}: {size / (1024 * 1024):.2f} MiB, {pages} pages, "
            f"{tables} tables, integrity ok, in {time.monotonic() - started:.2f} s."
        )


def _copy(source: Path, partial: Path) -> tuple[int, int]:
    """Copy `source` into the new file `partial`, check it, return (pages, tables)."""
    partial.unlink(missing_ok=True)
    # A connection of its own, read-only: the backup never writes to the live database,
    # and waits (rather than fails) while a writer is checkpointing.
    live = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        # pages=-1 copies everything in one step, from one read snapshot: a copy made in
        # several steps would restart whenever a writer commits in between.
        live.backup(copy, pages=-1)
        # The copy is one self-contained file, not a WAL database with side files.
        copy.execute("PRAGMA journal_mode=DELETE")
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"the copy fails its integrity check: {result}")
        pages = copy.execute("PRAGMA page_count").fetchone()[0]
        tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
            0
        ]
    finally:
        copy.close()
        live.close()
    return pages, tables
