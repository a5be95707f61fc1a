from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.analysis.pipeline import ANALYSIS_VERSION
from articles.jobs import JobRefused
from articles.jobs.follow import follow
from articles.jobs.reanalyse import submit_reanalysis
from articles.models import Comparison, JobItem
from articles.reports.selection import MAX_ID
from articles.tuning.applying import stale_comparisons


class Command(BaseCommand):
    help = (
        "Re-run the analysis on comparisons: recompute alignments and suggestions while "
        "keeping confirmed flags, editors' flags and dismissals (docs/admin-import.md). "
        "Give comparison ids, or --all, or --stale (analysed by another analysis version "
        f"than the current {ANALYSIS_VERSION!r}, or with an ignore list or rule settings "
        "that have changed since: docs/tuning.md). The work is queued as a background job "
        "for the workers (manage.py jobs_worker); --wait follows it with a progress bar "
        "and prints what was done to each comparison."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Ids of the comparisons.")
        parser.add_argument("--all", action="store_true", help="Every comparison.")
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Comparisons whose analysis_version differs from the one an analysis "
            "would give them today (the analysis or the tuning that applies changed).",
        )
        parser.add_argument("--wait", action="store_true", help="Follow the job until it ends.")

    def handle(self, *args, **options) -> None:
        ids: list[int] = options["ids"]
        if not ids and not options["all"] and not options["stale"]:
            raise CommandError("say which comparisons: give ids, --all or --stale")
        if ids and (options["all"] or options["stale"]):
            raise CommandError("give either ids or --all/--stale, not both")
        comparisons = Comparison.objects.order_by("pk")
        if ids:
            # An id no database column can hold is no comparison: it is not asked for
            # (SQLite refuses such a number in a query rather than finding nothing).
            storable = [pk for pk in ids if 0 < pk <= MAX_ID]
            found = set(comparisons.filter(pk__in=storable).values_list("pk", flat=True))
            missing = sorted(set(ids) - found)
            if missing:
                raise CommandError("no such comparison: " + ", ".join(str(pk) for pk in missing))
            comparisons = comparisons.filter(pk__in=ids)
        elif options["stale"] and not options["all"]:
            comparisons = stale_comparisons(comparisons)
        selected = list(comparisons.values_list("pk", flat=True))
        if not selected:
            self.stdout.write("No comparison to re-analyse; nothing changed.")
            return
        try:
            job = submit_reanalysis(selected)
        except JobRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        url = settings.NEWSDRIFT_BASE_URL.rstrip("/") + job.get_absolute_url()
        self.stdout.write(
            f"Queued job {job.pk}: re-analysis of {len(selected)} comparison(s): {url}"
        )
        if options["wait"]:
            follow(job, stdout=self.stdout, stderr=self.stderr, unit="comparison")
            done = job.items.filter(outcome=JobItem.Outcome.REANALYSED).order_by("position")
            for message in done.values_list("message", flat=True).iterator():
                self.stdout.write(message)
