"""What every benchmark shares: a fresh database of either kind, Django set up against it
in production mode, the machine's description, and the results written where
docs/PERFORMANCE.md takes them from.

Each benchmark runs once per database in its own process (`run_per_database`), so that
Django is set up once per process and the peak memory of one run is not the other's.
SQLite databases are files under var/bench/; PostgreSQL ones are `nd_bench_*` on
127.0.0.1:5432 (user postgres), dropped and created afresh for every run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS_DIR = BENCH_DIR / "results"
DATABASES = ("sqlite", "postgres")
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the benchmarks import the project's modules


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{BENCH_DIR / (name + '.sqlite3')}"
    if kind == "postgres":
        return f"{PG_SERVER}/{name}"
    raise SystemExit(f"--db: unknown database {kind!r} (sqlite, postgres or both)")


def production_environment(kind: str, name: str) -> dict[str, str]:
    """The settings a production server has, with a throw-away key, against `name`."""
    return {
        "DJANGO_SETTINGS_MODULE": "newsdrift.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(kind, name),
        "LOG_LEVEL": "WARNING",
    }


def drop_database(kind: str, name: str) -> None:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (BENCH_DIR / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(kind: str, name: str, *, template: str | None = None) -> None:
    """An empty database `name` (or a copy of `template`), replacing any earlier one."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    drop_database(kind, name)
    if kind == "sqlite":
        if template:
            source = sqlite3.connect(BENCH_DIR / f"{template}.sqlite3")
            target = sqlite3.connect(BENCH_DIR / f"{name}.sqlite3")
            with target:
                source.backup(target)
            source.close()
            target.close()
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        clause = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{clause}')


def database_exists(kind: str, name: str) -> bool:
    if kind == "sqlite":
        return (BENCH_DIR / f"{name}.sqlite3").exists()
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return row is not None


def setup_django(kind: str, name: str, *, migrate: bool = True, static: bool = False) -> None:
    """Point this process at the database `name` and set Django up in production mode
    (migrated; with `static`, the static files collected, as pages that link them need)."""
    os.environ.update(production_environment(kind, name))
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)
    if static:
        call_command("collectstatic", verbosity=0, interactive=False)


def machine() -> dict[str, str]:
    """The machine and software the figures were taken on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        # The machine is shared: the load when the run started says how much of it
        # this run had.
        "load_average_1min": f"{os.getloadavg()[0]:.2f}",
    }
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - the description only says it is missing
        info["postgresql"] = f"not reachable ({type(error).__name__})"
    return info


def write_result(bench: str, kind: str, result: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{bench}-{kind}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path


def read_result(bench: str, kind: str) -> dict | None:
    path = RESULTS_DIR / f"{bench}-{kind}.json"
    return json.loads(path.read_text()) if path.exists() else None


def run_per_database(script: str, kinds: list[str], args: list[str]) -> int:
    """Run `script` once per database, each in its own process; stop at the first failure."""
    for kind in kinds:
        print(f"--- {Path(script).name} on {kind}", flush=True)
        code = subprocess.call([sys.executable, script, "--db", kind, *args])
        if code:
            print(f"{Path(script).name} failed on {kind} (exit {code})", file=sys.stderr)
            return code
    return 0


def run_benchmark(
    bench: str,
    script: str,
    kinds: list[str],
    forwarded: list[str],
    run_one: Callable[[str], dict],
    summary: Callable[[list[dict]], str],
) -> int:
    """Run a benchmark: on several databases, once per database in its own process (so
    that each has a clean interpreter), then the side-by-side table; on one, here, and
    its result written to var/bench/results/."""
    if len(kinds) > 1:
        code = run_per_database(script, kinds, forwarded)
        print(summary([r for k in kinds if (r := read_result(bench, k))]))
        return code
    result = run_one(kinds[0])
    path = write_result(bench, kinds[0], result)
    print(summary([result]))
    print(f"  written to {path.relative_to(ROOT)}")
    return 0


def kinds_of(option: str) -> list[str]:
    if option == "both":
        return list(DATABASES)
    database_url(option, "x")  # refuses an unknown kind with a clear message
    return [option]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (ru_maxrss is in KiB on Linux)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def runqueue_wait_seconds() -> float:
    """How long this process has waited for a free core so far (Linux schedstat): on a
    shared machine, the part of the wall-clock time that other work took."""
    try:
        return int(Path("/proc/self/schedstat").read_text().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0
