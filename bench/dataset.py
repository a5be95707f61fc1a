"""The newsroom the web and export benchmarks run against: 1,000 comparisons and 20 editors.

    python bench/dataset.py --db sqlite|postgres [--force]

Builds the database `nd_bench_data` once (999 generated pairs of about 40 sentences a
side plus the seed pair, all through `importer.import_pair`, and the accounts
`bench-editor-01` … `bench-editor-20` in the Editors group) and records what it was
built from; a later call finds it and does nothing unless the generator or the
analysis's version (ANALYSIS_VERSION) changed. The benchmarks copy it (`copy_to`),
migrate the copy and work on it, so every run starts from the same newsroom.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
import pairgen  # noqa: E402

DB_NAME = "nd_bench_data"
GENERATED_PAIRS = 999  # and the seed pair: 1,000 comparisons
EDITORS = 20
EDITOR_PASSWORD = "bench-editor-password-1"  # noqa: S105 - a local benchmark account


def editor_names() -> list[str]:
    return [f"bench-editor-{n:02d}" for n in range(1, EDITORS + 1)]


def _fingerprint() -> str:
    """What the data set depends on: the generator and the analysis's version.

    Migrations are not part of it: every benchmark migrates its copy before it starts.
    """
    from articles.analysis.pipeline import ANALYSIS_VERSION

    digest = hashlib.sha256(f"{GENERATED_PAIRS} {EDITORS} {EDITOR_PASSWORD}".encode())
    digest.update(ANALYSIS_VERSION.encode())
    digest.update(Path(pairgen.__file__).read_bytes())
    return digest.hexdigest()[:16]


def is_current(kind: str) -> bool:
    return harness.is_built(kind, DB_NAME, _fingerprint())


def create_editors() -> None:
    """The role groups, and the editors in the Editors group."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.roles import EDITORS, ensure_role_groups

    ensure_role_groups()
    editors = Group.objects.get(name=EDITORS)
    for name in editor_names():
        user = get_user_model().objects.create_user(name, password=EDITOR_PASSWORD)
        user.groups.add(editors)


def build(kind: str) -> None:
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME)
    from bench_import import import_one
    from django.core.management import call_command

    create_editors()

    started = time.perf_counter()
    call_command("import_seeds", verbosity=0)
    for seed in range(1, GENERATED_PAIRS + 1):
        import_one(pairgen.make_pair(seed), f"bench-{seed}")
        if seed % 250 == 0:
            print(f"  {seed} generated pairs imported", flush=True)
    if kind == "postgres":
        # What autovacuum does a minute after a bulk import in production (the test
        # server here runs without it): without statistics the planner takes the flags'
        # status index for a few rows and the dashboard took 0.8 s instead of 50 ms.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    harness.record_built(kind, DB_NAME, _fingerprint(), built_in_s=time.perf_counter() - started)
    print(f"  {DB_NAME} ({kind}): built in {time.perf_counter() - started:.0f} s")


def ensure(kind: str, *, force: bool = False) -> None:
    """Build the data set in a process of its own unless a current one exists."""
    what = "999 generated pairs and the seed pair"
    harness.ensure_built(__file__, kind, DB_NAME, _fingerprint(), what, force=force)


def copy_to(kind: str, name: str) -> None:
    """A fresh copy of the data set under `name`, vacuumed on PostgreSQL as autovacuum
    would have vacuumed it after the import on a server: the planner costs the search's
    full-text index from what only VACUUM counts, and without it computed every
    article's words for each search (docs/DEPLOY.md)."""
    harness.create_database(kind, name, template=DB_NAME)
    if kind == "postgres":
        import psycopg

        with psycopg.connect(f"{harness.PG_SERVER}/{name}", autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")


def main() -> int:
    return harness.data_set_main(__doc__, build, ensure)


if __name__ == "__main__":
    sys.exit(main())
