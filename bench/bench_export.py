"""Report export: JSON and CSV of all 1,000 comparisons streamed, and the seed's PDF.

    python bench/bench_export.py [--db sqlite|postgres|both] [--runs 3]

On a fresh copy of the benchmark newsroom (bench/dataset.py), signed in as an editor,
through the download views (`reports:selection` with no filter = every comparison,
`reports:comparison` for one) with Django's test client in this process, so that the
memory measured is the memory the streaming takes. For each format: the time to the
first byte and to the last, the size, the queries, the peak of Python's allocations
while streaming (tracemalloc, in a pass of its own so that it does not slow the timed
ones) and the growth of the process's peak resident memory. The fastest of --runs timed
passes is reported (the machine is shared; the slowest is in the JSON results too).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import harness  # noqa: E402

DB_NAME = "nd_bench_export"
SEED_SOURCE_PREFIX = "Mutual bombing"


def _download(client, url: str) -> dict:
    """GET `url` and read the body to the end, as a browser saving the file would."""
    started = time.perf_counter()
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{url}: status {response.status_code}: {response.content[:200]!r}")
    first = None
    size = 0
    if response.streaming:
        for chunk in response.streaming_content:
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
    else:
        first = time.perf_counter() - started
        size = len(response.content)
    response.close()
    return {
        "seconds": time.perf_counter() - started,
        "first_byte_s": first or 0.0,
        "bytes": size,
        "streamed": response.streaming,
        "content_type": response["Content-Type"],
    }


def _measure(client, url: str, runs: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    gc.collect()
    rss_before = harness.peak_rss_mib()
    timed = [_download(client, url) for _ in range(runs)]
    rss_growth = harness.peak_rss_mib() - rss_before
    fastest = min(timed, key=lambda r: r["seconds"])
    # The test client clears the query log when a request starts: start from empty.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        _download(client, url)
    queries = len(captured.captured_queries)  # read now: the next request clears the log
    gc.collect()
    tracemalloc.start()
    _download(client, url)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "url": url,
        "seconds": round(fastest["seconds"], 3),
        "slowest_seconds": round(max(r["seconds"] for r in timed), 3),
        "first_byte_ms": round(fastest["first_byte_s"] * 1000, 1),
        "mib": round(fastest["bytes"] / 1024 / 1024, 2),
        "streamed": fastest["streamed"],
        "content_type": fastest["content_type"],
        "queries": queries,
        "tracemalloc_peak_mib": round(traced_peak / 1024 / 1024, 1),
        "peak_rss_growth_mib": round(rss_growth, 1),
    }


def run(kind: str, options: argparse.Namespace) -> dict:
    dataset.ensure(kind)
    dataset.copy_to(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME, static=True)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from articles.models import Comparison

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=dataset.editor_names()[0]))
    seed = Comparison.objects.get(source__title__startswith=SEED_SOURCE_PREFIX)
    comparisons = Comparison.objects.count()
    rss_start = harness.peak_rss_mib()
    exports = {
        "json": _measure(client, reverse("reports:selection", args=["json"]), options.runs),
        "csv": _measure(client, reverse("reports:selection", args=["csv"]), options.runs),
        "pdf (seed comparison)": _measure(
            client, reverse("reports:comparison", args=[seed.pk, "pdf"]), options.runs
        ),
    }
    return {
        "bench": "export",
        "database": kind,
        "machine": harness.machine(),
        "comparisons": comparisons,
        "exports": exports,
        "rss_before_exports_mib": round(rss_start, 1),
        "peak_rss_mib": round(harness.peak_rss_mib(), 1),
    }


def summary(results: list[dict]) -> str:
    header = ["export"]
    for r in results:
        header += [f"{r['database']}: time (s)", "first byte (ms)", "size (MiB)", "queries",
                   "Python peak / RSS growth (MiB)"]  # fmt: skip
    rows = []
    for name in results[0]["exports"] if results else []:
        row = [name]
        for r in results:
            e = r["exports"][name]
            row += [f"{e['seconds']:g}", f"{e['first_byte_ms']:g}", f"{e['mib']:g}",
                    str(e["queries"]),
                    f"{e['tracemalloc_peak_mib']:g} / {e['peak_rss_growth_mib']:g}"]  # fmt: skip
        rows.append(row)
    lines = [harness.markdown_table(header, rows)]
    for r in results:
        lines.append(
            f"{r['database']}: {r['comparisons']} comparisons; process peak RSS "
            f"{r['rss_before_exports_mib']} MiB before the exports, {r['peak_rss_mib']} MiB after"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    forwarded = ["--runs", str(options.runs)]
    return harness.run_benchmark(
        "export", __file__, kinds, forwarded, lambda kind: run(kind, options), summary
    )


if __name__ == "__main__":
    sys.exit(main())
