"""How long a management command that makes no PDF takes to start, and what it imports.

    python bench/bench_startup.py [--db sqlite|postgres|both] [--runs 10]

Each command runs --runs times as its own process (after one unmeasured run, so that
the files are in the page cache), in production mode (`DJANGO_DEBUG=0`) against a
freshly migrated database, as an operator's `nd check` would (docs/DEPLOY.md). For each:
the median and fastest wall-clock time, the median CPU time of the process (user +
system, which the other load on a shared machine inflates less than the wall clock),
and, from one more run, how many modules it imported and which of the heavy libraries
among them. The floor is the interpreter alone (`python -c pass`) and Django set up
with every app (`django.setup()`, which also runs the admin's autodiscovery).

Not a test: the suite asserts only what is imported (tests/perf/test_startup_imports.py),
never a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

DB_NAME = "nd_bench_startup"
MANAGE = str(harness.ROOT / "manage.py")

# What an operator or `make run` starts; none of them makes a PDF.
COMMANDS: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "django.setup()": ["-c", "import django; django.setup()"],
    "manage.py check": [MANAGE, "check"],
    "manage.py help": [MANAGE, "help"],
    "manage.py migrate --check": [MANAGE, "migrate", "--check"],
    "manage.py showmigrations articles": [MANAGE, "showmigrations", "articles"],
    "manage.py export_report --help": [MANAGE, "export_report", "--help"],
}

# Libraries that only some commands and views need; a command should load them only
# when it uses them.
HEAVY = {
    "fpdf": "fpdf2 (PDF)",
    "fontTools": "fontTools (PDF fonts)",
    "uharfbuzz": "HarfBuzz (PDF text shaping)",
    "bs4": "BeautifulSoup (HTML import)",
    "rapidfuzz": "rapidfuzz (analysis)",
    "articles.analysis.pipeline": "the analysis",
    "psycopg": "psycopg",
}

# Runs a command the way `python ...` would, then writes the names of every module it
# imported to the file named by NEWSDRIFT_BENCH_MODULES.
_WRAPPER = """
import atexit, json, os, runpy, sys
def _dump():
    with open(os.environ["NEWSDRIFT_BENCH_MODULES"], "w") as out:
        json.dump(sorted(sys.modules), out)
atexit.register(_dump)
args = json.loads(os.environ["NEWSDRIFT_BENCH_ARGS"])
if args[0] == "-c":
    sys.argv = ["-c"]
    exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = args
    runpy.run_path(args[0], run_name="__main__")
"""


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `python ARGS`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=harness.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}: {done.stderr.decode()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _modules(args: list[str], env: dict[str, str]) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "modules.json"
        wrapped = {
            **env,
            "NEWSDRIFT_BENCH_MODULES": str(target),
            "NEWSDRIFT_BENCH_ARGS": json.dumps(args),
        }
        subprocess.run(
            [sys.executable, "-c", _WRAPPER],
            env=wrapped,
            cwd=harness.ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        return json.loads(target.read_text())


def run_one(kind: str, runs: int) -> dict:
    harness.create_database(kind, DB_NAME)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        **harness.production_environment(kind, DB_NAME),
    }
    subprocess.run(
        [sys.executable, MANAGE, "migrate", "--no-input"],
        env=env,
        cwd=harness.ROOT,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    results = {}
    for name, args in COMMANDS.items():
        _run(args, env)  # warm the page cache
        walls, cpus = zip(*(_run(args, env) for _ in range(runs)), strict=True)
        modules = _modules(args, env)
        heavy = [label for module, label in HEAVY.items() if module in modules]
        results[name] = {
            "wall_median_s": round(statistics.median(walls), 3),
            "wall_min_s": round(min(walls), 3),
            "cpu_median_s": round(statistics.median(cpus), 3),
            "modules": len(modules),
            "heavy_imports": heavy,
        }
        print(f"  {name}: {results[name]['wall_median_s']} s", flush=True)
    harness.drop_database(kind, DB_NAME)
    return {"machine": harness.machine(), "database": kind, "runs": runs, "commands": results}


def summary(results: list[dict]) -> str:
    rows = []
    for result in results:
        for name, figures in result["commands"].items():
            rows.append(
                [
                    result["database"],
                    f"`{name}`",
                    f"{figures['wall_median_s']:.2f} s",
                    f"{figures['wall_min_s']:.2f} s",
                    f"{figures['cpu_median_s']:.2f} s",
                    str(figures["modules"]),
                    ", ".join(figures["heavy_imports"]) or "–",
                ]
            )
    header = [
        "database",
        "command",
        "wall (median)",
        "wall (fastest)",
        "CPU (median)",
        "modules",
        "heavy libraries imported",
    ]
    machine = results[0]["machine"] if results else {}
    return (
        f"{machine.get('date', '')}, {machine.get('cpu', '')}, {machine.get('cores', '')} cores, "
        f"load {machine.get('load_average_1min', '')}, {results[0]['runs'] if results else 0} "
        "runs each\n" + harness.markdown_table(header, rows)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres or both")
    parser.add_argument("--runs", type=int, default=10, help="measured runs of each command")
    options = parser.parse_args()
    if options.runs < 1:
        raise SystemExit("--runs: at least 1")
    kinds = harness.kinds_of(options.db)
    return harness.run_benchmark(
        "startup",
        __file__,
        kinds,
        ["--runs", str(options.runs)],
        lambda kind: run_one(kind, options.runs),
        summary,
    )


if __name__ == "__main__":
    sys.exit(main())
