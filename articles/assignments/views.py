"""Assigning comparisons (staff), picking one up (editors), and the approval page
(approvers): approve, or send back to review with a note."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.analysis.worddiff import diff_words
from articles.models import Comparison, Flag
from articles.review.errors import Conflict, ReviewError
from articles.roles import can_approve, can_assign, can_review
from articles.views.common import CONFLICT, INVALID, form_error, get_comparison, require_viewer
from articles.views.signin import htmx_sign_in
from newsdrift.whole_numbers import whole_number

from . import assigning, stages
from .assigning import MAX_AT_ONCE
from .forms import AssignForm


def _back(request: HttpRequest, fallback: str) -> str:
    """Where to go after a POST: the page it came from (same site only)."""
    params = request.POST if request.method == "POST" else request.GET
    wanted = params.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


def _selected_ids(values: list[str]) -> list[int]:
    ids = [whole_number(value, max_digits=18) for value in values[:MAX_AT_ONCE]]
    return [pk for pk in ids if pk is not None]


@require_http_methods(["GET", "POST"])
@htmx_sign_in
@login_required
def assign(request: HttpRequest) -> HttpResponse:
    """GET: the form for the comparisons named by `comparison` (the admin's action comes
    here). POST: assign them to the editor chosen, or with `unassign`, clear them."""
    if not can_assign(request.user):
        raise PermissionDenied("Only staff may assign comparisons.")
    params = request.POST if request.method == "POST" else request.GET
    ids = _selected_ids(params.getlist("comparison"))
    comparisons = list(
        Comparison.objects.filter(pk__in=ids).select_related("source").order_by("pk")
    )
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        comparison_ids=[c.pk for c in comparisons],
        initial={"comparison": [c.pk for c in comparisons]},
    )
    context = {"form": form, "comparisons": comparisons, "next": _back(request, "")}
    if request.method == "GET":
        return render(request, "assignments/assign.html", context)
    dashboard = reverse("articles:dashboard")
    if not comparisons:
        context["error"] = "Choose at least one comparison (tick its box on the dashboard)."
        return render(request, "assignments/assign.html", context, status=INVALID)
    if not form.is_valid():
        context["error"] = form_error(form)
        return render(request, "assignments/assign.html", context, status=INVALID)
    data = form.cleaned_data
    chosen = [c for c in comparisons if c.pk in set(data["comparison"])]
    n = len(chosen)
    try:
        if "unassign" in request.POST:
            cleared = assigning.unassign(by=request.user, comparisons=chosen)
            text = f"Unassigned {cleared} of the {n} comparison{'s' * (n != 1)} chosen."
        else:
            if data["assignee"] is None:
                raise ReviewError("Assign to: choose an editor (or press Unassign).")
            changed = assigning.assign(
                by=request.user,
                comparisons=chosen,
                assignee=data["assignee"],
                priority=data["priority"],
                due_date=data["due_date"],
            )
            text = (
                f"Assigned {n} comparison{'s' * (n != 1)} to "
                f"{data['assignee'].get_username()} ({changed} changed)."
            )
    except ReviewError as error:
        context["error"] = str(error)
        return render(request, "assignments/assign.html", context, status=INVALID)
    messages.success(request, text)
    return HttpResponseRedirect(_back(request, dashboard))


@require_POST
@htmx_sign_in
@login_required
def pick_up(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor takes an unassigned comparison into their queue."""
    if not can_review(request.user):
        raise PermissionDenied("Only editors may pick up a comparison.")
    comparison = get_comparison(pk)
    try:
        assigning.pick_up(user=request.user, comparison=comparison)
    except ReviewError as error:
        messages.error(request, str(error))
        status = CONFLICT if isinstance(error, Conflict) else INVALID
        return render(
            request,
            "assignments/refused.html",
            {"comparison": comparison, "error": str(error)},
            status=status,
        )
    messages.success(request, f"Comparison #{comparison.pk} is in your queue now.")
    return HttpResponseRedirect(_back(request, reverse("articles:dashboard")))


def _decisions(comparison: Comparison) -> list[dict]:
    """Every unit with its decision, its flags (suggestions left aside: none are left
    when a comparison reaches approval, unless staff closed it with things open) and
    its word diff (two queries)."""
    units = comparison.units.order_by("position").select_related("reviewed_by")
    flags = Flag.objects.filter(unit__comparison=comparison).select_related("author").order_by("id")
    by_unit: dict[int, list[Flag]] = {}
    for flag in flags:
        by_unit.setdefault(flag.unit_id, []).append(flag)
    rows = []
    for unit in units:
        unit.comparison = comparison
        unit_flags = by_unit.get(unit.pk, [])
        shown = [f for f in unit_flags if f.status != Flag.Status.DISMISSED]
        rows.append(
            {
                "unit": unit,
                "confirmed": [f for f in unit_flags if f.status == Flag.Status.CONFIRMED],
                "dismissed": [f for f in unit_flags if f.status == Flag.Status.DISMISSED],
                "open": [f for f in unit_flags if f.status == Flag.Status.SUGGESTED],
                "diff": diff_words(
                    unit.source_text,
                    unit.target_text,
                    source_spans=[(f"flag-{f.pk}", f.source_span) for f in shown],
                    target_spans=[(f"flag-{f.pk}", f.target_span) for f in shown],
                ),
            }
        )
    return rows


def render_approval(
    request: HttpRequest, comparison: Comparison, *, error: str = "", status: int = 200
) -> HttpResponse:
    approval = stages.approval_of(comparison)
    context = {
        "comparison": comparison,
        "approval": approval,
        "rows": _decisions(comparison),
        "send_backs": list(comparison.send_backs.select_related("by", "reviewer")),
        "may_approve": stages.may_approve(request.user, comparison, approval),
        "is_reviewer": bool(approval and approval.reviewer_id == request.user.pk),
        "is_approver": can_approve(request.user),
        "error": error,
        "note": request.POST.get("note", "") if request.method == "POST" else "",
        "note_max": stages.NOTE_MAX,
    }
    return render(request, "assignments/approval.html", context, status=status)


@require_GET
@htmx_sign_in
@login_required
def approval(request: HttpRequest, pk: int) -> HttpResponse:
    """Every decision of the comparison with its diff and evidence, and for an approver
    who did not review it, *Approve* and *Send back*. Everyone who may see comparisons
    may read it."""
    require_viewer(request)
    return render_approval(request, get_comparison(pk))


def _approver_action(request: HttpRequest, pk: int, act, done: str) -> HttpResponse:
    if not can_approve(request.user):
        raise PermissionDenied("Only approvers may approve a comparison or send it back.")
    comparison = get_comparison(pk)
    try:
        act(comparison)
    except Conflict as conflict:
        return render_approval(request, comparison, error=str(conflict), status=CONFLICT)
    except ReviewError as error:
        return render_approval(request, comparison, error=str(error), status=INVALID)
    messages.success(request, done)
    return HttpResponseRedirect(comparison.get_absolute_url())


@require_POST
@htmx_sign_in
@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _approver_action(
        request,
        pk,
        lambda comparison: stages.approve(user=request.user, comparison=comparison),
        "Comparison approved: it is done, and read only until staff reopen it.",
    )


@require_POST
@htmx_sign_in
@login_required
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    return _approver_action(
        request,
        pk,
        lambda comparison: stages.send_back(
            user=request.user, comparison=comparison, note=request.POST.get("note", "")
        ),
        "Comparison sent back to review; the reviewer sees your note on it.",
    )
