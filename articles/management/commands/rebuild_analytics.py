"""Rebuild the analytics' aggregate tables from the comparisons (articles/analytics)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from articles.analytics import aggregates


class Command(BaseCommand):
    help = (
        "Rewrite the analytics' daily tables from every comparison's rows. They are kept "
        "up to date as analyses finish and editors decide (within seconds); run this "
        "after data was written around the application (a restore, a copy made in SQL) "
        "or with --check to count the last decisions and compare the tables with a "
        "recomputation without rewriting them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only compare the tables with a recomputation; exit 1 if they differ.",
        )

    def handle(self, *args, check: bool = False, **options):
        started = time.perf_counter()
        if check:
            # The review's last changes are counted first, as the analytics page does.
            caught_up = aggregates.catch_up()
            stored, fresh = aggregates.stored(), aggregates.recomputed()
            wrong = [t for t in aggregates.TABLES if stored[t] != fresh[t]]
            if wrong:
                raise CommandError(
                    f"The analytics differ from a recomputation in: {', '.join(wrong)}. "
                    "Run manage.py rebuild_analytics."
                )
            plural = "s" if caught_up != 1 else ""
            counted = (
                f" (after counting {caught_up} changed comparison{plural})" if caught_up else ""
            )
            self.stdout.write(f"The analytics agree with a recomputation{counted}.")
            return
        written = aggregates.rebuild()
        self.stdout.write(
            f"Rebuilt the analytics of {written['comparisons']} comparisons: "
            f"{written['drift']} drift rows, {written['flags']} flag rows, "
            f"{written['decisions']} throughput rows ({time.perf_counter() - started:.1f} s)."
        )
