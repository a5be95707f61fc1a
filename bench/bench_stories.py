"""The story pages and the names index: time per request as a story grows and as the
archive's ledgers grow.

    python bench/bench_stories.py [--db sqlite|postgres|both] [--repeat 15]

A fresh database (harness), stories built directly (tests/stories_helpers.build_story:
every unit and flag stored, no analysis) of 5, 30 and 100 copies of a 40-sentence
source, and comparisons carrying name ledgers (1,000 and 10,000, three names each; the
names index rebuilt for them); then the story page, the copy-against-copy page and the
names index, each requested `--repeat` times through Django's test client in this
process (production settings), the first request discarded. Reported: p50 and p95 of
the wall time, the median CPU time of this process (the page's own work, without the
database's or the wait for a core) in milliseconds, and the page's size. (The view
tests hold the query counts.)
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

BENCH = "stories"
DB_NAME = "nd_bench_stories"


def _ledgers(total: int) -> None:
    from articles.models import Article, Comparison

    have = Comparison.objects.exclude(ledger=[]).count()
    articles = []
    for n in range(have, total):
        for role in ("source", "retranslation"):
            text = f"{role} {n}"
            articles.append(
                Article(
                    title=text,
                    body=text,
                    role=role,
                    outlet=f"Outlet {n % 60}",
                    sha256=hashlib.sha256(text.encode()).hexdigest(),
                    origin="bench",
                )
            )
    made = Article.objects.bulk_create(articles, batch_size=2000)
    Comparison.objects.bulk_create(
        (
            Comparison(
                source=made[i],
                retranslation=made[i + 1],
                ledger=[
                    {
                        "source": f"Name{(i // 2 + k) % 900}",
                        "target": f"Nane{(i // 2 + k) % 900}",
                        "units": [k],
                    }
                    for k in range(3)
                ],
            )
            for i in range(0, len(made), 2)
        ),
        batch_size=2000,
    )


def _time(client, url: str, repeat: int) -> dict:
    answer = client.get(url, secure=True)  # the first request (warms the caches) not counted
    assert answer.status_code == 200, f"{url}: {answer.status_code}"
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, secure=True)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    wall.sort()
    return {
        "p50_ms": round(statistics.median(wall), 1),
        "p95_ms": round(wall[max(0, int(len(wall) * 0.95) - 1)], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "bytes": len(answer.content),
    }


def run_one(kind: str, repeat: int) -> dict:
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME, static=True)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from tests.stories_helpers import build_story

    user = User.objects.create_superuser("bench", password="bench-password-not-secret")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    figures = {}
    for copies in (5, 30, 100):
        source = build_story(copies, 40, seed=copies)
        figures[f"story page, {copies} copies"] = _time(
            client, reverse("articles:story", args=[source.pk]), repeat
        )
        figures[f"two copies, story of {copies}"] = _time(
            client, reverse("articles:story_compare", args=[source.pk]), repeat
        )
    from articles.stories.names_store import rebuild_names

    for total in (1_000, 10_000):
        _ledgers(total)
        rebuild_names()  # the comparisons were written around the importer
        figures[f"names index, {total:,} comparisons"] = _time(
            client, reverse("articles:names"), max(3, repeat // 3)
        )
    return {"database": kind, "machine": harness.machine(), "figures": figures}


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
    return harness.markdown_table(
        ["Request", "Database", "p50 ms", "p95 ms", "CPU p50 ms", "KiB"], rows
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    return harness.run_benchmark(
        BENCH,
        __file__,
        harness.kinds_of(args.db),
        ["--repeat", str(args.repeat)],
        lambda kind: run_one(kind, args.repeat),
        summary,
    )


if __name__ == "__main__":
    raise SystemExit(main())
