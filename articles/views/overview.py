"""The comparison overview: both articles as aligned units, metadata, ledger, score."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.assignments.stages import stage_view
from articles.discussion.threads import discussion_of
from articles.forms import CATEGORY_FIELD_CHOICES, SEVERITY_CHOICES
from articles.models import Comparison
from articles.review import reading
from articles.review.filters import SHOW_CHOICES, BadFilter, Scope, parse_scope
from articles.roles import can_approve, can_review

from .common import bad_filter, get_comparison, query_of, require_viewer, step_url
from .signin import htmx_sign_in


def next_waiting(comparison: Comparison) -> Comparison | None:
    """The comparison to go on with after this one is done: the oldest one still in
    review (not done, not awaiting approval)."""
    return (
        Comparison.objects.exclude(pk=comparison.pk)
        .exclude(status__in=[Comparison.Status.DONE, Comparison.Status.IN_APPROVAL])
        .select_related("source")
        .order_by("created_at", "id")
        .first()
    )


def can_reopen(user, stage) -> bool:
    if stage.approved:
        return user.is_staff and (can_review(user) or can_approve(user))
    return can_review(user)


def render_overview(
    request: HttpRequest,
    comparison: Comparison,
    *,
    notice: str = "",
    error: str = "",
    open_units: tuple = (),
    reason_error: str = "",
    status: int = 200,
    scope: Scope | None = None,
) -> HttpResponse:
    """The overview page, or for htmx only its body (after a ledger confirmation)."""
    scope = scope or Scope()
    data = reading.overview(comparison, scope)
    progress = reading.progress_of(data.marks)
    done = comparison.status == Comparison.Status.DONE
    stage = stage_view(request.user, comparison)
    context = {
        "stage": stage,
        # Action buttons follow the stage (articles.assignments.stages); reopening an
        # approved comparison is for staff.
        "can_review": stage.may_change,
        "can_reopen": can_reopen(request.user, stage),
        "comparison": comparison,
        "overview": data,
        "progress": progress,
        "start_url": step_url(comparison, reading.first_to_review(data.marks)),
        "notice": notice,
        "error": error,
        "open_units": open_units,
        "reason_error": reason_error,
        "scope": scope,
        "query": query_of(scope),
        "category_choices": CATEGORY_FIELD_CHOICES,
        "severity_choices": SEVERITY_CHOICES,
        "show_choices": list(SHOW_CHOICES.items()),
        "next_comparison": next_waiting(comparison) if done else None,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    if not partial:  # the discussion is outside the body htmx swaps
        context["discussion"] = discussion_of(comparison, request.user)
    template = "articles/overview.html#body" if partial else "articles/overview.html"
    return render(request, template, context, status=status)


@require_GET
@htmx_sign_in
@login_required
def comparison(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview; `show`, `category`, `severity` and `rule` limit the units listed
    (an unknown value answers 400)."""
    require_viewer(request)
    try:
        scope = parse_scope(request.GET)
    except BadFilter as error:
        return bad_filter(error)
    return render_overview(request, get_comparison(pk), scope=scope)
