from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.analysis.evaluate import evaluate, format_report
from articles.analysis.public_eval import (
    PublicSetError,
    evaluate_public_set,
    format_public_report,
)


class Command(BaseCommand):
    help = (
        "Score segmentation, alignment and drift detection against the labelled "
        "evaluation set in tests/data/eval/ and print alignment precision/recall/F1 and "
        "detection precision/recall per category. With --check, exit non-zero when a "
        "floor (articles.analysis.evaluate.FLOORS) is not met. With --public PATH (PAWS "
        "or MRPC .tsv files, read where they lie), measure instead the share of "
        "meaning-changed and of benign pairs with a suggestion, F1 and a rapidfuzz "
        "baseline, on the tuning half, the held-out half and the whole set, with a "
        "sample of disagreements (docs/analysis-detection.md)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Fail when a figure is below its floor."
        )
        parser.add_argument(
            "--details",
            action="store_true",
            help="Also list every missed flag, false suggestion and wrong alignment link.",
        )
        parser.add_argument(
            "--public",
            nargs="+",
            type=Path,
            metavar="PATH",
            help="Evaluate on public sets (PAWS-Wiki or MRPC .tsv) instead.",
        )
        parser.add_argument(
            "--sample",
            type=int,
            default=10,
            help="With --public: disagreements shown of each kind (default 10).",
        )
        parser.add_argument(
            "--limit", type=int, default=0, help="With --public: only the first N pairs."
        )

    def handle(self, *args, **options) -> None:
        if options["public"]:
            self._public(options)
            return
        report = evaluate()
        self.stdout.write(format_report(report, details=options["details"]))
        failures = report.meets_floors()
        for failure in failures:
            self.stderr.write(f"Floor not met: {failure}")
        if options["check"] and failures:
            raise CommandError(f"{len(failures)} evaluation floor(s) not met.")
        if not failures:
            self.stdout.write(self.style.SUCCESS("All evaluation floors are met."))

    def _public(self, options: dict) -> None:
        failures = 0
        for path in options["public"]:

            def progress(pairs, name=path.name):
                return tqdm(
                    pairs, desc=name, unit="pair", disable=not sys.stderr.isatty(), file=sys.stderr
                )

            try:
                report = evaluate_public_set(path, progress=progress, limit=options["limit"])
            except PublicSetError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(format_public_report(report, sample=options["sample"]))
            for failure in report.failures():
                failures += 1
                self.stderr.write(f"{path.name}: target not met: {failure}")
            self.stdout.write("")
        if options["check"] and failures:
            raise CommandError(f"{failures} target(s) not met.")
