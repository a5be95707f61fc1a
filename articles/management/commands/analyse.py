from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.analysis.pipeline import ANALYSIS_VERSION
from articles.analysis.records import (
    PairsFileError,
    TextPair,
    analyse_texts,
    file_problem,
    format_text,
    pair_record,
    read_pairs,
)
from articles.article_reader import (
    ArticleImportError,
    ArticleLimits,
    read_article_file,
    read_pasted_article,
)
from articles.importer import article_limits
from articles.management.output_file import check_output, write_beside


class Command(BaseCommand):
    help = (
        "Analyse article pairs without storing anything (no database is needed). "
        "`analyse SOURCE RETRANSLATION` prints the units and suggestions of one pair "
        "(files as import_pair reads them; --format json for the JSON record). "
        "`analyse --pairs IN.jsonl --output OUT.jsonl` reads one JSON object a line, "
        '{"id", "source", "retranslation"} with the texts themselves, and writes one '
        'line per pair, {"id", "units": [{"kind", "source_text", "target_text", '
        '"suggestions": [...]}]}, with a progress bar on a terminal.'
    )
    # Reading and analysing text needs neither the database nor the models' checks.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", nargs="?", help="The source article file.")
        parser.add_argument("retranslation", nargs="?", help="The retranslated article file.")
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="How to print one pair: readable text (default) or its JSON record.",
        )
        parser.add_argument("--pairs", help="A JSON Lines file of pairs to analyse.")
        parser.add_argument("--output", help="Where to write the JSON Lines results.")
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar, even on a terminal."
        )

    def handle(self, *args, **options) -> None:
        files = [options["source"], options["retranslation"]]
        if options["pairs"]:
            if any(files):
                raise CommandError("give either SOURCE RETRANSLATION or --pairs, not both")
            if not options["output"]:
                raise CommandError("--pairs needs --output OUT.jsonl")
            self._analyse_file(Path(options["pairs"]), Path(options["output"]), options)
            return
        if options["output"]:
            raise CommandError("--output goes with --pairs; one pair is printed")
        if not all(files):
            raise CommandError("give SOURCE and RETRANSLATION files, or --pairs IN.jsonl")
        limits = article_limits()
        try:
            source, retranslation = (read_article_file(f, limits=limits) for f in files)
        except ArticleImportError as error:
            raise CommandError(str(error)) from error
        analysis = analyse_texts(
            (source.title, source.body), (retranslation.title, retranslation.body)
        )
        if options["format"] == "json":
            record = pair_record(f"{source.name} / {retranslation.name}", analysis)
            record["version"] = analysis.version
            record["ledger"] = [
                {"source_name": e.source_name, "target_name": e.target_name, "units": len(e.units)}
                for e in analysis.ledger
            ]
            self.stdout.write(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_text(analysis))

    def _analyse_file(self, path: Path, output: Path, options: dict) -> None:
        pairs = self._read_pairs(path)
        if output.resolve() == path.resolve():
            raise CommandError(f"{output}: the output would overwrite the input")
        check_output(output)
        if not output.parent.is_dir():
            raise CommandError(f"{output}: no such folder {str(output.parent)!r}")
        terminal = sys.stderr.isatty() and not options["no_progress"]

        def write(out) -> tuple[int, int]:
            flagged = suggestions = 0
            for pair in tqdm(
                pairs, desc="Analysing", unit="pair", disable=not terminal, file=sys.stderr
            ):
                pair_id, source, retranslation = pair
                analysis = analyse_texts(source, retranslation)
                record = pair_record(pair_id, analysis)
                count = sum(len(u["suggestions"]) for u in record["units"])
                flagged += bool(count)
                suggestions += count
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return flagged, suggestions

        # Written beside the output and renamed at the end, so that a failed run leaves
        # no half-written file behind.
        flagged, suggestions = write_beside(output, ".analyse-", "w", write)
        self.stdout.write(
            f"Analysed {len(pairs)} pair(s) from {path}: {flagged} with suggestions, "
            f"{suggestions} suggestion(s) in all (analysis version {ANALYSIS_VERSION}); "
            f"wrote {output}."
        )

    def _read_pairs(self, path: Path) -> list[tuple[str, Side, Side]]:
        """Every pair of the file, each side held to the article limits, before any is
        analysed: a bad line stops the run before anything is written."""
        limits = article_limits()
        try:
            with path.open(encoding="utf-8") as stream:
                pairs = []
                for pair in read_pairs(stream, str(path)):
                    pairs.append((pair.id, *_sides(pair, path, limits)))
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(file_problem(path, error)) from error
        except (PairsFileError, ArticleImportError) as error:
            raise CommandError(str(error)) from error
        if not pairs:
            raise CommandError(f"{path}: has no pairs")
        return pairs


Side = tuple[str, str]  # title, body


def _sides(pair: TextPair, path: Path, limits: ArticleLimits) -> tuple[Side, Side]:
    """Both sides read as pasted plain-text articles, with the same cleaning and limits."""
    sides = []
    for side, text in (("source", pair.source), ("retranslation", pair.retranslation)):
        try:
            # Named by the side alone: the reader takes a suffix in the name for a format.
            article = read_pasted_article(text, side, limits=limits)
        except ArticleImportError as error:
            raise CommandError(
                f"{path} line {pair.line} (id {pair.id[:80]!r}) {side}: {error.reason}"
            ) from error
        sides.append((article.title, article.body))
    return sides[0], sides[1]
