from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from articles.article_reader import ArticleImportError, read_article_file, reading_side
from articles.importer import article_limits, import_pair
from articles.stories.importing import import_story


class Command(BaseCommand):
    help = (
        "Import a source article and its retranslation (plain text, HTML or JSON files), "
        "compare and analyse them, and print the comparison's id and URL. With several "
        "copies (import_pair SOURCE COPY [COPY ...]) each copy becomes a comparison with "
        "the source, all in one transaction, and the story page's URL is printed too. "
        "Importing the same pair again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="The source article file (.txt, .html or .json).")
        parser.add_argument(
            "retranslation",
            nargs="+",
            help="The retranslated article file, or several copies of the source.",
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
                source = read_article_file(options["source"], limits=limits).with_overrides(
                    title=options["title"], outlet=options["source_outlet"]
                )
            copies = []
            for path in paths:
                with reading_side("retranslation"):
                    copies.append(
                        read_article_file(path, limits=limits).with_overrides(
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
