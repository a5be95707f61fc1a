from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from articles.stories.names_store import rebuild_names


class Command(BaseCommand):
    help = (
        "Rebuild the names index (the spelling pairs of /names/ with their figures and "
        "occurrences) from every comparison's stored ledger, in one transaction. The "
        "index is kept up to date as comparisons are analysed, re-analysed, fixed and "
        "deleted; this is for rows written around the importer (a restored backup, "
        "hand-made SQL) or an index that is suspected wrong (docs/stories.md)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()

        def progress(comparisons: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {comparisons:,} comparisons read")

        summary = rebuild_names(progress=progress)
        self.stdout.write(
            f"Names index rebuilt from {summary.comparisons:,} comparison(s) with names "
            f"spelled differently: {summary.spellings:,} spelling pair(s), "
            f"{summary.occurrences:,} occurrence(s) (it had {summary.removed_spellings:,} "
            f"pair(s) before) in {time.perf_counter() - started:.1f} s."
        )
