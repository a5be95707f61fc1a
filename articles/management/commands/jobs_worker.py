from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.jobs.queue import backend_name
from articles.jobs.worker import Supervisor, run_worker_process


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
            help="Worker processes to keep running (default NEWSDRIFT_JOBS_PROCESSES, or 1).",
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
        processes = options["processes"] or int(getattr(settings, "NEWSDRIFT_JOBS_PROCESSES", 1))
        if processes < 1:
            raise CommandError(f"--processes {processes}: must be at least 1")
        Supervisor(processes=processes, out=self.stdout).run()
