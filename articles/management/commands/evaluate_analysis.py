from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.analysis.evaluate import evaluate, format_report


class Command(BaseCommand):
    help = (
        "Score segmentation, alignment and drift detection against the labelled "
        "evaluation set in tests/data/eval/ and print alignment precision/recall/F1 and "
        "detection precision/recall per category. With --check, exit non-zero when a "
        "floor (articles.analysis.evaluate.FLOORS) is not met."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Fail when a figure is below its floor."
        )
        parser.add_argument(
            "--details",
            action="store_true",
            help="Also list every missed flag, false suggestion and wrong alignment link.",
        )

    def handle(self, *args, **options) -> None:
        report = evaluate()
        self.stdout.write(format_report(report, details=options["details"]))
        failures = report.meets_floors()
        for failure in failures:
            self.stderr.write(f"Floor not met: {failure}")
        if options["check"] and failures:
            raise CommandError(f"{len(failures)} evaluation floor(s) not met.")
        if not failures:
            self.stdout.write(self.style.SUCCESS("All evaluation floors are met."))
