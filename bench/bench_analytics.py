"""The analytics page on the archive: time per request, and what keeping the aggregates
costs (a rebuild from scratch, one decision's upkeep).

    python bench/bench_analytics.py [--db postgres|sqlite|both] [--repeat 40]
    python bench/bench_analytics.py --db postgres --database NAME   # an existing database

A fresh copy of the 100,000-comparison archive (bench/archive.py, built once and kept;
`make bench-archive`), migrated, its reviewed units given the reviewer and time the
archive leaves out (PostgreSQL), its aggregates rebuilt with `rebuild_analytics` (the
archive is copied in SQL, around the application: timed), then the page with no
filter, with a year, an outlet and a category, and one chart's CSV, each requested
`--repeat` times through Django's test client in this process (production settings),
the first request discarded: p50 and p95 wall time, median CPU time of this process,
size. Last, an editor's decision (accepting a suggestion through the review's own
function, which marks its comparison stale for the analytics), timed `--repeat` times
on as many comparisons, and the catch-up that counts them all (what the job worker's
sweep or the next analytics page does), timed once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

BENCH = "analytics"


def _percentiles(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
    }


def _time(client, url: str, repeat: int) -> dict:
    answer = client.get(url, secure=True)  # the first request (warms the caches) not counted
    assert answer.status_code == 200, f"{url}: {answer.status_code}"
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, secure=True)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {
        **_percentiles(wall),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "bytes": len(answer.content),
    }


def _decisions(repeat: int) -> tuple[dict, dict]:
    """Accept one suggestion in each of `repeat` comparisons (the review's write, which
    leaves the aggregates to the catch-up), then count them all with `catch_up`."""
    from django.contrib.auth.models import User

    from articles.analytics import aggregates
    from articles.models import Flag
    from articles.review.flags import accept_flag

    aggregates.catch_up()  # nothing left over from the set-up
    editor = User.objects.filter(username__startswith="bench-editor-").first()
    suggestions = Flag.objects.filter(status="suggested").select_related("unit__comparison")
    seen, wall = set(), []
    for flag in suggestions[: repeat * 50]:
        if flag.unit.comparison_id in seen or len(wall) >= repeat:
            continue
        seen.add(flag.unit.comparison_id)
        start = time.perf_counter()
        accept_flag(user=editor, unit=flag.unit, flag=flag, shown_version=flag.unit.version)
        wall.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    counted = aggregates.catch_up()
    caught_up = round((time.perf_counter() - start) * 1000, 1)
    return (
        {**_percentiles(wall), "cpu_p50_ms": "", "bytes": ""},
        {"p50_ms": caught_up, "p95_ms": "", "cpu_p50_ms": "", "bytes": "", "counted": counted},
    )


def _give_reviewers() -> int:
    """The archive marks units reviewed without saying by whom (bench/archive.py): give
    each its comparison's last editor and a time two days after the comparison, as a
    review would have, so that the throughput chart has its real size."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """UPDATE articles_alignmentunit u SET reviewed_by_id = c.last_editor_id,
                reviewed_at = c.created_at + interval '2 days' + (u.position * interval '1 minute')
            FROM articles_comparison c
            WHERE c.id = u.comparison_id AND u.review_state <> 'unreviewed'
                AND u.reviewed_by_id IS NULL AND c.last_editor_id IS NOT NULL"""
        )
        given = cursor.rowcount
        cursor.execute("ANALYZE articles_alignmentunit")  # as the archive's build does
        return given


def run_one(kind: str, repeat: int, database: str | None) -> dict:
    import archive

    name = database or archive.fresh_copy(kind, "analytics")
    harness.setup_django(kind, name, static=True)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse
    from django.utils.http import urlencode

    from articles.analytics import aggregates
    from articles.analytics.models import DailyDecisions, DailyDrift, DailyFlags
    from articles.models import Comparison

    reviewed = _give_reviewers() if kind == "postgres" else 0
    started = time.perf_counter()
    written = aggregates.rebuild()
    rebuild_s = round(time.perf_counter() - started, 1)
    user, _ = User.objects.get_or_create(
        username="bench-analytics", defaults={"is_staff": True, "is_superuser": True}
    )
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    page, csv_url = (
        reverse("articles:analytics"),
        reverse("articles:analytics_csv", args=["months"]),
    )
    outlet = (
        DailyDrift.objects.exclude(outlet="")
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .first()
    )
    newest = DailyDrift.objects.order_by("-day").values_list("day", flat=True).first()
    year = f"from={newest.year}-01-01&to={newest.year}-12-31"
    figures = {
        "page, whole archive": _time(client, page, repeat),
        f"page, {newest.year}": _time(client, f"{page}?{year}", repeat),
        "page, one outlet": _time(client, f"{page}?{urlencode({'outlet': outlet})}", repeat),
        "page, one category": _time(client, f"{page}?category=factual.name", repeat),
        "CSV, drift by month": _time(client, csv_url, repeat),
    }
    decision, caught_up = _decisions(repeat)
    figures["a decision (its comparison marked stale)"] = decision
    figures[f"catch-up of those {caught_up['counted']} comparisons (once)"] = caught_up
    return {
        "database": kind,
        "database_name": name,
        "machine": harness.machine(),
        "comparisons": Comparison.objects.count(),
        "rebuild_s": rebuild_s,
        "units_given_reviewers": reviewed,
        "rows": {
            "drift": DailyDrift.objects.count(),
            "flags": DailyFlags.objects.count(),
            "decisions": DailyDecisions.objects.count(),
            "rebuilt": written,
        },
        "figures": figures,
    }


def summary(results: list[dict]) -> str:
    lines = [
        f"{r['database']} ({r['database_name']}): {r['comparisons']:,} comparisons, "
        f"aggregates rebuilt in {r['rebuild_s']} s; daily rows: {r['rows']}"
        for r in results
    ]
    rows = [
        [name, r["database"], f"{f['p50_ms']}", f"{f['p95_ms']}", f"{f['cpu_p50_ms']}",
         f"{f['bytes'] // 1024 if f['bytes'] else ''}"]
        for r in results
        for name, f in r["figures"].items()
    ]  # fmt: skip
    return (
        "\n".join(lines)
        + "\n\n"
        + harness.markdown_table(
            ["Request", "Database", "p50 ms", "p95 ms", "CPU p50 ms", "KiB"], rows
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="postgres")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--database", help="an existing database instead of an archive copy")
    args = parser.parse_args()
    extra = ["--repeat", str(args.repeat)] + (
        ["--database", args.database] if args.database else []
    )
    return harness.run_benchmark(
        BENCH,
        __file__,
        harness.kinds_of(args.db),
        extra,
        lambda kind: run_one(kind, args.repeat, args.database),
        summary,
    )


if __name__ == "__main__":
    raise SystemExit(main())
