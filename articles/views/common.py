"""What every review view needs: permission checks, object lookups, the step response."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import replace_url

from articles.forms import CATEGORY_FIELD_CHOICES, SEVERITY_CHOICES, FlagAddForm
from articles.models import AlignmentUnit, Comparison
from articles.review import bulk, reading
from articles.review.errors import Conflict, ReviewError
from articles.review.undo import last_undoable
from articles.roles import can_review, can_view

CONFLICT, INVALID = 409, 422


@dataclass(frozen=True, slots=True)
class Notice:
    level: str  # "success", "conflict" or "error"
    text: str


def require_viewer(request: HttpRequest) -> None:
    """Every page that shows article text needs the role the report downloads need."""
    if not can_view(request.user):
        raise PermissionDenied("Your account has no role that may see comparisons.")


def require_reviewer(request: HttpRequest) -> None:
    """Viewers may look at everything but change nothing."""
    if not can_review(request.user):
        raise PermissionDenied("Viewers can look but not change anything.")


def get_comparison(pk: int) -> Comparison:
    return get_object_or_404(
        Comparison.objects.select_related("source", "retranslation", "last_editor"), pk=pk
    )


def get_unit(comparison: Comparison, unit_pk: int) -> AlignmentUnit:
    unit = get_object_or_404(AlignmentUnit, pk=unit_pk, comparison=comparison)
    unit.comparison = comparison
    return unit


def show_of(request: HttpRequest) -> str:
    return reading.parse_show(request.POST.get("show") or request.GET.get("show"))


def step_url(comparison: Comparison, position: int, show: str = "all") -> str:
    url = reverse("articles:step", args=[comparison.pk, position])
    return f"{url}?{urlencode({'show': show})}" if show != "all" else url


def render_step(
    request: HttpRequest,
    comparison: Comparison,
    position: int,
    *,
    show: str,
    notice: Notice | None = None,
    status: int = 200,
    move_on: bool = False,
    add_form=None,
    strict: bool = False,
) -> HttpResponse:
    """The step view of the unit at `position` (the nearest one if it is gone): the
    whole page, or for htmx its unit panel with the head swapped out of band."""
    marks = reading.unit_marks(comparison)
    if not marks:
        return render(request, "articles/empty.html", {"comparison": comparison}, status=status)
    positions = [m.position for m in marks]
    if move_on:
        position = reading.next_after_decision(marks, position, show)
    if position not in positions:
        if strict:
            raise Http404(f"Comparison {comparison.pk} has no unit {position}.")
        position = max([p for p in positions if p <= position] or [positions[0]])
    unit = comparison.units.select_related("reviewed_by").get(position=position)
    unit.comparison = comparison
    previous, following = reading.neighbours(marks, position, show)
    step = reading.step_data(comparison, unit)
    if can_review(request.user):
        bulk.annotate_likes(comparison, step.suggestions)  # "Dismiss all 4 like this"
    context = {
        "comparison": comparison,
        "unit": unit,
        "step": step,
        "marks": marks,
        "progress": reading.progress_of(marks),
        "previous_position": previous,
        "next_position": following,
        "show": show,
        "show_choices": reading.SHOW_CHOICES,
        "undo_event": last_undoable(comparison, request.user) if can_review(request.user) else None,
        "notice": notice,
        "add_form": add_form or FlagAddForm(unit=unit, initial={"version": unit.version}),
        "dimmed": {m.position for m in marks if not m.matches(show)},
        "category_choices": CATEGORY_FIELD_CHOICES,
        "severity_choices": SEVERITY_CHOICES,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "articles/step.html#htmx_response" if partial else "articles/step.html"
    response = render(request, template, context, status=status)
    if partial and request.method == "POST":
        # After an action the address names the unit shown (navigation pushes its own).
        replace_url(response, step_url(comparison, position, show))
    return response


def run_step_action(
    request: HttpRequest,
    comparison: Comparison,
    position: int,
    action: Callable[[], object],
    *,
    done: str | Callable[[object], str],
    move_on: bool = False,
    where: Callable[[object], int] | None = None,
) -> HttpResponse:
    """Run a review operation and answer with the step view.

    A conflict answers 409 with the unit as it is now, a refused action 422 with the
    reason; after success htmx gets the fresh unit panel, a plain form a redirect.
    """
    show = show_of(request)
    try:
        result = action()
    except Conflict as conflict:
        # Show the unit that changed, wherever someone else's fix has moved it.
        moved = comparison.units.filter(pk=conflict.unit_id).values_list("position", flat=True)
        now_at = moved.first() if conflict.unit_id else None
        return render_step(
            request,
            comparison,
            position if now_at is None else now_at,
            show=show,
            notice=Notice("conflict", str(conflict)),
            status=CONFLICT,
        )
    except ReviewError as error:
        return render_step(
            request,
            comparison,
            position,
            show=show,
            notice=Notice("error", str(error)),
            status=INVALID,
        )
    if where is not None:
        position = where(result)
    if callable(done):
        done = done(result)
    if request.htmx:
        return render_step(
            request,
            comparison,
            position,
            show=show,
            notice=Notice("success", done),
            move_on=move_on,
        )
    messages.success(request, done)
    if move_on:
        marks = reading.unit_marks(comparison)
        position = reading.next_after_decision(marks, position, show)
    return HttpResponseRedirect(step_url(comparison, position, show))


def form_error(form) -> str:
    """The first error of a form as one line naming the field."""
    for name, errors in form.errors.items():
        prefix = f"{form[name].label}: " if name in form.fields else ""
        return f"{prefix}{errors[0]}"
    return "The form is not valid."
