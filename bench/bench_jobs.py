"""Background jobs at archive scale: bulk-import throughput with 1 and 2 worker
processes, the same through Redis with workers in two process groups (as two machines
would be), and a 10,000-comparison export job with its memory over time.

    python bench/bench_jobs.py [--db sqlite|postgres|both] [--pairs 300] [--skip-export]
                               [--redis redis://127.0.0.1:6379/15]

Throughput: a zip of generated pairs (bench/pairgen.py, 20 to 60 sentences a side) is
queued with `manage.py import_bulk` on a fresh, empty database, then `manage.py
jobs_worker` is started and the job is timed from its first claimed pair to its last
(the job's own started_at and finished_at). Reported: pairs per second, pairs per CPU
second (every worker process's user and system time, start-up included), and the ratio
of 2 workers to 1 (it should be close to 2 on PostgreSQL; SQLite has one writer). The
Redis run (PostgreSQL only) starts two supervisors of one worker each in separate
process groups, sharing REDIS_URL (the database given by --redis, which must hold no
other queue; it is not emptied).

Export (on a copy of the archive, bench/archive.py): a CSV report of 10,000 comparisons
is queued as a job and done by `jobs_worker --batch`, whose resident memory is sampled
every 0.2 s with the job's progress; then the file is read back as the download view
streams it. Target: memory flat (the worker's memory at the end within 15 % of its
memory at a tenth of the way).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive  # noqa: E402
import harness  # noqa: E402
import pairgen  # noqa: E402

EXPORT_COMPARISONS = 10_000
TARGET_RATIO = 1.8  # 2 workers against 1, PostgreSQL
TARGET_MEMORY_GROWTH = 0.15


def _bulk_zip(path: Path, pairs: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for n in range(pairs):
            seed = 500_000 + n
            pair = pairgen.make_pair(seed, 20 + seed % 41)
            archive_file.writestr(f"pair-{n:05d}/source.txt", pair.source)
            archive_file.writestr(f"pair-{n:05d}/retranslation.txt", pair.retranslation)
    return path


def _env(kind: str, name: str, **extra: str) -> dict[str, str]:
    env = os.environ | harness.production_environment(kind, name)
    env.pop("REDIS_URL", None)  # the database mode, unless asked
    return env | extra


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _job_row(kind: str, name: str) -> tuple | None:
    query = "SELECT state, done, total, started_at, finished_at FROM articles_job ORDER BY id DESC"
    if kind == "sqlite":
        import sqlite3

        with sqlite3.connect(harness.BENCH_DIR / f"{name}.sqlite3", timeout=30) as connection:
            return connection.execute(query).fetchone()
    import psycopg

    with psycopg.connect(harness.database_url(kind, name), autocommit=True) as connection:
        return connection.execute(query).fetchone()


def _stamp(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def throughput(kind: str, pairs: int, workers: int, groups: int = 1, redis_url: str = "") -> dict:
    """One bulk import of `pairs` pairs by `groups` supervisors of `workers` processes."""
    name = f"{archive.PREFIX}_jobs_{kind}"
    harness.create_database(kind, name)
    extra = {"REDIS_URL": redis_url} if redis_url else {}
    env = _env(kind, name, NEWSDRIFT_JOBS_RUNNERS=str(max(4, workers * groups)), **extra)
    _manage(env, "migrate", "--no-input", "-v0")
    bulk = _bulk_zip(harness.BENCH_DIR / f"jobs-{pairs}.zip", pairs)
    started = time.perf_counter()
    _manage(env, "import_bulk", str(bulk))
    queued_s = time.perf_counter() - started

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    supervisors = [
        subprocess.Popen(
            [sys.executable, "manage.py", "jobs_worker", "--processes", str(workers)],
            env=env,
            cwd=harness.ROOT,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(groups)
    ]
    try:
        deadline = time.monotonic() + 3600
        while time.monotonic() < deadline:
            row = _job_row(kind, name)
            if row and row[0] not in ("queued", "running"):
                break
            time.sleep(0.2)
        else:
            raise SystemExit("the import job did not finish within an hour")
    finally:
        for supervisor in supervisors:
            os.killpg(supervisor.pid, signal.SIGTERM)
        for supervisor in supervisors:
            supervisor.wait(timeout=400)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    state, done, total, job_started, job_finished = row
    seconds = (_stamp(job_finished) - _stamp(job_started)).total_seconds()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "database": kind,
        "mode": "redis" if redis_url else "database",
        "worker_groups": groups,
        "processes_per_group": workers,
        "pairs": pairs,
        "state": state,
        "done": done,
        "queue_seconds": round(queued_s, 1),
        "job_seconds": round(seconds, 1),
        "pairs_per_second": round(pairs / seconds, 2),
        "worker_cpu_seconds": round(cpu, 1),
        "pairs_per_cpu_second": round(pairs / cpu, 2),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
    }


def _rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def export(kind: str) -> dict:
    """A CSV report of EXPORT_COMPARISONS comparisons as a job, memory sampled."""
    name = archive.fresh_copy(kind, "export")
    harness.setup_django(kind, name)
    from django.db.models import Max

    from articles.jobs.export import submit_export
    from articles.jobs.files import read_file
    from articles.models import Comparison, Job
    from articles.reports.selection import build_selection

    # The newest comparisons, by creation day: a selection of (about) 10,000.
    ordered = Comparison.objects.order_by("-created_at").values_list("created_at", flat=True)
    since = ordered[EXPORT_COMPARISONS - 1].date()
    until = Comparison.objects.aggregate(Max("created_at"))["created_at__max"].date()
    selection = build_selection(since=since.isoformat(), until=until.isoformat())
    count = selection.queryset().count()
    job = submit_export(selection, "csv")

    env = _env(kind, name)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "jobs_worker", "--batch"],
        env=env,
        cwd=harness.ROOT,
        stdout=subprocess.DEVNULL,
    )
    samples: list[tuple[float, int, float]] = []
    started = time.perf_counter()
    while worker.poll() is None:
        rss = _rss_mib(worker.pid)
        job.refresh_from_db(fields=["done", "total"])
        if rss is not None:
            samples.append((time.perf_counter() - started, job.done, rss))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    if job.state != Job.State.DONE:
        raise SystemExit(f"the export job ended {job.state}: {job.error}")

    def at(fraction: float) -> float:
        wanted = fraction * count
        reached = [rss for _, done, rss in samples if done >= wanted]
        return round(reached[0], 1) if reached else round(samples[-1][2], 1)

    # The download, as the job page's link streams it: read a chunk at a time.
    read_started = time.perf_counter()
    rss_before = _rss_mib(os.getpid())
    peak = rss_before
    size = 0
    for chunk in read_file(job):
        size += len(chunk)
        peak = max(peak, _rss_mib(os.getpid()) or 0)
    read_seconds = time.perf_counter() - read_started
    memory = {f"{int(f * 100)}%": at(f) for f in (0.1, 0.25, 0.5, 0.75, 1.0)}
    growth = (memory["100%"] - memory["10%"]) / memory["10%"] if memory["10%"] else None
    return {
        "database": kind,
        "comparisons": count,
        "bytes": job.result_bytes,
        "seconds": round(seconds, 1),
        "comparisons_per_second": round(count / seconds, 1),
        "worker_rss_mib_at_progress": memory,
        "worker_peak_rss_mib": round(max(rss for *_, rss in samples), 1),
        "memory_growth_10_to_100": round(growth, 3) if growth is not None else None,
        "download_bytes": size,
        "download_seconds": round(read_seconds, 1),
        "download_rss_growth_mib": round(peak - rss_before, 1),
        "samples": [
            (round(t, 1), d, round(r, 1)) for t, d, r in samples[:: max(1, len(samples) // 60)]
        ],
    }


def run(kind: str, options: argparse.Namespace) -> dict:
    machine = harness.machine()
    runs = [
        throughput(kind, options.pairs, workers=1),
        throughput(kind, options.pairs, workers=2),
    ]
    if kind == "postgres" and options.redis:
        runs.append(throughput(kind, options.pairs, workers=1, groups=2, redis_url=options.redis))
    one, two = runs[0], runs[1]
    result = {
        "bench": "jobs",
        "database": kind,
        "machine": machine,
        "throughput": runs,
        "ratio_2_to_1": round(two["pairs_per_second"] / one["pairs_per_second"], 2),
    }
    if kind == "postgres" and options.redis:
        result["ratio_redis_2_groups_to_1"] = round(
            runs[2]["pairs_per_second"] / one["pairs_per_second"], 2
        )
    if not options.skip_export:
        result["export"] = export(kind)
    return result


def summary(results: list[dict]) -> str:
    rows = []
    for result in results:
        for r in result["throughput"]:
            who = (
                f"{r['worker_groups']} groups × {r['processes_per_group']} (Redis)"
                if r["mode"] == "redis"
                else f"{r['processes_per_group']} process(es)"
            )
            rows.append(
                [r["database"], who, str(r["pairs"]), f"{r['job_seconds']:g}",
                 f"{r['pairs_per_second']:g}", f"{r['worker_cpu_seconds']:g}",
                 f"{r['pairs_per_cpu_second']:g}"]
            )  # fmt: skip
    lines = [
        harness.markdown_table(
            ["database", "workers", "pairs", "job s", "pairs/s", "worker CPU s", "pairs/CPU s"],
            rows,
        )
    ]
    for result in results:
        lines.append(
            f"\n{result['database']}: 2 workers / 1 worker = {result['ratio_2_to_1']}"
            + (
                f"; Redis, 2 groups / 1 worker = {result['ratio_redis_2_groups_to_1']}"
                if "ratio_redis_2_groups_to_1" in result
                else ""
            )
        )
        if export_result := result.get("export"):
            lines.append(
                f"  export of {export_result['comparisons']:,} comparisons (CSV, "
                f"{export_result['bytes']:,} bytes) in {export_result['seconds']} s; worker RSS "
                f"by progress {export_result['worker_rss_mib_at_progress']} MiB, growth from 10 % "
                f"to the end {export_result['memory_growth_10_to_100']}; download read in "
                f"{export_result['download_seconds']} s, "
                f"+{export_result['download_rss_growth_mib']} MiB"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        help="the Redis database for the Redis run ('' to skip it)",
    )
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    forwarded = ["--pairs", str(options.pairs), "--redis", options.redis]
    if options.skip_export:
        forwarded.append("--skip-export")
    return harness.run_benchmark(
        "jobs", __file__, kinds, forwarded, lambda kind: run(kind, options), summary
    )


if __name__ == "__main__":
    sys.exit(main())
