"""The dashboard's search on its own: how long the database takes to list a search.

    python bench/bench_search.py [--db sqlite|postgres|both] [--dataset newsroom|archive]
                                 [--runs 10]

On a fresh copy of the benchmark newsroom (bench/dataset.py: 1,000 comparisons) or of
the archive (bench/archive.py: 100,000, built first if need be), for each search below:
the comparisons' ids as the dashboard lists a search (`dashboard_order`, the first
5,001: on SQLite one statement counts and pages it) and their count, once to warm up
and then `--runs` times, printing the median wall-clock and CPU time of this process (on
SQLite the database works in it, so its CPU is the statement's) and how many
comparisons were found. The searches: a word in nearly every generated story
("border": 94 % of the newsroom's articles, 85 % of the archive's), a word in a
quarter of them ("ceasefire"), a name in a dozen of the newsroom's articles and none of
the archive's ("Marotto"), an outlet ("Herald Echo": one archive article in 60, none in
the newsroom) and a story's title words ("wildfire in Jordan").

Issue 18's figures for the SQLite full-text index (docs/PERFORMANCE.md) come from here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import harness  # noqa: E402

SEARCHES = ("border", "ceasefire", "Marotto", "Herald Echo", "wildfire in Jordan")
DB_NAME = "nd_bench_search"


def run(kind: str, source: str, runs: int) -> None:
    if source == "archive":
        import archive

        database = archive.fresh_copy(kind, "search")
    else:
        dataset.ensure(kind)
        dataset.copy_to(kind, DB_NAME)
        database = DB_NAME
    harness.setup_django(kind, database)
    from articles.review.dashboard_rows import dashboard_order

    print(f"{kind}, {source}: the dashboard's search, median of {runs} runs")
    print(f"{'search':22} {'found':>7} {'wall ms':>9} {'CPU ms':>8}")
    for words in SEARCHES:
        walls, cpus = [], []
        for attempt in range(runs + 1):
            wall, cpu = time.perf_counter(), time.process_time()
            ids = list(dashboard_order(search=words).values_list("pk", flat=True)[:5001])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if attempt:  # the first one warms the caches up
                walls.append(wall)
                cpus.append(cpu)
        print(
            f"{words:22} {len(ids):>7} {statistics.median(walls) * 1000:>9.1f}"
            f" {statistics.median(cpus) * 1000:>8.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite", help="sqlite (default), postgres or both")
    parser.add_argument("--dataset", default="newsroom", choices=("newsroom", "archive"))
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    if len(kinds) > 1:
        return harness.run_per_database(
            __file__, kinds, ["--dataset", options.dataset, "--runs", str(options.runs)]
        )
    run(kinds[0], options.dataset, options.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
