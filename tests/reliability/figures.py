"""The figures docs/RELIABILITY.md quotes, recorded by the tests that produce them.

Each test records what it tried (payloads, examples, URLs, writers, timings) into
test-output/reliability-figures.json; `python -m tests.reliability.figures` prints
them as the Markdown table the document carries.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

TEST_OUTPUT = Path(__file__).resolve().parents[2] / "test-output"

FIGURES = TEST_OUTPUT / "reliability-figures.json"


def _backend() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


def record(key: str, value: object, *, backend: str | None = None) -> None:
    """Remember one figure of this run (per database backend of the test run)."""
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    data = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    run = data.setdefault(backend or _backend(), {})
    run[key] = {
        "value": value,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    FIGURES.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


RUNS = {"sqlite": "SQLite run", "postgresql": "PostgreSQL run"}


def markdown(path: Path = FIGURES) -> str:
    """The figures as a Markdown table: one row a figure, one column a database run."""
    data = json.loads(path.read_text())
    runs = [run for run in RUNS if run in data]
    lines = ["| figure | " + " | ".join(RUNS[r] for r in runs) + " |"]
    lines.append("|---|" + "---|" * len(runs))
    for key in sorted({key for run in data.values() for key in run}):
        cells = [str(data[run].get(key, {}).get("value", "–")) for run in runs]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(Path(sys.argv[1]) if len(sys.argv) > 1 else FIGURES))
