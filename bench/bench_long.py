"""One long pair: 2,000 sentences a side, read, stored and analysed by the importer.

    python bench/bench_long.py [--db sqlite|postgres|both] [--sentences 2000] [--runs 3]
                               [--profile]

Each run imports a different generated pair (bench/pairgen.py) into a fresh database,
through `article_reader.parse_article` and `importer.import_pair` as an upload would go.
Reported per run: the total, and how it splits between segmentation, the analysis
(alignment and detection) and the rest (reading and the database); the figure quoted is
the slowest run. Target: under 3 seconds for import plus analysis.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
import pairgen  # noqa: E402
from bench_import import import_one, instrument_importer  # noqa: E402

DB_NAME = "nd_bench_long"
TARGET_SECONDS = 3.0


def run(kind: str, options: argparse.Namespace) -> dict:
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME)
    from articles.models import AlignmentUnit, Flag

    # A short pair first, so that the runs time the import, not Python's first imports.
    import_one(pairgen.make_pair(0), "bench-long-warmup")
    runs = []
    profiler = cProfile.Profile() if options.profile else None
    for run_number in range(1, options.runs + 1):
        pair = pairgen.make_pair(100_000 + run_number, options.sentences)
        watches = instrument_importer()
        load = os.getloadavg()[0]
        if profiler:
            profiler.enable()
        waited_before = harness.runqueue_wait_seconds()
        started = time.perf_counter()
        cpu_started = time.process_time()
        comparison = import_one(pair, f"bench-long-{run_number}")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        waited = harness.runqueue_wait_seconds() - waited_before
        if profiler:
            profiler.disable()
        segment, analysis = watches["segment"].seconds, watches["analysis"].seconds
        runs.append(
            {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "waited_for_a_core_s": round(waited, 2),
                "segmentation_s": round(segment, 2),
                "analysis_s": round(analysis, 2),
                "reading_and_database_s": round(seconds - segment - analysis, 2),
                "source_sentences": comparison.source.sentences.count(),
                "target_sentences": comparison.retranslation.sentences.count(),
                "units": AlignmentUnit.objects.filter(comparison=comparison).count(),
                "flags": Flag.objects.filter(unit__comparison=comparison).count(),
                "load_average_1min": round(load, 2),
            }
        )
        print(f"  run {run_number}: {runs[-1]}", flush=True)
    slowest = max(runs, key=lambda r: r["seconds"])
    result = {
        "bench": "long",
        "database": kind,
        "machine": harness.machine(),
        "sentences_per_side": options.sentences,
        "runs": runs,
        "slowest": slowest,
        "peak_rss_mib": round(harness.peak_rss_mib(), 1),
    }
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        harness.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        path = harness.RESULTS_DIR / f"long-{kind}.profile.txt"
        path.write_text(out.getvalue())
        print(f"  profile: {path}")
    return result


def summary(results: list[dict]) -> str:
    def cell(result: dict, key: str) -> str:
        return " / ".join(str(run[key]) for run in result["runs"])

    rows = [
        ["import + analysis, each run (s)", *[cell(r, "seconds") for r in results],
         f"< {TARGET_SECONDS:g} s"],
        ["of which segmentation (s)", *[cell(r, "segmentation_s") for r in results], ""],
        ["of which analysis (s)", *[cell(r, "analysis_s") for r in results], ""],
        ["of which reading + database (s)",
         *[cell(r, "reading_and_database_s") for r in results], ""],
        ["CPU time of this process (s)", *[cell(r, "cpu_seconds") for r in results], "< 3 s"],
        ["waiting for a core (s)", *[cell(r, "waited_for_a_core_s") for r in results], ""],
        ["units / flags (first run)",
         *[f"{r['runs'][0]['units']} / {r['runs'][0]['flags']}" for r in results], ""],
        ["peak RSS (MiB)", *[str(r["peak_rss_mib"]) for r in results], ""],
    ]  # fmt: skip
    sentences = results[0]["sentences_per_side"] if results else 0
    header = [f"one pair, {sentences:,} sentences a side", *[r["database"] for r in results]]
    return harness.markdown_table([*header, "target"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="write a cProfile summary")
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    forwarded = ["--sentences", str(options.sentences), "--runs", str(options.runs)]
    forwarded += ["--profile"] if options.profile else []
    return harness.run_benchmark(
        "long", __file__, kinds, forwarded, lambda kind: run(kind, options), summary
    )


if __name__ == "__main__":
    sys.exit(main())
