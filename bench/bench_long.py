"""One long pair: about 2,000 sentences a side, read, stored and analysed by the importer.

    python bench/bench_long.py [--db sqlite|postgres|both] [--pair repeated|story]
                               [--sentences 2000] [--runs 3] [--profile]

Each run imports a different generated pair (bench/pairgen.py) into a fresh database,
through `article_reader.parse_article` and `importer.import_pair` as an upload would go.
`--pair repeated` (the default; issue 18's long pair): a 24-sentence story told 80 times
in one article with other names and numbers each time, so that every sentence has
near-twins all along the text; `--pair story`: one story of `--sentences` sentences.
Reported per run: the total, its CPU time, and how it splits between segmentation,
alignment, detection and the rest (reading and the database); the alignment's work
(step evaluations of its dynamic programme, and sentence similarities computed); and a
digest of every unit and suggestion, which must not change when the code is only made
faster. The figure quoted is the slowest run. Target: under 2.5 seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
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
TARGET_SECONDS = 2.5


def run(kind: str, options: argparse.Namespace) -> dict:
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME)
    from articles.models import AlignmentUnit, Flag

    # A short pair first, so that the runs time the import, not Python's first imports.
    import_one(pairgen.make_pair(0), "bench-long-warmup")
    make = pairgen.make_repeated_pair if options.pair == "repeated" else pairgen.make_pair
    sentences = {} if options.pair == "repeated" else {"sentences": options.sentences}
    runs = []
    profiler = cProfile.Profile() if options.profile else None
    for run_number in range(1, options.runs + 1):
        pair = make(100_000 + run_number, **sentences)
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
        alignment = watches["alignment"].seconds
        units = AlignmentUnit.objects.filter(comparison=comparison).count()
        runs.append(
            {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "waited_for_a_core_s": round(waited, 2),
                "segmentation_s": round(segment, 2),
                "analysis_s": round(analysis, 2),
                "alignment_s": round(alignment, 2),
                "detection_s": round(analysis - alignment, 2),
                "detection_ms_a_unit": round((analysis - alignment) * 1000 / units, 3),
                "reading_and_database_s": round(seconds - segment - analysis, 2),
                "source_sentences": comparison.source.sentences.count(),
                "target_sentences": comparison.retranslation.sentences.count(),
                "units": units,
                "flags": Flag.objects.filter(unit__comparison=comparison).count(),
                **alignment_work(pair),
                "digest": digest(comparison),
                "load_average_1min": round(load, 2),
            }
        )
        print(f"  run {run_number}: {runs[-1]}", flush=True)
    slowest = max(runs, key=lambda r: r["seconds"])
    result = {
        "bench": "long",
        "database": kind,
        "machine": harness.machine(),
        "pair": options.pair,
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


def alignment_work(pair: pairgen.Pair) -> dict[str, int]:
    """How much work the aligner does on the pair (counted apart, untimed)."""
    from articles.analysis import align
    from articles.analysis.segment import segment_article, split_plain_article

    counts = {"step_evaluations": 0, "similarities": 0}
    step_gain, similarity = align._step_gain, align.features_similarity

    def counted_step_gain(*args):
        counts["step_evaluations"] += 1
        return step_gain(*args)

    def counted_similarity(*args):
        counts["similarities"] += 1
        return similarity(*args)

    sides = [segment_article(*split_plain_article(t)) for t in (pair.source, pair.retranslation)]
    align._step_gain, align.features_similarity = counted_step_gain, counted_similarity
    try:
        align.align_segments(*sides)
    finally:
        align._step_gain, align.features_similarity = step_gain, similarity
    return counts


def digest(comparison) -> str:
    """A digest of the stored units and suggestions: the same pair must always give it."""
    from articles.models import AlignmentUnit, Flag

    rows = AlignmentUnit.objects.filter(comparison=comparison).order_by("position")
    units = rows.values_list(
        "position", "source_positions", "target_positions", "kind", "similarity", "moved"
    )
    flags = (
        Flag.objects.filter(unit__comparison=comparison)
        .order_by("unit__position", "id")
        .values_list("unit__position", "category", "severity", "source_span", "target_span",
                     "reason", "rule")
    )  # fmt: skip
    text = repr((list(units), list(flags)))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def summary(results: list[dict]) -> str:
    def cell(result: dict, key: str) -> str:
        return " / ".join(str(run[key]) for run in result["runs"])

    rows = [
        ["import + analysis, each run (s)", *[cell(r, "seconds") for r in results],
         f"< {TARGET_SECONDS:g} s"],
        ["of which segmentation (s)", *[cell(r, "segmentation_s") for r in results], ""],
        ["of which alignment (s)", *[cell(r, "alignment_s") for r in results], ""],
        ["of which detection (s)", *[cell(r, "detection_s") for r in results], ""],
        ["detection a unit (ms)", *[cell(r, "detection_ms_a_unit") for r in results], ""],
        ["of which reading + database (s)",
         *[cell(r, "reading_and_database_s") for r in results], ""],
        ["CPU time of this process (s)", *[cell(r, "cpu_seconds") for r in results],
         f"< {TARGET_SECONDS:g} s"],
        ["waiting for a core (s)", *[cell(r, "waited_for_a_core_s") for r in results], ""],
        ["units / flags (first run)",
         *[f"{r['runs'][0]['units']} / {r['runs'][0]['flags']}" for r in results], ""],
        ["alignment step evaluations", *[cell(r, "step_evaluations") for r in results], ""],
        ["alignment similarities computed", *[cell(r, "similarities") for r in results], ""],
        ["digest of units and suggestions", *[cell(r, "digest") for r in results], ""],
        ["peak RSS (MiB)", *[str(r["peak_rss_mib"]) for r in results], ""],
    ]  # fmt: skip
    sentences = results[0]["sentences_per_side"] if results else 0
    shape = "80 x 24" if results and results[0].get("pair") == "repeated" else f"{sentences:,}"
    header = [f"one pair, {shape} sentences a side", *[r["database"] for r in results]]
    return harness.markdown_table([*header, "target"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    parser.add_argument("--pair", choices=("repeated", "story"), default="repeated")
    parser.add_argument("--sentences", type=int, default=2000, help="with --pair story")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="write a cProfile summary")
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    forwarded = ["--pair", options.pair, "--sentences", str(options.sentences)]
    forwarded += ["--runs", str(options.runs)]
    forwarded += ["--profile"] if options.profile else []
    return harness.run_benchmark(
        "long", __file__, kinds, forwarded, lambda kind: run(kind, options), summary
    )


if __name__ == "__main__":
    sys.exit(main())
