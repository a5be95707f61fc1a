"""Report exports as a job: a selection too large to wait for in a request is written
to a file by a worker, and the job page offers it for download when it is ready.

The file is made as the download view would stream it (`selection_document`, a chunk
of comparisons at a time) and stored in the database a megabyte at a time (files.py),
so a worker's memory stays flat however large the selection; the job page offers it
only once complete. Files are kept NEWSDRIFT_JOBS_KEEP_FILES_DAYS days (recovery.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.jobs.files import write_file
from articles.jobs.kinds import Finish, Outcome, register
from articles.jobs.runner import renew_lease
from articles.jobs.submit import submit
from articles.models import Job, JobItem
from articles.reports import html_report
from articles.reports.export import check_format, selection_document
from articles.reports.selection import MAX_JOB_IDS, Selection, build_selection


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
        # Absent from jobs queued before the queue filters were added.
        assignee=described.get("assignee") or "",
        stage=described.get("stage") or "",
        due=described.get("due") or "",
        max_ids=MAX_JOB_IDS,
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
    written = write_file(job, document.pieces)
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            result_ready=True, result_name=document.filename, result_bytes=written, done=total
        )
        finish(
            Outcome(
                JobItem.Outcome.EXPORTED,
                f"{total} comparison(s), {written:,} bytes: {document.filename}",
            )
        )
    return None
