from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from articles.article_reader import (
    ArticleImportError,
    ArticleLimits,
    ArticleText,
    read_article_file,
    reading_side,
)
from articles.fetching import is_fetchable_url
from articles.importer import article_limits, import_pair
from articles.stories.importing import import_story


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
        "compare and analyse them, and print the comparison's id and URL. With several "
        "copies (import_pair SOURCE COPY [COPY ...]) each copy becomes a comparison with "
        "the source, all in one transaction, and the story page's URL is printed too. "
        "Importing the same pair again changes nothing; a page fetched again whose text "
        "changed is imported as a new version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source", help="The source article: a .txt, .html or .json file, or a URL."
        )
        parser.add_argument(
            "retranslation",
            nargs="+",
            help="The retranslated article (a file or a URL), or several copies of the source.",
        )
        parser.add_argument("--title", default="", help="Title of the source article.")
        parser.add_argument(
            "--retranslation-title",
            default="",
            help="Title of the retranslated article (with one copy only).",
        )
        parser.add_argument("--source-outlet", default="", help="Outlet of the source.")
        parser.add_argument(
            "--retranslation-outlet",
            default="",
            help="Outlet of the retranslation (with one copy only).",
        )

    def handle(self, *args, **options) -> None:
        limits = article_limits()
        paths = options["retranslation"]
        if len(paths) > 1:
            for option in ("retranslation_title", "retranslation_outlet"):
                if options[option]:
                    flag = "--" + option.replace("_", "-")
                    raise CommandError(
                        f"{flag}: names one copy, and {len(paths)} copies were given "
                        "(give each copy's title and outlet in a JSON file)"
                    )
        try:
            with reading_side("source"):
                source = read_input(options["source"], limits).with_overrides(
                    title=options["title"], outlet=options["source_outlet"]
                )
            copies = []
            for path in paths:
                with reading_side("retranslation"):
                    copies.append(
                        read_input(path, limits).with_overrides(
                            title=options["retranslation_title"],
                            outlet=options["retranslation_outlet"],
                        )
                    )
            if len(copies) == 1:
                outcomes = [import_pair(source, copies[0], limits=limits)]
            else:
                outcomes = import_story(source, copies)
        except ArticleImportError as error:
            raise CommandError(str(error)) from error
        base = settings.NEWSDRIFT_BASE_URL.rstrip("/")
        for outcome in outcomes:
            comparison = outcome.comparison
            url = base + comparison.get_absolute_url()
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
        if len(outcomes) > 1:
            story = outcomes[0].comparison.source
            created = sum(outcome.created for outcome in outcomes)
            url = base + reverse("articles:story", args=[story.pk])
            self.stdout.write(
                f"Story of source article {story.pk}: {len(outcomes)} copies, "
                f"{created} imported: {url}"
            )
