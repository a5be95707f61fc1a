"""The Redis mode: jobs go through Redis (RQ) to workers in separate process groups,
as on separate machines, sharing one PostgreSQL database. One group is killed with
SIGKILL mid-job; the other finishes the job, with nothing lost or doubled.

Uses the Redis server on 127.0.0.1:6379, database 3, and empties only that database.
"""

from __future__ import annotations

import pytest

from tests.reliability.conftest import manage
from tests.reliability.jobprocs import (
    item_states,
    sql,
    start_workers,
    wait_until,
    write_bulk_file,
)

REDIS_URL = "redis://127.0.0.1:6379/3"
PAIRS = 40


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.mark.postgres
def test_it_shares_a_job_among_worker_machines_and_survives_losing_one(
    postgres_procs_db, redis_db, tmp_path
):
    db = postgres_procs_db
    env = {**db.env, "REDIS_URL": REDIS_URL}
    queued = manage(
        env, "import_bulk", str(write_bulk_file(tmp_path / "wire.jsonl", PAIRS)), check=False
    )
    assert queued.returncode == 0, queued.stderr
    assert redis_db.keys("rq:queue:default"), "the runners went to Redis"
    assert sql(db, "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult") == [(0,)]

    logs = tmp_path / "a.log", tmp_path / "b.log"
    machine_a, machine_b = start_workers(env, logs[0]), start_workers(env, logs[1])
    try:
        wait_until(
            lambda: item_states(db).get("finished", 0) >= 5 and item_states(db).get("running", 0),
            timeout=120,
            what="pairs imported and in progress",
            log=logs[0],
        )
        machine_a.kill9()
        wait_until(
            lambda: sql(db, "SELECT state FROM articles_job") == [("done",)],
            timeout=240,
            what="the job finished by the other machine",
            log=logs[1],
        )
    finally:
        machine_a.stop()
        machine_b.stop()

    outcomes = sql(db, "SELECT outcome, COUNT(*) FROM articles_jobitem GROUP BY outcome")
    assert outcomes == [("imported", PAIRS)]
    assert sql(db, "SELECT COUNT(*) FROM articles_comparison") == [(PAIRS,)]
    assert sql(db, "SELECT COUNT(*) FROM articles_article") == [(2 * PAIRS,)]
    assert sql(db, "SELECT done, total FROM articles_job") == [(PAIRS, PAIRS)]
    assert "jobs_worker: 1 worker process(es), redis mode" in logs[1].read_text()


@pytest.mark.postgres
def test_import_bulk_waits_with_a_progress_bar_and_sums_up(postgres_procs_db, redis_db, tmp_path):
    env = {**postgres_procs_db.env, "REDIS_URL": REDIS_URL}
    bulk = write_bulk_file(tmp_path / "few.jsonl", 3, repeat=1)
    bulk.write_text(bulk.read_text() + "{not json\n", encoding="utf-8")
    workers = start_workers(env, tmp_path / "w.log")
    try:
        done = manage(env, "import_bulk", str(bulk), "--wait", check=False)
    finally:
        workers.stop()
    assert done.returncode == 1
    assert "Job 1 finished: 3 imported, 1 rejected." in done.stdout
    assert "Rejected: line 4: is not valid JSON" in done.stderr
    assert "4/4" in done.stderr  # the progress bar, at its end
    assert done.stderr.strip().endswith("1 of 4 item(s) were not done")
