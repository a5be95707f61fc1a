"""A full-text index of the article text on SQLite (articles/search.py).

PostgreSQL has had one since `archive_search_indexes`; SQLite scanned every article's
text for each search. This is an FTS5 table over `articles_article.body` that keeps no
copy of the text ("external content"), kept up to date by triggers on every insert,
update of the text and delete, whoever makes them (the application, the admin, SQL run
around both). Its tokenizer folds case but keeps accents, as PostgreSQL's 'simple'
configuration does, so that both databases find the same words.

And an index of the titles and outlets, which the search scans for any part of them
without reading the text. Nothing happens on PostgreSQL.
"""

from django.db import OperationalError, migrations

FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_text USING fts5("
    "body, content='articles_article', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS articles_article_text_insert AFTER INSERT ON articles_article "
    "BEGIN INSERT INTO articles_article_text(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS articles_article_text_delete AFTER DELETE ON articles_article "
    "BEGIN INSERT INTO articles_article_text(articles_article_text, rowid, body) "
    "VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS articles_article_text_update AFTER UPDATE OF body "
    "ON articles_article BEGIN "
    "INSERT INTO articles_article_text(articles_article_text, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO articles_article_text(rowid, body) VALUES (new.id, new.body); END",
    # The articles already there.
    "INSERT INTO articles_article_text(articles_article_text) VALUES ('rebuild')",
    # Titles and outlets apart from the text: a row's outlet is stored after its text,
    # so reading it from the table reads the text's overflow pages too.
    "CREATE INDEX IF NOT EXISTS article_title_outlet ON articles_article (title, outlet)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_title_outlet",
    "DROP TRIGGER IF EXISTS articles_article_text_insert",
    "DROP TRIGGER IF EXISTS articles_article_text_delete",
    "DROP TRIGGER IF EXISTS articles_article_text_update",
    "DROP TABLE IF EXISTS articles_article_text",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        try:
            for statement in statements:
                schema_editor.execute(statement)
        except OperationalError as error:
            if "fts5" not in str(error):
                raise
            # A Python built against an SQLite without FTS5 (python.org's, Debian's and
            # pyenv's builds have it): say what is missing rather than "no such module".
            raise RuntimeError(
                "SQLite: this Python's sqlite3 module has no FTS5 full-text index, which "
                "the search needs; use a Python whose SQLite has FTS5"
            ) from error

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_analytics_stale")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
