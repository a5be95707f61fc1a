"""A trigram index of the articles' titles and outlets on SQLite (articles/search.py).

A search matches any part of a title or an outlet, in any case (Django's icontains:
LIKE '%words%'), which no ordinary index can answer: SQLite read every title and
outlet for each search, twice (once for each side of the comparisons), 0.3 ms at 1,000
comparisons and 50–80 ms at 100,000 (issue 18). This is an FTS5 table with the trigram
tokenizer (SQLite 3.34 and later) over both columns, with their own copy (a few dozen
bytes an article), kept up to date by triggers on every insert, update of either column
and delete. A search of three characters or more asks it for the articles that have
the words' trigrams, and the LIKE test is still made on those (so that what matches is
what matched before); a shorter one scans as before.

PostgreSQL has its trigram indexes since `archive_search_indexes`; nothing happens there.
"""

from django.db import OperationalError, migrations

FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_names USING fts5("
    "title, outlet, tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS articles_article_names_insert AFTER INSERT ON articles_article "
    "BEGIN INSERT INTO articles_article_names(rowid, title, outlet) "
    "VALUES (new.id, new.title, new.outlet); END",
    "CREATE TRIGGER IF NOT EXISTS articles_article_names_delete AFTER DELETE ON articles_article "
    "BEGIN DELETE FROM articles_article_names WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS articles_article_names_update "
    "AFTER UPDATE OF title, outlet ON articles_article BEGIN "
    "UPDATE articles_article_names SET title = new.title, outlet = new.outlet "
    "WHERE rowid = old.id; END",
    # The articles already there.
    "INSERT INTO articles_article_names(rowid, title, outlet) "
    "SELECT id, title, outlet FROM articles_article",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_names_insert",
    "DROP TRIGGER IF EXISTS articles_article_names_delete",
    "DROP TRIGGER IF EXISTS articles_article_names_update",
    "DROP TABLE IF EXISTS articles_article_names",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        try:
            for statement in statements:
                schema_editor.execute(statement)
        except OperationalError as error:
            if "trigram" not in str(error):
                raise
            # An SQLite older than 3.34 (2020): say what is missing.
            raise RuntimeError(
                "SQLite: this Python's sqlite3 module has no FTS5 trigram tokenizer "
                "(SQLite 3.34 or later), which the search needs; use a Python whose "
                "SQLite is 3.34 or later"
            ) from error

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_sqlite_dashboard_order")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
