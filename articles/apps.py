from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Articles and reviews"

    def ready(self) -> None:
        from newsdrift import sqlite_wal

        # Before any connection is made: each asks for SQLite's write-ahead log.
        sqlite_wal.connect()

        from articles.fetching import checks  # noqa: F401 (registers the settings check)
        from articles.roles import ensure_role_groups

        # After migrate, when the permissions exist: a fresh database has its roles.
        post_migrate.connect(ensure_role_groups, sender=self)

        from articles.webhooks.events import connect

        connect()  # the events that send webhooks (articles/webhooks/events.py)

        from articles.analytics.hooks import connect as connect_analytics

        connect_analytics()  # edits that move the analytics' aggregates

        from articles.stories import names_store

        names_store.connect()  # a deleted comparison leaves the names index
