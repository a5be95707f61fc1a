from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.jobs.queue import backend_name
from articles.jobs.worker import Supervisor, run_worker_process

# More worker processes than this on one machine is a mistake, not a configuration: a
# worker is a whole Python process and its own database connection.
MAX_PROCESSES = 64


class Command(BaseCommand):
    help = (
        "Run background-job workers (bulk imports, re-analyses, exports): a supervisor "
        "that keeps --processes worker processes running, restarts any that exit, and "
        "puts back the work of workers that died. Jobs go through the database, or "
        "through Redis when REDIS_URL is set (docs/jobs.md). Stop it with Ctrl-C or "
        "SIGTERM: workers finish the item they are on. --batch runs every queued job in "
        "this process and exits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help=f"Worker processes to keep running, 1 to {MAX_PROCESSES} (default "
            "NEWSDRIFT_JOBS_PROCESSES, or 1).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Work in this process until the queue is empty, then exit.",
        )
        parser.add_argument("--child", action="store_true", help="(internal) one worker process.")

    def handle(self, *args, **options) -> None:
        from django.conf import settings

        if options["child"]:
            run_worker_process()
            return
        if options["batch"]:
            from articles.jobs import recovery

            recovery.sweep()
            run_worker_process(batch=True)
            self.stdout.write(f"jobs_worker: the {backend_name()} queue is empty.")
            return
        processes = options["processes"]
        given = f"--processes {processes}"
        if processes is None:
            processes = int(getattr(settings, "NEWSDRIFT_JOBS_PROCESSES", 1))
            given = f"NEWSDRIFT_JOBS_PROCESSES={processes}"
        if not 1 <= processes <= MAX_PROCESSES:
            raise CommandError(f"{given}: must be from 1 to {MAX_PROCESSES} worker processes")
        Supervisor(processes=processes, out=self.stdout).run()
