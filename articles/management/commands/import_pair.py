from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.article_reader import (
    ArticleImportError,
    ArticleLimits,
    ArticleText,
    read_article_file,
    reading_side,
)
from articles.fetching import is_fetchable_url
from articles.importer import article_limits, import_pair


def read_input(given: str, limits: ArticleLimits) -> ArticleText:
    """A file path, or an http(s) address fetched and read as a news page."""
    if is_fetchable_url(given):
        from articles.fetching.extract import fetch_article

        return fetch_article(given, limits=limits)
    return read_article_file(given, limits=limits)


class Command(BaseCommand):
    help = (
        "Import a source article and its retranslation (plain text, HTML or JSON files, or "
        "http(s) addresses of web pages, fetched safely and read as news articles), "
        "compare and analyse them, and print the comparison's id and URL. Importing the "
        "same pair again changes nothing; a page fetched again whose text changed is "
        "imported as a new version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source", help="The source article: a .txt, .html or .json file, or a URL."
        )
        parser.add_argument("retranslation", help="The retranslated article: a file or a URL.")
        parser.add_argument("--title", default="", help="Title of the source article.")
        parser.add_argument(
            "--retranslation-title", default="", help="Title of the retranslated article."
        )
        parser.add_argument("--source-outlet", default="", help="Outlet of the source.")
        parser.add_argument(
            "--retranslation-outlet", default="", help="Outlet of the retranslation."
        )

    def handle(self, *args, **options) -> None:
        limits = article_limits()
        try:
            with reading_side("source"):
                source = read_input(options["source"], limits).with_overrides(
                    title=options["title"], outlet=options["source_outlet"]
                )
            with reading_side("retranslation"):
                retranslation = read_input(options["retranslation"], limits).with_overrides(
                    title=options["retranslation_title"], outlet=options["retranslation_outlet"]
                )
            outcome = import_pair(source, retranslation, limits=limits)
        except ArticleImportError as error:
            raise CommandError(str(error)) from error
        comparison = outcome.comparison
        url = settings.NEWSDRIFT_BASE_URL.rstrip("/") + comparison.get_absolute_url()
        if outcome.created:
            units = comparison.units.count()
            self.stdout.write(
                f"Imported comparison {comparison.pk} ({units} units, "
                f"{outcome.articles_created} new articles): {url}"
            )
        else:
            self.stdout.write(
                f"Already imported: comparison {comparison.pk}, nothing changed: {url}"
            )
