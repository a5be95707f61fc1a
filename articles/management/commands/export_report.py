from __future__ import annotations

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.assignments.queue import DUE_CHOICES, STAGES
from articles.management.output_file import check_output, write_beside
from articles.reports.export import (
    FORMATS,
    ExportError,
    check_format,
    comparison_document,
    selection_document,
)
from articles.reports.selection import SelectionError, build_selection


class Command(BaseCommand):
    help = (
        "Write the review report of comparisons (by id, or --all, or selected by status, "
        "outlet, date, assignee, stage and due date) as json, csv, md, html or pdf, to "
        "stdout or to -o PATH. "
        "The same reports as the dashboard's downloads; see docs/report-format.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", help="Comparison ids (one id: a single report).")
        parser.add_argument("--all", action="store_true", help="Every comparison.")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            help="Only comparisons in this status (new, in_review, in_approval, done); may repeat.",
        )
        parser.add_argument(
            "--outlet",
            default="",
            help="Only comparisons whose source or retranslation outlet contains this text.",
        )
        parser.add_argument(
            "--q",
            default="",
            metavar="WORDS",
            help="Only comparisons whose source or retranslation has these words in its "
            "title, outlet or text (the dashboard's search, read by the same code).",
        )
        parser.add_argument(
            "--since", help="Only comparisons created on or after DATE (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--until", help="Only comparisons created on or before DATE (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--assignee",
            default="",
            metavar="NAME|none",
            help="Only comparisons assigned to this user name, or none: unassigned ones "
            "(as the dashboard's assignee filter; its 'me' has no meaning here).",
        )
        parser.add_argument(
            "--stage",
            default="",
            metavar="|".join(STAGES),
            help="Only comparisons at this stage: review (new or in review), approval "
            "(awaiting approval) or done.",
        )
        parser.add_argument(
            "--due",
            default="",
            metavar="|".join(DUE_CHOICES),
            help="Only unfinished comparisons whose due date is past (overdue) or within "
            "the next 7 days (week).",
        )
        parser.add_argument("--format", required=True, help=f"One of {', '.join(FORMATS)}.")
        parser.add_argument(
            "-o", "--output", help="Write to this file (required for pdf); stdout otherwise."
        )

    def handle(self, *args, **options) -> None:
        if options["assignee"].strip() == "me":
            raise CommandError(
                "--assignee me: the command runs as no one; give a user name (or none)"
            )
        try:
            fmt = check_format(options["format"])
            selection = build_selection(
                ids=options["ids"],
                everything=options["all"],
                statuses=options["status"],
                outlet=options["outlet"],
                query=options["q"],
                since=options["since"],
                until=options["until"],
                assignee=options["assignee"],
                stage=options["stage"],
                due=options["due"],
            )
        except (ExportError, SelectionError) as error:
            raise CommandError(str(error)) from error
        if selection.is_empty:
            raise CommandError(
                "no selection: give comparison ids, --all, or --status/--outlet/--q/--since/"
                "--until/--assignee/--stage/--due"
            )
        if fmt == "pdf" and not options["output"]:
            raise CommandError(
                "pdf: give an output file with -o PATH (pdf is not written to stdout)"
            )
        output = Path(options["output"]) if options["output"] else None
        if output is not None:
            check_output(output)
            if not output.parent.is_dir():
                raise CommandError(f"{output}: no such directory {output.parent}")

        try:
            if len(selection.ids) == 1 and selection == type(selection)(ids=selection.ids):
                document = comparison_document(selection.ids[0], fmt)
            else:
                document = selection_document(
                    selection.queryset(), fmt, described=selection.describe()
                )
            if output is None:
                self._to_stdout(document)
            else:
                written = self._to_file(document, output)
                self.stdout.write(f"Wrote the {fmt} report to {output} ({written} bytes).")
        except (ExportError, SelectionError) as error:
            raise CommandError(str(error)) from error

    def _to_stdout(self, document) -> None:
        # Straight to the stream: a report is data, not a message (no style, no ending).
        out = getattr(self.stdout, "_out", sys.stdout)
        try:
            for piece in document.pieces:
                out.write(piece if isinstance(piece, str) else piece.decode("utf-8"))
            out.flush()
        except BrokenPipeError:
            # The reader stopped early (`| head`): not a failure of the export. Point
            # stdout at /dev/null so that Python's exit flush does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())

    def _to_file(self, document, output: Path) -> int:
        """Write beside the target and rename: a failed export leaves no file behind."""

        def write(stream) -> int:
            written = 0
            for piece in document.pieces:
                data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
                stream.write(data)
                written += len(data)
            return written

        return write_beside(output, ".export-", "wb", write)
