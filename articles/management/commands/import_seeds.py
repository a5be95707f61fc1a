from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.article_reader import ArticleImportError, read_article_file, reading_side
from articles.importer import article_limits, import_pair
from articles.stories.importing import import_story


class Command(BaseCommand):
    help = (
        "Import and analyse the article pairs and stories (a source with several copies) "
        "listed in the seeds manifest (seeds/manifest.json). Running it again changes "
        "nothing and says so."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--manifest",
            default=str(Path(settings.BASE_DIR) / "seeds" / "manifest.json"),
            help="The manifest to read (default: seeds/manifest.json).",
        )

    def handle(self, *args, **options) -> None:
        manifest = Path(options["manifest"])
        pairs, stories = _read_manifest(manifest)
        imported = present = 0
        for pair in pairs:
            try:
                source = _read_side(manifest.parent, pair, "source")
                retranslation = _read_side(manifest.parent, pair, "retranslation")
                outcome = import_pair(source, retranslation)
            except ArticleImportError as error:
                raise CommandError(str(error)) from error
            comparison = outcome.comparison
            if outcome.created:
                imported += 1
                self.stdout.write(
                    f"Imported comparison {comparison.pk}: {comparison.source.display_title}"
                )
            else:
                present += 1
                self.stdout.write(f"Already imported: comparison {comparison.pk}")
        copies = 0
        for story in stories:
            try:
                source = _read_side(manifest.parent, story, "source")
                read = [_read_entry(manifest.parent, entry, "copy") for entry in story["copies"]]
                outcomes = import_story(source, read)
            except ArticleImportError as error:
                raise CommandError(str(error)) from error
            copies += len(outcomes)
            new = sum(outcome.created for outcome in outcomes)
            imported += new
            present += len(outcomes) - new
            article = outcomes[0].comparison.source
            self.stdout.write(
                f"Story of source article {article.pk} ({article.display_title}): "
                f"{len(outcomes)} copies, {new} imported"
            )
        summary = f"Seeds: {len(pairs)} pair(s), {imported} imported, {present} already present."
        if stories:
            summary = (
                f"Seeds: {len(pairs)} pair(s) and {len(stories)} story(ies) of {copies} copies, "
                f"{imported} comparison(s) imported, {present} already present."
            )
        if not imported:
            summary += " Nothing changed."
        self.stdout.write(summary)


def _read_manifest(manifest: Path) -> tuple[list[dict], list[dict]]:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(f"{manifest}: no such file") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise CommandError(f"{manifest}: is not valid JSON ({error})") from error
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list) or not all(isinstance(p, dict) for p in pairs):
        raise CommandError(f"{manifest}: must be an object with a 'pairs' list")
    stories = data.get("stories", [])
    if not isinstance(stories, list) or not all(
        isinstance(s, dict) and isinstance(s.get("copies"), list) for s in stories
    ):
        raise CommandError(
            f"{manifest}: 'stories' must be a list of objects with a 'source' and a 'copies' list"
        )
    return pairs, stories


def _read_side(folder: Path, pair: dict, side: str):
    return _read_entry(folder, pair.get(side), side)


def _read_entry(folder: Path, entry: object, side: str):
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        raise CommandError(f"manifest: a pair or story has a '{side}' without a 'file'")
    with reading_side("source" if side == "source" else "retranslation"):
        article = read_article_file(folder / entry["file"], limits=article_limits())
        return article.with_overrides(
            title=entry.get("title", ""), outlet=entry.get("outlet", ""), url=entry.get("url", "")
        )
