from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.analysis.pipeline import ANALYSIS_VERSION
from articles.models import Comparison
from articles.reanalysis import reanalyse


class Command(BaseCommand):
    help = (
        "Re-run the analysis on comparisons: recompute alignments and suggestions while "
        "keeping confirmed flags, editors' flags and dismissals (docs/admin-import.md). "
        "Give comparison ids, or --all, or --stale (analysed by another analysis version "
        f"than the current {ANALYSIS_VERSION!r})."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Ids of the comparisons.")
        parser.add_argument("--all", action="store_true", help="Every comparison.")
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Comparisons whose analysis_version differs from the current version.",
        )

    def handle(self, *args, **options) -> None:
        ids: list[int] = options["ids"]
        if not ids and not options["all"] and not options["stale"]:
            raise CommandError("say which comparisons: give ids, --all or --stale")
        if ids and (options["all"] or options["stale"]):
            raise CommandError("give either ids or --all/--stale, not both")
        comparisons = Comparison.objects.order_by("pk")
        if ids:
            found = set(comparisons.filter(pk__in=ids).values_list("pk", flat=True))
            missing = sorted(set(ids) - found)
            if missing:
                raise CommandError("no such comparison: " + ", ".join(str(pk) for pk in missing))
            comparisons = comparisons.filter(pk__in=ids)
        elif options["stale"] and not options["all"]:
            comparisons = comparisons.exclude(analysis_version=ANALYSIS_VERSION)
        done = 0
        for comparison in comparisons.select_related("source", "retranslation").iterator():
            summary = reanalyse(comparison)
            done += 1
            self.stdout.write(f"Re-analysed {summary.describe()}")
        if done:
            self.stdout.write(f"Re-analysed {done} comparison(s).")
        else:
            self.stdout.write("No comparison to re-analyse; nothing changed.")
