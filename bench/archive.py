"""A newsroom's archive for the archive-scale benchmark: 100,000 comparisons.

    python bench/archive.py --db sqlite|postgres [--force]

Built once and kept (database ARCHIVE_DB, default `nd_bench_archive`; a later call
finds it and does nothing unless this file, the pair generator or the analysis
changed): 1,000 generated pairs of 20 to 60 sentences a side are imported and analysed
through `importer.import_pair`, then copied in the database (INSERT … SELECT, ids
offset) 99 times with every copy its own titles, outlets (60 of them), dates (spread
over five years) and fingerprints, so that the archive holds 100,000 comparisons and
200,000 articles of realistic sizes without analysing 100,000 pairs on a 2-core
machine. About one in seven comparisons is done (units reviewed, suggestions
confirmed or dismissed), two in seven in review; the 20 accounts `bench-editor-NN`
are in the Editors group. The texts repeat every 1,000 comparisons: searches for a
word of the text find a hundred copies of each story, as titles and outlets do not.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import harness  # noqa: E402
import pairgen  # noqa: E402

# The archive benchmark's databases are named from BENCH_PREFIX (two people running it
# on one PostgreSQL server give different prefixes); ARCHIVE_DB names the archive itself.
PREFIX = os.environ.get("BENCH_PREFIX", "nd_bench")
DB_NAME = os.environ.get("ARCHIVE_DB", f"{PREFIX}_archive")
# Smaller archives for trying the benchmark out: ARCHIVE_BASE_PAIRS, ARCHIVE_COPIES.
BASE_PAIRS = int(os.environ.get("ARCHIVE_BASE_PAIRS", 1000))
COPIES = int(os.environ.get("ARCHIVE_COPIES", 100))  # the base and 99 copies
OUTLETS = [
    f"{paper} {place}"
    for paper in ("Herald", "Tribune", "Courier", "Gazette", "Chronicle", "Observer")
    for place in (
        "North",
        "Daily",
        "Wire",
        "Metro",
        "Post",
        "Times",
        "Review",
        "Echo",
        "Star",
        "Ledger",
    )
]
TABLES = ("article", "sentence", "comparison", "alignmentunit", "flag")


# Raise it when the way the archive is built changes (the copying below).
BUILD_VERSION = 2  # 2: closed_open_reason copied; the names index built


def _fingerprint() -> str:
    """What the archive depends on: its size, how it is built, the pair generator and
    the analysis's version. Migrations are not part of it (every benchmark migrates)."""
    from articles.analysis.pipeline import ANALYSIS_VERSION

    digest = hashlib.sha256(f"{BASE_PAIRS} {COPIES} {BUILD_VERSION} {ANALYSIS_VERSION}".encode())
    digest.update(Path(pairgen.__file__).read_bytes())
    return digest.hexdigest()[:16]


def build(kind: str) -> None:
    harness.create_database(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME)
    from bench_import import import_one
    from django.db import connection

    started = time.perf_counter()
    dataset.create_editors()
    for seed in range(1, BASE_PAIRS + 1):
        import_one(pairgen.make_pair(seed, 20 + seed % 41), f"archive-{seed}")
        if seed % 200 == 0:
            print(f"  {seed} pairs imported and analysed", flush=True)
    imported = time.perf_counter() - started
    with connection.cursor() as cursor:
        _copy(cursor, kind)
        _review(cursor, kind)
        if kind == "postgres":
            for table in TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('articles_{table}', 'id'), "
                    f"(SELECT MAX(id) FROM articles_{table}))"
                )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    # The copies were written around the importer: the names index is built once
    # for all of them, as `manage.py rebuild_names_index` does.
    from articles.stories.names_store import rebuild_names

    indexing = time.perf_counter()
    names = rebuild_names()
    indexed = time.perf_counter() - indexing
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"  names index: {names.spellings:,} spelling pairs, {names.occurrences:,} "
        f"occurrences in {indexed:.0f} s"
    )
    total = time.perf_counter() - started
    harness.record_built(
        kind, DB_NAME, _fingerprint(), imported_s=imported, built_s=total, names_s=indexed
    )
    print(f"  {DB_NAME} ({kind}): built in {total:.0f} s ({imported:.0f} s importing)")


def _copy(cursor, kind: str) -> None:
    top = {}
    for table in TABLES:
        cursor.execute(f"SELECT MAX(id) FROM articles_{table}")
        top[table] = cursor.fetchone()[0]
    cursor.execute("CREATE TEMPORARY TABLE bench_outlets (n integer, name text)")
    for n, name in enumerate(OUTLETS):
        cursor.execute("INSERT INTO bench_outlets VALUES (%s, %s)", [n, name])
    pg = kind == "postgres"
    for copy in range(1, COPIES):
        a, s, c, u, f = (copy * top[t] for t in TABLES)
        hours = copy * 438  # copies spread back over five years
        ago = f" - interval '{hours} hours'" if pg else f", '-{hours} hours'"

        def shifted(col: str, ago: str = ago) -> str:
            return f"{col}{ago}" if pg else f"strftime('%Y-%m-%d %H:%M:%f', {col}{ago})"

        fingerprint = (
            f"substr(sha256, 1, 52) || lpad('{copy}', 12, '0')"
            if pg
            else f"substr(sha256, 1, 52) || printf('%012d', {copy})"
        )
        statements = [
            f"""INSERT INTO articles_article (id, title, body, outlet, byline, dateline, url,
                published_at, language, word_count, role, sha256, origin, imported_at,
                imported_by_id)
            SELECT id + {a}, title || ' ({copy})', body,
                (SELECT name FROM bench_outlets WHERE n = (id + {a}) % {len(OUTLETS)}),
                byline, dateline, url, published_at, language, word_count, role, {fingerprint},
                origin, {shifted("imported_at")}, imported_by_id
            FROM articles_article WHERE id <= {top["article"]}""",
            f"""INSERT INTO articles_sentence (id, article_id, position, paragraph, text, start,
                "end", kind)
            SELECT id + {s}, article_id + {a}, position, paragraph, text, start, "end", kind
            FROM articles_sentence WHERE id <= {top["sentence"]}""",
            f"""INSERT INTO articles_comparison (id, source_id, retranslation_id, status,
                created_at, analysed_at, analysis_version, ledger, last_activity_at,
                last_editor_id, closed_open_reason)
            SELECT id + {c}, source_id + {a}, retranslation_id + {a}, status,
                {shifted("created_at")}, {shifted("analysed_at")}, analysis_version, ledger,
                NULL, NULL, closed_open_reason
            FROM articles_comparison WHERE id <= {top["comparison"]}""",
            f"""INSERT INTO articles_alignmentunit (id, comparison_id, position, source_positions,
                target_positions, source_text, target_text, kind, similarity, moved, is_title,
                review_state, reviewed_by_id, reviewed_at, version)
            SELECT id + {u}, comparison_id + {c}, position, source_positions, target_positions,
                source_text, target_text, kind, similarity, moved, is_title, review_state,
                reviewed_by_id, reviewed_at, version
            FROM articles_alignmentunit WHERE id <= {top["alignmentunit"]}""",
            f"""INSERT INTO articles_flag (id, unit_id, category, severity, origin, status,
                source_span, target_span, reason, rule, note, author_id, created_at, updated_at)
            SELECT id + {f}, unit_id + {u}, category, severity, origin, status, source_span,
                target_span, reason, rule, note, author_id, created_at, updated_at
            FROM articles_flag WHERE id <= {top["flag"]}""",
        ]
        for statement in statements:
            cursor.execute(statement)
        if copy % 10 == 0:
            print(f"  {copy + 1} x {BASE_PAIRS} comparisons", flush=True)


def _review(cursor, kind: str) -> None:
    """One in seven comparisons done, two in review, by the 20 editors."""
    cursor.execute("SELECT id FROM auth_user WHERE username LIKE 'bench-editor-%%' ORDER BY id")
    editors = [row[0] for row in cursor.fetchall()]
    later = (
        "created_at + interval '2 days'"
        if kind == "postgres"
        else ("strftime('%Y-%m-%d %H:%M:%f', created_at, '+2 days')")
    )
    cursor.execute(
        f"""UPDATE articles_comparison SET
            status = CASE WHEN id % 7 = 0 THEN 'done' ELSE 'in_review' END,
            last_activity_at = {later},
            last_editor_id = {editors[0]} + (id % {len(editors)})
        WHERE id % 7 IN (0, 1, 2)"""
    )
    cursor.execute(
        """UPDATE articles_alignmentunit SET review_state = 'ok', version = version + 1
        WHERE comparison_id IN (SELECT id FROM articles_comparison WHERE status = 'done')"""
    )
    cursor.execute(
        """UPDATE articles_flag SET status = CASE WHEN id % 3 = 0 THEN 'dismissed'
            ELSE 'confirmed' END
        WHERE unit_id IN (SELECT u.id FROM articles_alignmentunit u
            JOIN articles_comparison c ON c.id = u.comparison_id WHERE c.status = 'done')"""
    )
    cursor.execute(
        """UPDATE articles_alignmentunit SET review_state = 'flagged'
        WHERE id IN (SELECT unit_id FROM articles_flag WHERE status = 'confirmed')"""
    )


def ensure(kind: str, *, force: bool = False) -> None:
    what = f"{BASE_PAIRS * COPIES:,} comparisons"
    harness.ensure_built(__file__, kind, DB_NAME, _fingerprint(), what, force=force)


def fresh_copy(kind: str, purpose: str) -> str:
    """A fresh copy of the archive for one benchmark (which may write to it); its name."""
    ensure(kind)
    name = f"{PREFIX}_archive_{purpose}"
    harness.create_database(kind, name, template=DB_NAME)
    return name


def main() -> int:
    return harness.data_set_main(__doc__, build, ensure)


if __name__ == "__main__":
    sys.exit(main())
