"""Import throughput: generated pairs through the importer's own code path, in bulk.

    python bench/bench_import.py [--db sqlite|postgres|both] [--pairs 1000] [--sentences 40]
                                 [--tracemalloc] [--profile]

Each pair (bench/pairgen.py: about 40 sentences a side with planted drift) is read by
`article_reader.parse_article` from its bytes, as an uploaded file would be, and stored
and analysed by `importer.import_pair`, one transaction per pair, as the `import_pair`
command and the admin do. Reported: pairs per second (wall clock, and this process's
CPU time), the time per pair (p50/p95/max), how that time splits between segmentation,
analysis and the rest (reading and the database), the queries one import makes, and the
peak memory (ru_maxrss; with --tracemalloc also the peak of Python's own allocations,
which slows the run down, so its pairs per second are not the figure to quote).
Targets: at least 20 pairs per second on one core, under 300 MB.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
import pairgen  # noqa: E402

DB_NAME = "nd_bench_import"
TARGET_PAIRS_PER_SECOND = 20
TARGET_MEMORY_MB = 300


class Stopwatch:
    """Wraps a function and adds up the time spent in it."""

    def __init__(self, function):
        self.function = function
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


def instrument_importer() -> dict[str, Stopwatch]:
    """Time the importer's segmentation and analysis steps where it calls them."""
    import articles.importer as importer

    # Unwrap an earlier Stopwatch, so that every call starts from zero.
    watches = {
        "segment": Stopwatch(
            getattr(importer.segment_article, "function", importer.segment_article)
        ),
        "analysis": Stopwatch(getattr(importer.analyse_pair, "function", importer.analyse_pair)),
    }
    importer.segment_article = watches["segment"]
    importer.analyse_pair = watches["analysis"]
    # Inside the analysis: alignment, where the pipeline calls it (detection is the rest).
    import articles.analysis.pipeline as pipeline

    watches["alignment"] = Stopwatch(
        getattr(pipeline.align_segments, "function", pipeline.align_segments)
    )
    pipeline.align_segments = watches["alignment"]
    return watches


def import_one(pair: pairgen.Pair, label: str):
    from articles.article_reader import parse_article
    from articles.importer import import_pair

    source = parse_article(pair.source.encode("utf-8"), f"{label}-source.txt")
    target = parse_article(pair.retranslation.encode("utf-8"), f"{label}-retranslation.txt")
    outcome = import_pair(source, target, origin=label)
    if not outcome.created:
        raise SystemExit(f"{label}: was already imported (the generator repeated a pair)")
    return outcome.comparison


def queries_of_one_import(pair: pairgen.Pair, label: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        import_one(pair, label)
    return len(captured.captured_queries)


def database_size_mib(kind: str) -> float:
    from django.db import connection

    if kind == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return name.stat().st_size / 1024 / 1024
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0] / 1024 / 1024


def run(kind: str, options: argparse.Namespace) -> dict:
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME)
    from articles.models import AlignmentUnit, Comparison, Flag, Sentence

    # One pair first, outside the timing: it pays for the imports and compiled
    # patterns every long-running server pays for once, and its queries are counted.
    queries = queries_of_one_import(pairgen.make_pair(0, options.sentences), "bench-warmup")
    watches = instrument_importer()
    rss_before = harness.peak_rss_mib()
    if options.tracemalloc:
        tracemalloc.start()
    profiler = cProfile.Profile() if options.profile else None

    durations: list[float] = []
    rss_curve: list[float] = []
    waited_before = harness.runqueue_wait_seconds()
    cpu_started = time.process_time()
    for seed in range(1, options.pairs + 1):
        pair = pairgen.make_pair(seed, options.sentences)  # input, not timed
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        import_one(pair, f"bench-{seed}")
        if profiler:
            profiler.disable()
        durations.append(time.perf_counter() - started)
        if seed % 100 == 0:
            # The peak memory as the run goes on: a plateau is the analysis's bounded
            # caches filling up, a steady climb would be a leak.
            rss_curve.append(round(harness.peak_rss_mib(), 1))
            print(f"  {seed} pairs, {seed / sum(durations):.1f} pairs/s, "
                  f"peak RSS {rss_curve[-1]} MiB", flush=True)  # fmt: skip
    cpu_seconds = time.process_time() - cpu_started
    waited = harness.runqueue_wait_seconds() - waited_before

    traced_peak = None
    if options.tracemalloc:
        traced_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    wall = sum(durations)
    ordered = sorted(durations)
    result = {
        "bench": "import",
        "database": kind,
        "machine": harness.machine(),
        "pairs": options.pairs,
        "sentences_per_side": options.sentences,
        "seconds": round(wall, 2),
        "pairs_per_second": round(options.pairs / wall, 1),
        "cpu_seconds": round(cpu_seconds, 2),
        "pairs_per_cpu_second": round(options.pairs / cpu_seconds, 1),
        "waited_for_a_core_seconds": round(waited, 1),
        "per_pair_ms": {
            "p50": round(statistics.median(durations) * 1000, 1),
            "p95": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1),
            "max": round(ordered[-1] * 1000, 1),
        },
        "share": {
            "segmentation_s": round(watches["segment"].seconds, 2),
            "analysis_s": round(watches["analysis"].seconds, 2),
            "reading_and_database_s": round(
                wall - watches["segment"].seconds - watches["analysis"].seconds, 2
            ),
        },
        "queries_per_import": queries,
        "peak_rss_mib": round(harness.peak_rss_mib(), 1),
        "rss_before_import_mib": round(rss_before, 1),
        "peak_rss_every_100_pairs_mib": rss_curve,
        "tracemalloc_peak_mib": round(traced_peak, 1) if traced_peak is not None else None,
        "rows": {
            "comparisons": Comparison.objects.count(),
            "sentences": Sentence.objects.count(),
            "units": AlignmentUnit.objects.count(),
            "flags": Flag.objects.count(),
        },
        "database_mib": round(database_size_mib(kind), 1),
    }
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        path = harness.RESULTS_DIR / f"import-{kind}.profile.txt"
        harness.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(out.getvalue())
        print(f"  profile: {path}")
    return result


def summary(results: list[dict]) -> str:
    def row(label, key, target=""):
        return [label, *[key(r) for r in results], target]

    rows = [
        row("pairs per second (wall)", lambda r: str(r["pairs_per_second"]),
            f"≥ {TARGET_PAIRS_PER_SECOND}"),
        row("pairs per CPU second (this process)", lambda r: str(r["pairs_per_cpu_second"]), ""),
        row("wall / CPU / waiting for a core (s)",
            lambda r: f"{r['seconds']} / {r['cpu_seconds']} / "
            f"{r.get('waited_for_a_core_seconds', '–')}",
            ""),
        row("time per pair p50 / p95 / max (ms)",
            lambda r: "{p50} / {p95} / {max}".format(**r["per_pair_ms"]), ""),
        row("segmentation / analysis / reading+database (s)",
            lambda r: "{segmentation_s} / {analysis_s} / {reading_and_database_s}".format(
                **r["share"]), ""),
        row("queries per import", lambda r: str(r["queries_per_import"]), ""),
        row("peak RSS (MiB)", lambda r: str(r["peak_rss_mib"]), f"< {TARGET_MEMORY_MB} MB"),
        row("tracemalloc peak (MiB)", lambda r: str(r["tracemalloc_peak_mib"] or "–"), ""),
        row("units / flags stored",
            lambda r: f"{r['rows']['units']:,} / {r['rows']['flags']:,}", ""),
        row("database size (MiB)", lambda r: str(r["database_mib"]), ""),
    ]  # fmt: skip
    header = ["1,000 pairs × ~40 sentences", *[r["database"] for r in results], "target"]
    return harness.markdown_table(header, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace allocations")
    parser.add_argument("--profile", action="store_true", help="write a cProfile summary")
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    return harness.run_benchmark(
        "import", __file__, kinds, _forwarded(options), lambda kind: run(kind, options), summary
    )


def _forwarded(options: argparse.Namespace) -> list[str]:
    args = ["--pairs", str(options.pairs), "--sentences", str(options.sentences)]
    if options.tracemalloc:
        args.append("--tracemalloc")
    if options.profile:
        args.append("--profile")
    return args


if __name__ == "__main__":
    sys.exit(main())
