from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.article_reader import ArticleImportError
from articles.bulk_import import read_bulk_upload
from articles.import_forms import bulk_limits
from articles.jobs import JobRefused
from articles.jobs.bulk import submit_bulk_import
from articles.jobs.follow import follow


class Command(BaseCommand):
    help = (
        "Queue a bulk import of article pairs from a JSON Lines file or a zip archive "
        "(the admin's bulk import format, docs/admin-import.md) as a background job, and "
        "print its page. With --wait, follow it with a progress bar and print a summary "
        "and every pair that was not imported; the exit status is 1 if any was not. "
        "Workers (manage.py jobs_worker) do the importing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .jsonl (or .ndjson) file, or a .zip archive.")
        parser.add_argument("--wait", action="store_true", help="Follow the job until it ends.")
        parser.add_argument(
            "--user", default="", help="Account the import is recorded under (default: none)."
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        user = self._user(options["user"])
        try:
            with path.open("rb") as stream:
                pairs = read_bulk_upload(
                    stream, path.name, size=path.stat().st_size, limits=bulk_limits()
                )
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{path}: is a folder, not a file") from None
        except PermissionError:
            raise CommandError(f"{path}: cannot be read (permission denied)") from None
        except ArticleImportError as error:
            raise CommandError(str(error)) from error
        try:
            job = submit_bulk_import(pairs, upload_name=path.name, user=user)
        except JobRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        url = settings.NEWSDRIFT_BASE_URL.rstrip("/") + job.get_absolute_url()
        self.stdout.write(f"Queued job {job.pk}: {len(pairs)} pair(s) from {path.name}: {url}")
        if options["wait"]:
            follow(job, stdout=self.stdout, stderr=self.stderr, unit="pair")

    def _user(self, username: str):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"--user {username}: no such account") from None
