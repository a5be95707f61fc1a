from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.article_reader import ArticleImportError, read_article_file, reading_side
from articles.importer import article_limits, import_pair


class Command(BaseCommand):
    help = (
        "Import and analyse the article pairs listed in the seeds manifest "
        "(seeds/manifest.json). Running it again changes nothing and says so."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--manifest",
            default=str(Path(settings.BASE_DIR) / "seeds" / "manifest.json"),
            help="The manifest to read (default: seeds/manifest.json).",
        )

    def handle(self, *args, **options) -> None:
        manifest = Path(options["manifest"])
        pairs = _read_manifest(manifest)
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
        summary = f"Seeds: {len(pairs)} pair(s), {imported} imported, {present} already present."
        if not imported:
            summary += " Nothing changed."
        self.stdout.write(summary)


def _read_manifest(manifest: Path) -> list[dict]:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(f"{manifest}: no such file") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise CommandError(f"{manifest}: is not valid JSON ({error})") from error
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list) or not all(isinstance(p, dict) for p in pairs):
        raise CommandError(f"{manifest}: must be an object with a 'pairs' list")
    return pairs


def _read_side(folder: Path, pair: dict, side: str):
    entry = pair.get(side)
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        raise CommandError(f"manifest: a pair has no '{side}' with a 'file'")
    with reading_side(side):
        article = read_article_file(folder / entry["file"], limits=article_limits())
        return article.with_overrides(
            title=entry.get("title", ""), outlet=entry.get("outlet", ""), url=entry.get("url", "")
        )
