"""A worker killed (kill -9) in the middle of a bulk import, on SQLite and PostgreSQL:
no finished pair is lost, no pair is imported twice, nothing is left half-written, and
the job finishes when a worker comes back."""

from __future__ import annotations

from tests.reliability.conftest import manage
from tests.reliability.jobprocs import (
    item_states,
    sql,
    start_workers,
    wait_until,
    write_bulk_file,
)

PAIRS = 40


def finished_pairs(db) -> dict[int, int]:
    """position -> comparison id of every item recorded as imported."""
    rows = sql(
        db,
        "SELECT position, comparison_id FROM articles_jobitem "
        "WHERE state = 'finished' AND outcome = 'imported'",
    )
    return dict(rows)


def test_it_loses_and_doubles_nothing_when_a_worker_is_killed_mid_import(procs_db, tmp_path):
    bulk = write_bulk_file(tmp_path / "wire.jsonl", PAIRS)
    queued = manage(procs_db.env, "import_bulk", str(bulk))
    assert f"{PAIRS} pair(s) from wire.jsonl" in queued.stdout
    log = tmp_path / "workers.log"

    first = start_workers(procs_db.env, log)
    try:
        wait_until(
            lambda: (
                item_states(procs_db).get("finished", 0) >= 5
                and item_states(procs_db).get("running", 0) == 1
            ),
            timeout=120,
            what="five pairs imported and one in progress",
            log=log,
        )
        first.kill9()
    finally:
        first.stop()

    # Killed: every pair is either recorded with its comparison, or not stored at all.
    states = item_states(procs_db)
    before = finished_pairs(procs_db)
    assert 5 <= len(before) < PAIRS, states
    assert sql(procs_db, "SELECT COUNT(*) FROM articles_comparison") == [(len(before),)]
    assert sql(procs_db, "SELECT COUNT(*) FROM articles_article") == [(2 * len(before),)]
    abandoned = [
        p for (p,) in sql(procs_db, "SELECT position FROM articles_jobitem WHERE state = 'running'")
    ]
    # Killed in the middle of a pair (nearly always: a pair takes far longer than the
    # moment between two pairs).
    assert len(abandoned) <= 1

    second = start_workers(procs_db.env, log)
    try:
        wait_until(
            lambda: sql(procs_db, "SELECT state FROM articles_job") == [("done",)],
            timeout=240,
            what="the job finished by the new worker",
            log=log,
        )
    finally:
        second.stop()

    after = finished_pairs(procs_db)
    assert len(after) == PAIRS
    assert {position: after[position] for position in before} == before  # nothing redone
    assert sql(procs_db, "SELECT COUNT(*) FROM articles_comparison") == [(PAIRS,)]
    assert sql(procs_db, "SELECT COUNT(*) FROM articles_article") == [(2 * PAIRS,)]
    assert sql(procs_db, "SELECT done, total FROM articles_job") == [(PAIRS, PAIRS)]
    # Every comparison was analysed (its units stored with it).
    unanalysed = sql(
        procs_db,
        "SELECT COUNT(*) FROM articles_comparison c WHERE NOT EXISTS "
        "(SELECT 1 FROM articles_alignmentunit u WHERE u.comparison_id = c.id)",
    )
    assert unanalysed == [(0,)]
    # The pair the killed worker was on was done again, once, by the new one.
    attempts = dict(sql(procs_db, "SELECT position, attempts FROM articles_jobitem"))
    assert {attempts[position] for position in abandoned} <= {2}
    assert {n for position, n in attempts.items() if position not in abandoned} == {1}


def test_a_worker_over_its_memory_limit_is_replaced_and_the_job_goes_on(sqlite_procs_db, tmp_path):
    db = sqlite_procs_db
    bulk = write_bulk_file(tmp_path / "few.jsonl", 3, repeat=1)
    manage(db.env, "import_bulk", str(bulk))
    log = tmp_path / "workers.log"
    # Every worker process is over 1 MiB: each does one slice of work, then is replaced.
    workers = start_workers(
        {**db.env, "NEWSDRIFT_JOBS_WORKER_MEMORY_MB": "1", "NEWSDRIFT_JOBS_SLICE_SECONDS": "0"},
        log,
    )
    try:
        wait_until(
            lambda: sql(db, "SELECT state FROM articles_job") == [("done",)],
            timeout=120,
            what="the job done by recycled workers",
            log=log,
        )
    finally:
        workers.stop()
    assert sql(db, "SELECT COUNT(*) FROM articles_comparison") == [(3,)]
    recycled = log.read_text().count("exited (0)")
    assert recycled >= 2, log.read_text()[-2000:]
