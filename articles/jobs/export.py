"""Report exports as a job: a selection too large to wait for in a request is written
to a file by a worker, and the job page offers it for download when it is ready.

The file is written as the download view would stream it (`selection_document`, a
chunk of comparisons at a time), so a worker's memory stays flat however large the
selection; it appears under its final name only once complete (written as .part,
then renamed). Files are kept NEWSDRIFT_JOBS_KEEP_FILES_DAYS days (recovery.py).
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.jobs.kinds import Finish, Outcome, register
from articles.jobs.recovery import files_dir
from articles.jobs.runner import renew_lease
from articles.jobs.submit import submit
from articles.models import Job, JobItem
from articles.reports import html_report
from articles.reports.export import check_format, selection_document
from articles.reports.selection import Selection, build_selection


def submit_export(selection: Selection, fmt: str, *, user=None, count: int | None = None) -> Job:
    fmt = check_format(fmt)
    count = selection.queryset().count() if count is None else count
    return submit(
        Job.Kind.EXPORT,
        title=f"Report export: {count} comparison(s) as {fmt.upper()}",
        items=[("report file", {})],
        user=user,
        params={
            "format": fmt,
            "selection": selection.describe(),
            "everything": selection.everything,
        },
        total=count,
    )


def selection_of(params: dict) -> Selection:
    described = params["selection"]
    return build_selection(
        ids=described.get("ids") or (),
        everything=bool(params.get("everything")),
        statuses=described.get("status") or (),
        outlet=described.get("outlet") or "",
        query=described.get("q") or "",
        since=described.get("since"),
        until=described.get("until"),
    )


@register(Job.Kind.EXPORT, timed=False)
def export_item(job: Job, item: JobItem, finish: Finish) -> Outcome | None:
    selection = selection_of(job.params)
    comparisons = selection.queryset()
    total = comparisons.count()
    Job.objects.filter(pk=job.pk).update(total=total, done=0)

    def progress(count: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=count, touched_at=timezone.now())
        renew_lease(item)

    document = selection_document(
        comparisons,
        job.params["format"],
        described=selection.describe(),
        stylesheet=html_report.stylesheet_url(settings.NEWSDRIFT_BASE_URL),
        progress=progress,
    )
    directory = files_dir()
    directory.mkdir(parents=True, exist_ok=True)
    name = f"job-{job.pk}-{secrets.token_hex(8)}-{document.filename}"
    part = directory / f"{name}.part"
    written = 0
    try:
        with open(part, "wb") as out:
            for piece in document.pieces:
                data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
                out.write(data)
                written += len(data)
        os.replace(part, directory / name)
    finally:
        part.unlink(missing_ok=True)
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            result_file=name, result_name=document.filename, result_bytes=written, done=total
        )
        finish(
            Outcome(
                JobItem.Outcome.EXPORTED,
                f"{total} comparison(s), {written:,} bytes: {document.filename}",
            )
        )
    return None
