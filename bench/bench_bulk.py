"""What a bulk import costs per sentence, the figure the admin's bulk page refuses by.

    python bench/bench_bulk.py [--db sqlite|postgres|both]

The admin's bulk import analyses every pair during the request, so an upload must be
refused when it holds more than one request can analyse (`articles.bulk_import`,
SECONDS_PER_SENTENCE and REQUEST_SECONDS). This runs the page's own path —
`read_bulk_upload` on a JSON Lines file, then `import_pairs` — on uploads of pairs of
several sizes (bench/pairgen.py stories, and a degenerate pair: thousands of tiny
sentences against an unrelated article), each into a fresh database, and reports the
wall-clock and CPU seconds per 1,000 sentences (both sides counted, as the estimate
counts them). The refusal uses the slowest CPU figure measured, with a margin for a
busy machine (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
import pairgen  # noqa: E402

DB_NAME = "nd_bench_bulk"
# (label, pairs, sentences a side)
CASES = [
    ("100 pairs × 40 sentences", 100, 40),
    ("10 pairs × 400 sentences", 10, 400),
    ("2 pairs × 2,000 sentences", 2, 2000),
    ("1 pair × 4,800 sentences", 1, 4800),
]


def _line(source: str, target: str) -> str:
    return json.dumps(
        {"source": {"title": "", "body": source}, "retranslation": {"title": "", "body": target}}
    )


def _uploads() -> list[tuple[str, bytes]]:
    uploads = []
    seed = 1
    for label, count, sentences in CASES:
        lines = []
        for _ in range(count):
            pair = pairgen.make_pair(seed, sentences)
            seed += 1
            lines.append(_line(pair.source, pair.retranslation))
        uploads.append((label, "\n".join(lines).encode()))
    # Degenerate: 4,900 tiny sentences against a story they have nothing in common with.
    tiny = " ".join(f"Go on {i}." for i in range(4900))
    other = pairgen.make_pair(seed, 40).retranslation
    uploads.append(("1 pair: 4,900 tiny sentences × 40 unrelated", _line(tiny, other).encode()))
    return uploads


def run(kind: str, options: argparse.Namespace) -> dict:
    uploads = _uploads()
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME)
    from articles.bulk_import import Limits, import_pairs, read_bulk_upload, sentences_of

    # A small upload first, so that the cases time the import, not Python's first imports.
    warm = _line(pairgen.make_pair(0).source, pairgen.make_pair(0).retranslation).encode()
    import_pairs(read_bulk_upload(io.BytesIO(warm), "w.jsonl", size=len(warm)), upload_name="w")
    rows = []
    for label, data in uploads:
        limits = Limits(upload_bytes=200 * 1024 * 1024, request_seconds=None)
        load = os.getloadavg()[0]
        waited_before = harness.runqueue_wait_seconds()
        started, cpu_started = time.perf_counter(), time.process_time()
        pairs = read_bulk_upload(io.BytesIO(data), "bench.jsonl", size=len(data), limits=limits)
        results = import_pairs(pairs, upload_name="bench.jsonl")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        waited = harness.runqueue_wait_seconds() - waited_before
        sentences = sentences_of(pairs)
        assert all(r.status == "imported" for r in results), [r.message for r in results]
        row = {
            "case": label,
            "pairs": len(pairs),
            "sentences": sentences,
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "waited_for_a_core_s": round(waited, 2),
            "cpu_ms_per_1000_sentences": round(1000 * 1000 * cpu / sentences, 1),
            "wall_ms_per_1000_sentences": round(1000 * 1000 * seconds / sentences, 1),
            "load_average_1min": round(load, 2),
        }
        rows.append(row)
        print(f"  {row}", flush=True)
    return {
        "bench": "bulk",
        "database": kind,
        "machine": harness.machine(),
        "cases": rows,
        "slowest_cpu_ms_per_1000_sentences": max(r["cpu_ms_per_1000_sentences"] for r in rows),
        "peak_rss_mib": round(harness.peak_rss_mib(), 1),
    }


def summary(results: list[dict]) -> str:
    header = [
        "upload",
        *[f"{r['database']}: s (CPU s) · ms CPU per 1,000 sentences" for r in results],
    ]
    rows = []
    for index, case in enumerate(results[0]["cases"] if results else []):
        cells = []
        for result in results:
            row = result["cases"][index]
            cells.append(
                f"{row['seconds']} ({row['cpu_seconds']}) · {row['cpu_ms_per_1000_sentences']}"
            )
        rows.append([f"{case['case']} ({case['sentences']:,} sentences)", *cells])
    rows.append(
        ["slowest, ms CPU per 1,000 sentences",
         *[str(r["slowest_cpu_ms_per_1000_sentences"]) for r in results]]
    )  # fmt: skip
    return harness.markdown_table(header, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    return harness.run_benchmark(
        "bulk", __file__, kinds, [], lambda kind: run(kind, options), summary
    )


if __name__ == "__main__":
    sys.exit(main())
