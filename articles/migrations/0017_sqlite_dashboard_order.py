"""The dashboard's order as an index on SQLite, as PostgreSQL has had since
`archive_search_indexes` (articles/review/dashboard_rows.py, `dashboard_order`).

Last worked on first, never-touched last, newest first: in SQLite a NULL sorts below
every date, so `last_activity_at DESC` puts the never-touched comparisons last, which is
what the query's `DESC NULLS LAST` asks for (SQLite accepts NULLS LAST in an ORDER BY
but not in an index, and its planner matches the two). A page of the dashboard then
reads its rows in order instead of sorting the archive.

The index also holds the columns the dashboard filters on (status, and the two articles
the search looks for), so that a search for a common word reads the comparisons from
this index alone, in order, instead of looking up each match in the table and sorting
them (issue 18: 3.1 → 1.7 ms of SQL for a word in 94% of the articles at 1,000
comparisons; docs/PERFORMANCE.md).

Nothing happens on PostgreSQL. Django does not know of this index (it is not in the
model's state), so a later migration that remakes the table on SQLite would drop it:
tests/foundation/test_dashboard_order_index.py fails if the dashboard stops using it.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS comparison_dashboard_order ON articles_comparison "
    "(last_activity_at DESC, created_at DESC, id DESC, status, source_id, retranslation_id)",
]
BACKWARD = ["DROP INDEX IF EXISTS comparison_dashboard_order"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_sqlite_text_search")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
