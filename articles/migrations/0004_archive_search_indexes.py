"""Indexes for searching and listing the archive on PostgreSQL (articles/search.py).

* GIN trigram indexes (pg_trgm) on UPPER(title) and UPPER(outlet): Django's
  icontains compares UPPER(column) LIKE UPPER('%words%'), which these serve.
* A GIN full-text index on the article text ('simple' configuration).
* The dashboard's order (last worked on first, never-touched last, newest first), so
  that its first page reads a few rows instead of sorting the archive.

SQLite has no equivalent of the first three; it scans, which its figures show
(docs/PERFORMANCE.md). Creating the pg_trgm extension needs a role allowed to
(the database owner, on PostgreSQL 13 and later, for this trusted extension).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS article_title_trgm ON articles_article "
    "USING gin (UPPER(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_outlet_trgm ON articles_article "
    "USING gin (UPPER(outlet) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_body_fts ON articles_article "
    "USING gin (to_tsvector('simple'::regconfig, body))",
    "CREATE INDEX IF NOT EXISTS comparison_dashboard_order ON articles_comparison "
    "(last_activity_at DESC NULLS LAST, created_at DESC, id DESC)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_title_trgm",
    "DROP INDEX IF EXISTS article_outlet_trgm",
    "DROP INDEX IF EXISTS article_body_fts",
    "DROP INDEX IF EXISTS comparison_dashboard_order",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_background_jobs")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
