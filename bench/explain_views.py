"""The queries each page makes, and their plans: where an index or a fix is asked for.

    python bench/explain_views.py [--db sqlite|postgres|both]

On a fresh copy of the benchmark newsroom (bench/dataset.py: 1,000 comparisons), signed
in as an editor with Django's test client, each view an editor uses is requested once
to warm up and once measured: the number of queries, their total time, and the plan of
every distinct statement (PostgreSQL: EXPLAIN ANALYZE for reads, EXPLAIN for writes;
SQLite: EXPLAIN QUERY PLAN). The full listing goes to
var/bench/results/explain-<db>.txt; the summary printed names the views, their query
counts and the plans that scan a whole table of units, flags or sentences.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import harness  # noqa: E402

DB_NAME = "nd_bench_explain"
STATEMENTS = ("SELECT", "UPDATE", "INSERT", "DELETE")
BIG_TABLES = (
    "articles_alignmentunit",
    "articles_flag",
    "articles_sentence",
    "articles_auditevent",
    "articles_article",
    "articles_comparison",
)


def _views(comparison_pk: int, unit_pk: int, version: int, flag_pk: int | None) -> list[tuple]:
    """(name, method, path, data, htmx) of the requests an editor makes."""
    c = f"/comparisons/{comparison_pk}"
    hidden = {"version": version, "show": "all", "position": 3}
    views = [
        ("dashboard", "get", "/", None, False),
        ("dashboard page (htmx)", "get", "/?page=20", None, True),
        ("dashboard filter (htmx)", "get", "/?status=in_review", None, True),
        ("dashboard search (htmx)", "get", "/?q=border", None, True),
        ("dashboard search title (htmx)", "get", "/?q=wildfire+in+Jordan", None, True),
        ("dashboard search outlet (htmx)", "get", "/?q=Herald+Echo", None, True),
        ("dashboard search text (htmx)", "get", "/?q=ceasefire", None, True),
        ("overview", "get", f"{c}/", None, False),
        ("review start", "get", f"{c}/review/", None, False),
        ("step (full page)", "get", f"{c}/step/3/", None, False),
        ("step (htmx)", "get", f"{c}/step/4/", None, True),
    ]
    if flag_pk:
        views.append(
            ("flag accept (htmx)", "post", f"{c}/units/{unit_pk}/flags/{flag_pk}/accept/",
             hidden, True)
        )  # fmt: skip
        hidden = {**hidden, "version": version + 1}
    views += [
        ("mark ok (htmx)", "post", f"{c}/units/{unit_pk}/mark/", {**hidden, "state": "ok"}, True),
        ("undo (htmx)", "post", f"{c}/undo/", {"show": "all", "position": 3}, True),
        ("report json (one)", "get", f"/reports/comparisons/{comparison_pk}.json", None, False),
        ("sign-in page", "get", "/accounts/login/", None, False),
        ("healthz", "get", "/healthz", None, False),
    ]
    return views


def _explain(cursor, vendor: str, sql: str) -> list[str]:
    is_read = sql.lstrip().upper().startswith("SELECT")
    if vendor == "postgresql":
        cursor.execute(("EXPLAIN ANALYZE " if is_read else "EXPLAIN ") + sql)
        return [row[0] for row in cursor.fetchall()]
    cursor.execute("EXPLAIN QUERY PLAN " + sql)
    return [row[-1] for row in cursor.fetchall()]


def _scans_big_table(vendor: str, plan: list[str]) -> list[str]:
    found = []
    for line in plan:
        for table in BIG_TABLES:
            if vendor == "postgresql" and re.search(rf"Seq Scan on {table}\b", line):
                found.append(line.strip())
            if vendor == "sqlite" and re.search(rf"^SCAN {table}\b(?! USING)", line.strip()):
                found.append(line.strip())
    return found


def run(kind: str, source: str = "newsroom") -> dict:
    if source == "archive":
        import archive

        database = archive.fresh_copy(kind, "explain")
    else:
        database = DB_NAME
        dataset.ensure(kind)
        dataset.copy_to(kind, database)
    harness.setup_django(kind, database, static=True)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import AlignmentUnit, Comparison, Flag

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=dataset.editor_names()[0]))
    comparison = Comparison.objects.order_by("-pk")[500]
    unit = AlignmentUnit.objects.get(comparison=comparison, position=3)
    flag = Flag.objects.filter(unit=unit, status=Flag.Status.SUGGESTED).first()
    views = _views(comparison.pk, unit.pk, unit.version, flag.pk if flag else None)

    listing: list[str] = []
    summary: dict[str, dict] = {}
    with connection.cursor() as cursor:
        for name, method, path, data, htmx in views:
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            cpu_ms = None
            if method == "get":  # warm up: the first request of a worker pays for imports
                client.get(path, secure=True, **headers)
                # The CPU one request costs this process, whatever else the machine does.
                samples = []
                for _ in range(7):
                    cpu_started = time.process_time()
                    response = client.get(path, secure=True, **headers)
                    if response.streaming:
                        b"".join(response.streaming_content)
                    samples.append(time.process_time() - cpu_started)
                cpu_ms = round(sorted(samples)[len(samples) // 2] * 1000, 1)
            reset_queries()  # the test client clears the log when a request starts
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = getattr(client, method)(path, data or {}, secure=True, **headers)
                if response.streaming:
                    b"".join(response.streaming_content)
                elapsed = time.perf_counter() - started
            queries = captured.captured_queries
            sql_ms = sum(float(q["time"]) for q in queries) * 1000
            scans: list[str] = []
            listing.append(
                f"\n=== {name}: {method.upper()} {path} -> {response.status_code}, "
                f"{len(queries)} queries, {sql_ms:.1f} ms in SQL, {elapsed * 1000:.1f} ms in all"
            )
            seen: set[str] = set()
            for query in queries:
                sql = query["sql"]
                if sql in seen or not sql.lstrip().upper().startswith(STATEMENTS):
                    continue
                seen.add(sql)
                listing.append(f"\n-- {float(query['time']) * 1000:.2f} ms\n{sql}")
                try:
                    plan = _explain(cursor, connection.vendor, sql)
                except Exception as error:  # noqa: BLE001 - a plan that cannot be shown is noted
                    plan = [f"(no plan: {type(error).__name__}: {error})"]
                listing.extend("   " + line for line in plan)
                scans += _scans_big_table(connection.vendor, plan)
            summary[name] = {
                "status": response.status_code,
                "queries": len(queries),
                "sql_ms": round(sql_ms, 1),
                "total_ms": round(elapsed * 1000, 1),
                "cpu_ms": cpu_ms,
                "full_scans": sorted(set(scans)),
            }
    harness.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    bench = "explain" if source == "newsroom" else f"explain-{source}"
    path = harness.RESULTS_DIR / f"{bench}-{kind}.txt"
    path.write_text("\n".join(listing) + "\n")
    print(f"  plans: {path.relative_to(harness.ROOT)}")
    return {"bench": bench, "database": kind, "machine": harness.machine(), "views": summary}


def report(result: dict) -> str:
    rows = [
        [name, str(v["status"]), str(v["queries"]), f"{v['sql_ms']:g}", f"{v['total_ms']:g}",
         "–" if v.get("cpu_ms") is None else f"{v['cpu_ms']:g}",
         "; ".join(v["full_scans"]) or "–"]
        for name, v in result["views"].items()
    ]  # fmt: skip
    header = [f"view ({result['database']})", "status", "queries", "SQL ms", "total ms",
              "CPU ms (median of 7)",
              "whole-table scans of units/flags/sentences/audit"]  # fmt: skip
    return harness.markdown_table(header, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both (default)")
    parser.add_argument(
        "--dataset",
        default="newsroom",
        choices=("newsroom", "archive"),
        help="the 1,000-comparison newsroom (default) or the 100,000-comparison archive",
    )
    options = parser.parse_args()
    kinds = harness.kinds_of(options.db)
    bench = "explain" if options.dataset == "newsroom" else f"explain-{options.dataset}"
    if len(kinds) > 1:
        code = harness.run_per_database(__file__, kinds, ["--dataset", options.dataset])
        for kind in kinds:
            if result := harness.read_result(bench, kind):
                print(report(result))
        return code
    result = run(kinds[0], options.dataset)
    harness.write_result(bench, kinds[0], result)
    print(f"  {len(result['views'])} views measured on {kinds[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
