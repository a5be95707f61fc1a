"""Background jobs as people see them: the job page, with its progress and each item's
result updating live (htmx polls the page's partial while the job is active), the list
of one's jobs, cancelling, and an export's download.

Who may see a job: the person who queued it, and staff with the import permission
(they run the imports and re-analyses). Both need a role that may see comparisons.
"""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from articles.jobs.files import read_file
from articles.jobs.progress import counts, seconds_left
from articles.models import Job, JobItem
from articles.roles import can_import

from .common import require_viewer

ITEMS_PER_PAGE = 100
# How often an open job page asks for news, in seconds.
POLL_SECONDS = 2


def visible_jobs(user):
    jobs = Job.objects.select_related("created_by")
    return jobs if can_import(user) else jobs.filter(created_by=user)


def _get_job(request: HttpRequest, pk: int) -> Job:
    require_viewer(request)
    return get_object_or_404(visible_jobs(request.user), pk=pk)


def analysing(user) -> list[Job]:
    """Imports and re-analyses still running, newest first: the dashboard says that
    comparisons are still being analysed (everyone sees that; the job pages stay
    with their owners and staff importers)."""
    jobs = list(
        Job.objects.filter(
            state__in=Job.ACTIVE_STATES,
            kind__in=[Job.Kind.BULK_IMPORT, Job.Kind.URL_IMPORT, Job.Kind.REANALYSE],
        ).order_by("-created_at")[:5]
    )
    for job in jobs:
        job.visible = can_import(user) or job.created_by_id == user.pk
    return jobs


@require_GET
@login_required
def analysing_banner(request: HttpRequest) -> HttpResponse:
    """The dashboard's banner on its own, for htmx to refresh while work goes on (a
    browser that asks for it as a page is sent to the dashboard, which shows it)."""
    require_viewer(request)
    if not request.htmx:
        return redirect("articles:dashboard")
    return render(request, "articles/_jobs_banner.html", {"analysing": analysing(request.user)})


@require_GET
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    page = Paginator(visible_jobs(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "articles/jobs.html", {"page": page})


@require_GET
@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job page; for htmx, only its live part (progress and results)."""
    job = _get_job(request, pk)
    items = JobItem.objects.filter(job=job).order_by("position")
    shown = request.GET.get("show", "")
    if shown == "problems":
        items = items.filter(outcome__in=[JobItem.Outcome.REJECTED, JobItem.Outcome.FAILED])
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    left = seconds_left(job)
    context = {
        "job": job,
        "counts": counts(job),
        "page": page,
        "show": shown,
        "minutes_left": None if left is None else max(1, round(left / 60)),
        "poll_seconds": POLL_SECONDS,
        "can_cancel": job.is_active
        and (job.created_by_id == request.user.pk or can_import(request.user)),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "articles/job.html#live" if partial else "articles/job.html", context)


@require_POST
@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop a job: items not started yet are not done; finished ones stay."""
    job = _get_job(request, pk)
    with transaction.atomic():
        stopped = Job.objects.filter(pk=job.pk, state__in=Job.ACTIVE_STATES).update(
            state=Job.State.CANCELLED, finished_at=timezone.now()
        )
        if stopped:
            JobItem.objects.filter(job=job, state=JobItem.State.PENDING).update(
                state=JobItem.State.FINISHED,
                outcome=JobItem.Outcome.CANCELLED,
                message="not done: the job was cancelled",
                payload={},
                finished_at=timezone.now(),
            )
    if stopped:
        messages.success(request, f"Job {job.pk} cancelled; what was already done stays.")
    else:
        messages.info(request, f"Job {job.pk} had already ended.")
    return redirect(job)


@require_GET
@login_required
def download(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """An export's file, streamed from the database a chunk at a time."""
    job = _get_job(request, pk)
    if not job.result_ready:
        raise Http404("This job has no file to download (not ready, or removed after some days).")
    content_type = mimetypes.guess_type(job.result_name)[0] or "application/octet-stream"
    response = StreamingHttpResponse(read_file(job), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    response["Content-Length"] = str(job.result_bytes)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
