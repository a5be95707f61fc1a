"""A background job's state, to poll after a create answered 202."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from articles.api.auth import access
from articles.api.schemas import Error, JobOut
from articles.models import JobItem
from articles.roles import can_view

router = Router(tags=["jobs"])

# What a job lists of its items' messages (a bulk job may have thousands).
MAX_MESSAGES = 50


@router.get(
    "/jobs/{int:pk}",
    response={200: JobOut, 404: Error},
    auth=access(can_view, "Your account has no role that may see jobs."),
    url_name="job",
    summary="A background job's state",
)
def job_status(request: HttpRequest, pk: int):
    """Who sees a job: as on the web, the person who queued it and staff importers
    (anyone else gets 404)."""
    from articles.views.jobs import visible_jobs

    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    items = JobItem.objects.filter(job=job)
    outcomes = dict(
        items.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")).order_by()
    )
    comparisons = sorted(
        set(items.exclude(comparison=None).values_list("comparison_id", flat=True))
    )
    messages = list(
        items.filter(outcome__in=[JobItem.Outcome.FAILED, JobItem.Outcome.REJECTED])
        .order_by("position")
        .values_list("message", flat=True)[:MAX_MESSAGES]
    )
    return {
        "id": job.pk,
        "kind": job.kind,
        "state": job.state,
        "title": job.title,
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "error": job.error,
        "outcomes": outcomes,
        "comparisons": comparisons,
        "messages": messages,
    }
