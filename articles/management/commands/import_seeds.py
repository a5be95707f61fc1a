from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.analysis.records import file_problem
from articles.article_reader import (
    ArticleImportError,
    ArticleText,
    check_article,
    check_pair,
    read_article_file,
    reading_side,
)
from articles.importer import article_limits, import_pair
from articles.stories.importing import check_story, import_story


class Command(BaseCommand):
    help = (
        "Import and analyse the article pairs and stories (a source with several copies) "
        "listed in the seeds manifest (seeds/manifest.json). Every entry is read and "
        "checked before any is imported: a manifest with a bad entry imports nothing. "
        "Running it again changes nothing and says so."
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
        # Every entry is read and checked before anything is imported: a manifest with
        # one bad entry imports nothing.
        read_pairs = [_read_pair(manifest, n, pair) for n, pair in enumerate(pairs, 1)]
        read_stories = [_read_story(manifest, n, story) for n, story in enumerate(stories, 1)]
        imported = present = 0
        for n, (source, retranslation) in enumerate(read_pairs, 1):
            with _entry(manifest, f"pair {n}"):
                outcome = import_pair(source, retranslation)
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
        for n, (source, read) in enumerate(read_stories, 1):
            with _entry(manifest, f"story {n}"):
                outcomes = import_story(source, read)
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
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(file_problem(manifest, error)) from error
    try:
        data = json.loads(text)
    except ValueError as error:
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


# The fields of a manifest entry besides its file, each optional text that replaces
# what was read from the file.
OVERRIDES = ("title", "outlet", "url")


def _read_pair(manifest: Path, n: int, pair: dict) -> tuple[ArticleText, ArticleText]:
    where = f"pair {n}"
    source = _read_entry(manifest, where, "source", pair.get("source"))
    retranslation = _read_entry(manifest, where, "retranslation", pair.get("retranslation"))
    with _entry(manifest, where):
        check_pair(source, retranslation)
    return source, retranslation


def _read_story(manifest: Path, n: int, story: dict) -> tuple[ArticleText, list[ArticleText]]:
    where = f"story {n}"
    source = _read_entry(manifest, where, "source", story.get("source"))
    copies = [
        _read_entry(manifest, where, f"copy {c}", entry)
        for c, entry in enumerate(story["copies"], 1)
    ]
    with _entry(manifest, where):
        check_story(source, copies)
    return source, copies


def _read_entry(manifest: Path, where: str, side: str, entry: object) -> ArticleText:
    """One side of an entry: its fields checked, its file read, the fields applied, and
    the result held to the article limits, as the import will hold it."""
    named = f"{manifest}: {where} {side}:"
    if not isinstance(entry, dict):
        raise CommandError(f"{named} must be an object with a 'file', not {_shown(entry)}")
    for field in ("file", *OVERRIDES):
        value = entry.get(field)
        if field == "file" and (not isinstance(value, str) or not value.strip() or "\0" in value):
            raise CommandError(f"{named} 'file' must name a file, not {_shown(value)}")
        if value is not None and not isinstance(value, str):
            raise CommandError(f"{named} '{field}' must be text, not {_shown(value)}")
    limits = article_limits()
    with _entry(manifest, where), reading_side("source" if side == "source" else "retranslation"):
        article = read_article_file(manifest.parent / entry["file"], limits=limits)
        article = article.with_overrides(**{field: entry.get(field) for field in OVERRIDES})
        check_article(article, limits)
    return article


@contextmanager
def _entry(manifest: Path, where: str) -> Iterator[None]:
    """A refusal of an entry's article, as one line naming the manifest and the entry."""
    try:
        yield
    except ArticleImportError as error:
        raise CommandError(f"{manifest}: {where}: {error}") from error


def _shown(value: object) -> str:
    return "nothing" if value is None else json.dumps(value, ensure_ascii=False)[:40]
