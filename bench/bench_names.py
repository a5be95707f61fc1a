"""The names index on the 100,000-comparison archive: its pages, its search, keeping it
up to date and rebuilding it.

    python bench/bench_names.py [--db postgres|sqlite] [--repeat 40] [--extra-pairs 100000]

Uses the archive of bench/archive.py (built first if missing or out of date; database
ARCHIVE_DB, default `nd_bench_archive`), migrated, with its names index built (the
build does it; rebuilt here if empty). Then, through Django's test client in this
process (production settings, a signed-in superuser; the first request of each
address not counted):

* the names page, its second and last page, a search matching many pairs and one
  matching few, the page of the most frequent pair (its occurrences) and that page's
  last page;
* the same with `--extra-pairs` more distinct spelling pairs (the archive's generator
  uses few names: 238 pairs), each in one comparison, written (and vacuumed, as
  autovacuum would) and deleted again at the end, so that the archive is left as it was;
* refreshing the index for one comparison (what every analysis adds), on random
  comparisons of the archive, also rolled back;
* the whole rebuild (`rebuild_names_index`), once, rolled back (`--rebuild`, long);
* for comparison, computing the index from every ledger as the page did before.

Reported: p50 and p95 of the wall time, the median CPU time of this process (the page's
own work, without the database's) in milliseconds, and the page's size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive  # noqa: E402
import harness  # noqa: E402

BENCH = "names"


class _RolledBack(Exception):
    pass


def _time(fetch, repeat: int) -> dict:
    """p50/p95 of `fetch()` (returns the answer's size in bytes), the first call not
    counted."""
    size = fetch()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fetch()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    wall.sort()
    return {
        "p50_ms": round(statistics.median(wall), 1),
        "p95_ms": round(wall[max(0, int(len(wall) * 0.95 + 0.5) - 1)], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "bytes": size,
    }


def _page(client, url: str):
    def fetch() -> int:
        answer = client.get(url, secure=True)
        assert answer.status_code == 200, f"{url}: {answer.status_code}"
        return len(answer.content)

    return fetch


def _pages(client, repeat: int, label: str) -> dict:
    from django.urls import reverse

    from articles.stories.names_models import NameSpelling

    names = reverse("articles:names")
    top = NameSpelling.objects.order_by("-comparisons", "source_folded", "target_folded").first()
    count = NameSpelling.objects.count()
    last = max(1, -(-count // 50))
    pair = reverse("articles:name_pair", args=[top.pk])
    pair_last = max(1, -(-top.occurrences // 50))
    many = top.source_folded[:2]  # the first letters of the most frequent name
    few = top.target_folded
    urls = {
        f"names page 1 ({label})": names,
        f"names page 2 ({label})": f"{names}?page=2",
        f"names last page, {last} ({label})": f"{names}?page={last}",
        f"search “{many}” ({label})": f"{names}?q={many}",
        f"search “{few}” ({label})": f"{names}?q={few}",
        f"search page 2 “{many}” ({label})": f"{names}?q={many}&page=2",
        f"pair {top.source} → {top.target}, {top.occurrences:,} places ({label})": pair,
        f"that pair's last page, {pair_last} ({label})": f"{pair}?page={pair_last}",
    }
    return {name: _time(_page(client, url), repeat) for name, url in urls.items()}


def _extra_pairs(n: int) -> None:
    """`n` more spelling pairs, each in one comparison of the archive, as the index
    would hold them (rows written directly)."""
    from articles.models import Comparison
    from articles.row_writer import insert_rows
    from articles.stories.names_models import NameOccurrence, NameSpelling

    ids = list(Comparison.objects.order_by("pk").values_list("pk", flat=True)[:n])
    rng = random.Random(16)
    syllables = ["ka", "ro", "mi", "ten", "sa", "lo", "vik", "da", "ne", "ber", "ul", "ost"]
    made = NameSpelling.objects.bulk_create(
        [
            NameSpelling(
                source=(s := "".join(rng.choices(syllables, k=4)).title() + f"{k}"),
                target=s[:-2] + "x" + s[-2:],
                source_folded=s.casefold(),
                target_folded=(s[:-2] + "x" + s[-2:]).casefold(),
                comparisons=1,
                occurrences=1,
                outlets=[f"Outlet {k % 60}"],
                first_seen="2024-01-01T00:00:00Z",
                last_seen="2024-01-01T00:00:00Z",
            )
            for k in range(n)
        ],
        batch_size=5000,
    )
    insert_rows(
        NameOccurrence,
        ("spelling", "comparison", "unit_position", "outlet", "seen_at"),
        (
            (m.pk, ids[k % len(ids)], 0, f"Outlet {k % 60}", "2024-01-01T00:00:00Z")
            for k, m in enumerate(made)
        ),
    )


def _refresh(repeat: int) -> dict:
    """refresh_names on random comparisons, each in a transaction rolled back."""
    from django.db import transaction

    from articles.models import Comparison
    from articles.stories.names_store import refresh_names

    top = Comparison.objects.order_by("-pk").values_list("pk", flat=True).first()
    rng = random.Random(1)

    def fetch() -> int:
        try:
            with transaction.atomic():
                refresh_names([rng.randint(1, top)])
                raise _RolledBack
        except _RolledBack:
            pass
        return 0

    return _time(fetch, repeat)


def _vacuum(kind: str) -> None:
    from django.db import connection

    command = "VACUUM ANALYZE" if kind == "postgres" else "ANALYZE"
    with connection.cursor() as cursor:
        for table in ("articles_namespelling", "articles_nameoccurrence"):
            cursor.execute(f"{command} {table}")


def run_one(kind: str, repeat: int, extra: int, rebuild: bool) -> dict:
    archive.ensure(kind)
    harness.setup_django(kind, archive.DB_NAME, static=True)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.test import Client

    from articles.models import Comparison
    from articles.stories.names import names_index
    from articles.stories.names_models import NameOccurrence, NameSpelling
    from articles.stories.names_store import ledger_rows, rebuild_names

    figures: dict[str, dict] = {}
    notes: dict[str, object] = {}
    if not NameSpelling.objects.exists():
        started = time.perf_counter()
        rebuild_names()
        notes["index built here (s)"] = round(time.perf_counter() - started, 1)
    notes["comparisons"] = Comparison.objects.count()
    notes["spelling pairs"] = NameSpelling.objects.count()
    notes["occurrences"] = NameOccurrence.objects.count()

    user, _ = User.objects.get_or_create(
        username="bench-names", defaults={"is_staff": True, "is_superuser": True}
    )
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)

    figures.update(_pages(client, repeat, "archive"))
    figures["refresh one comparison's names"] = _refresh(repeat)
    if extra:
        # Committed and vacuumed, as a server with autovacuum would have them, measured,
        # then deleted again.
        first = (NameSpelling.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        try:
            started = time.perf_counter()
            with transaction.atomic():
                _extra_pairs(extra)
            _vacuum(kind)
            notes[f"{extra:,} extra pairs written (s)"] = round(time.perf_counter() - started, 1)
            figures.update(_pages(client, repeat, f"+{extra:,} pairs"))
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM articles_nameoccurrence WHERE spelling_id >= %s", [first]
                )
                cursor.execute("DELETE FROM articles_namespelling WHERE id >= %s", [first])
            _vacuum(kind)
    if rebuild:
        try:
            with transaction.atomic():
                started, started_cpu = time.perf_counter(), time.process_time()
                summary = rebuild_names()
                notes["rebuild_names_index (s, wall / CPU)"] = (
                    round(time.perf_counter() - started, 1),
                    round(time.process_time() - started_cpu, 1),
                )
                notes["rebuilt"] = f"{summary.spellings:,} pairs, {summary.occurrences:,} places"
                raise _RolledBack
        except _RolledBack:
            pass
    started, started_cpu = time.perf_counter(), time.process_time()
    names_index(ledger_rows())
    notes["index from every ledger, as the page did before (s, wall / CPU)"] = (
        round(time.perf_counter() - started, 1),
        round(time.process_time() - started_cpu, 1),
    )
    return {"database": kind, "machine": harness.machine(), "figures": figures, "notes": notes}


def summary(results: list[dict]) -> str:
    rows = [
        [
            name,
            r["database"],
            f"{f['p50_ms']}",
            f"{f['p95_ms']}",
            f"{f['cpu_p50_ms']}",
            f"{f['bytes'] // 1024}",
        ]
        for r in results
        for name, f in r["figures"].items()
    ]
    table = harness.markdown_table(
        ["Request", "Database", "p50 ms", "p95 ms", "CPU p50 ms", "KiB"], rows
    )
    notes = "\n".join(f"- {k}: {v}" for r in results for k, v in r["notes"].items())
    machines = "\n".join(f"- {r['database']}: {r['machine']}" for r in results)
    return f"{table}\n\n{notes}\n\n{machines}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="postgres")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--extra-pairs", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="time a whole rebuild too")
    args = parser.parse_args()
    forwarded = ["--repeat", str(args.repeat), "--extra-pairs", str(args.extra_pairs)]
    if args.rebuild:
        forwarded.append("--rebuild")
    return harness.run_benchmark(
        BENCH,
        __file__,
        harness.kinds_of(args.db),
        forwarded,
        lambda kind: run_one(kind, args.repeat, args.extra_pairs, args.rebuild),
        summary,
    )


if __name__ == "__main__":
    raise SystemExit(main())
