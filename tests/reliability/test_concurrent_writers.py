"""Eight server processes writing flags into one SQLite file at the same moment."""

from __future__ import annotations

import sqlite3

from tests.reliability.figures import record

WRITERS = 8
FLAGS_EACH = 50


def test_it_stores_every_flag_of_eight_concurrent_writers_without_locking_errors(
    sqlite_procs_db,
):
    unit_ids = sqlite_procs_db.worker("seed", WRITERS)["units"]

    # Each worker fails (non-zero exit, its traceback reported) on any error, such as
    # "database is locked"; `together` asserts that none did.
    answers = sqlite_procs_db.together(
        [
            ["flags", unit_ids[i], FLAGS_EACH, f"w{i}", sqlite_procs_db.go_file]
            for i in range(WRITERS)
        ]
    )

    assert sorted(a["written"] for a in answers) == [FLAGS_EACH] * WRITERS
    with sqlite3.connect(sqlite_procs_db.path) as connection:
        notes = [row[0] for row in connection.execute("SELECT note FROM articles_flag ORDER BY id")]
        events = connection.execute("SELECT count(*) FROM articles_auditevent").fetchone()[0]
    assert sorted(notes) == sorted(f"w{w}-{i}" for w in range(WRITERS) for i in range(FLAGS_EACH))
    assert events == WRITERS * FLAGS_EACH

    writers = [note.split("-")[0] for note in notes]
    record("concurrent writers (processes)", WRITERS, backend="sqlite")
    record(
        "concurrent flag writes stored", f"{len(notes)} of {WRITERS * FLAGS_EACH}", backend="sqlite"
    )
    record(
        "concurrent writes: seconds from first start to last commit",
        round(max(a["ended"] for a in answers) - min(a["started"] for a in answers), 2),
        backend="sqlite",
    )
    record(
        "concurrent writes: changes of writer in commit order",
        sum(1 for a, b in zip(writers, writers[1:], strict=False) if a != b),
        backend="sqlite",
    )
