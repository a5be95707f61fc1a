"""The dashboard's search on its own: how long the database takes to list a search.

    python bench/bench_search.py [--db sqlite|postgres|both] [--dataset newsroom|archive]
                                 [--runs 10] [--ways | --outlets]

On a fresh copy of the benchmark newsroom (bench/dataset.py: 1,000 comparisons) or of
the archive (bench/archive.py: 100,000, built first if need be), for each search below,
what the dashboard runs (articles/views/dashboard.py): the ids of the first 5,001
comparisons in the dashboard's order (on SQLite one statement counts and pages a
search) and, when there are more, their count and the first page. Once to warm up and
then `--runs` times, printing the median wall-clock and CPU time of this process (on
SQLite the database works in it, so its CPU is the statements') and how many
comparisons were found. The searches: a word in nearly every generated story
("border": 94 % of the newsroom's articles, 85 % of the archive's), a word in a
quarter of them ("ceasefire"), a name in a dozen of the newsroom's articles and 1,900
of the archive's ("Marotto"), an outlet ("Herald Echo": one archive article in 60, none
in the newsroom) and a story's title words ("wildfire in Jordan").

`--ways` (SQLite): the two ways `articles.search` can find a search's comparisons —
looked up through the articles' foreign keys, or read in the dashboard's order from
its index — each forced in turn, alternated run by run, beside the way it chooses
(the CPU medians; the count that chooses is part of "chosen" only).

`--outlets`: a report selection's outlet filter instead (articles/reports/selection.py,
`export_report --outlet` and the reports' download form): the ids of the comparisons
with an article from "Herald Echo" (one archive article in 60), "Herald" (one in 6) and
"Wire" (a part of a word), in the selection's order.

Issue 18's figures for the SQLite search (docs/PERFORMANCE.md) come from here.
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
OUTLETS = ("Herald Echo", "Herald", "Wire")
DB_NAME = "nd_bench_search"
PAGE_SIZE = 25


def _dashboard_search(words: str) -> int:
    """What the dashboard's view asks of the database for a search: the number found."""
    from articles.review.dashboard_rows import dashboard_order
    from articles.views.dashboard import SEARCH_IDS_AT_ONCE

    ordered = dashboard_order(search=words).values_list("pk", flat=True)
    ids = list(ordered[: SEARCH_IDS_AT_ONCE + 1])
    if len(ids) <= SEARCH_IDS_AT_ONCE:
        return len(ids)
    found = ordered.count()
    list(ordered[:PAGE_SIZE])
    return found


def _timed(words: str) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    found = _dashboard_search(words)
    return time.perf_counter() - wall, time.process_time() - cpu, found


def _outlet_filter(outlet: str) -> int:
    from articles.reports.selection import build_selection

    return len(list(build_selection(outlet=outlet).queryset().values_list("pk", flat=True)))


def _outlets(runs: int) -> None:
    print(f"{'outlet':22} {'found':>7} {'wall ms':>9} {'CPU ms':>8}")
    for outlet in OUTLETS:
        walls, cpus = [], []
        for attempt in range(runs + 1):
            wall, cpu = time.perf_counter(), time.process_time()
            found = _outlet_filter(outlet)
            if attempt:  # the first one warms the caches up
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
        print(
            f"{outlet:22} {found:>7} {statistics.median(walls) * 1000:>9.1f}"
            f" {statistics.median(cpus) * 1000:>8.1f}"
        )


def _ways(runs: int) -> None:
    from articles import search

    chooses = search._said_often
    ways = {
        "chosen": chooses,
        "looked up": lambda query: False,
        "in order": lambda query: True,
    }
    print(f"{'search':22} {'found':>7}" + "".join(f" {name + ' ms':>14}" for name in ways))
    try:
        for words in SEARCHES:
            cpus: dict[str, list[float]] = {name: [] for name in ways}
            counts = set()
            for attempt in range(runs + 1):
                for name, way in ways.items():
                    search._said_often = way
                    _, cpu, found = _timed(words)
                    counts.add(found)
                    if attempt:  # the first round warms the caches up
                        cpus[name].append(cpu)
            assert len(counts) == 1, f"{words}: the ways found {sorted(counts)}"
            print(
                f"{words:22} {counts.pop():>7}"
                + "".join(f" {statistics.median(c) * 1000:>14.1f}" for c in cpus.values())
            )
    finally:
        search._said_often = chooses


def run(kind: str, source: str, runs: int, ways: bool, outlets: bool = False) -> None:
    if source == "archive":
        import archive

        database = archive.fresh_copy(kind, "search")
    else:
        dataset.ensure(kind)
        dataset.copy_to(kind, DB_NAME)
        database = DB_NAME
    harness.setup_django(kind, database)

    if outlets:
        print(f"{kind}, {source}: a report selection's outlet filter, median of {runs} runs")
        _outlets(runs)
        return
    print(f"{kind}, {source}: the dashboard's search, median of {runs} runs")
    if ways:
        if kind != "sqlite":
            raise SystemExit("bench_search.py: --ways compares SQLite's two ways; use --db sqlite")
        _ways(runs)
        return
    print(f"{'search':22} {'found':>7} {'wall ms':>9} {'CPU ms':>8}")
    for words in SEARCHES:
        walls, cpus = [], []
        for attempt in range(runs + 1):
            wall, cpu, found = _timed(words)
            if attempt:  # the first one warms the caches up
                walls.append(wall)
                cpus.append(cpu)
        print(
            f"{words:22} {found:>7} {statistics.median(walls) * 1000:>9.1f}"
            f" {statistics.median(cpus) * 1000:>8.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite", help="sqlite (default), postgres or both")
    parser.add_argument("--dataset", default="newsroom", choices=("newsroom", "archive"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--ways", action="store_true", help="SQLite: each way of finding the matches, forced"
    )
    parser.add_argument(
        "--outlets", action="store_true", help="a report selection's outlet filter instead"
    )
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    if len(kinds) > 1:
        arguments = ["--dataset", options.dataset, "--runs", str(options.runs)]
        arguments += ["--ways"] if options.ways else []
        arguments += ["--outlets"] if options.outlets else []
        return harness.run_per_database(__file__, kinds, arguments)
    run(kinds[0], options.dataset, options.runs, options.ways, options.outlets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
