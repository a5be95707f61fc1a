"""What every review view needs: permission checks, object lookups, the step response."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect, replace_url

from articles.assignments.stages import stage_view
from articles.discussion.threads import discussion_of
from articles.forms import CATEGORY_FIELD_CHOICES, CATEGORY_KEYS, SEVERITY_CHOICES, FlagAddForm
from articles.models import AlignmentUnit, Article, Comparison, Flag
from articles.review import bulk, reading
from articles.review.errors import Conflict, NotDecided, ReviewError
from articles.review.filters import SHOW_CHOICES, BadFilter, Scope, parse_scope, scope_of_form
from articles.review.undo import has_undoable
from articles.roles import can_approve, can_review, can_view
from newsdrift.prepared_queries import prepared
from newsdrift.url_reversal import reverse_ids

CONFLICT, INVALID = 409, 422


@dataclass(frozen=True, slots=True)
class Notice:
    level: str  # "success", "conflict" or "error"
    text: str
    # The units keeping a comparison from being done (a refused Done lists them).
    open_units: tuple = ()


def require_viewer(request: HttpRequest) -> None:
    """Every page that shows article text needs the role the report downloads need."""
    if not can_view(request.user):
        raise PermissionDenied("Your account has no role that may see comparisons.")


def require_reviewer(request: HttpRequest) -> None:
    """Viewers may look at everything but change nothing."""
    if not can_review(request.user):
        raise PermissionDenied("Viewers can look but not change anything.")


def require_decider(request: HttpRequest, comparison: Comparison) -> None:
    """Deciding about flags and units: editors, and approvers on a comparison awaiting
    approval (whether the stage lets this person change it now is checked by the
    operation itself, `articles.assignments.stages.check_may_change`: 409 otherwise)."""
    if can_review(request.user):
        return
    if comparison.status == Comparison.Status.IN_APPROVAL and can_approve(request.user):
        return
    raise PermissionDenied("Viewers can look but not change anything.")


# The comparison as the review views read it: with its articles and last editor, but
# not the articles' text (the views show sentences and units; issue 18).
COMPARISON_RELATED = ("source", "retranslation", "last_editor")
COMPARISON_DEFERRED = ("source__body", "retranslation__body")
# The step view and the actions that answer with it show no last editor, and of the
# articles only their titles, outlets and languages: the other fields are not read
# (a third of the columns of an action's lookup, each built into its SQL and its
# instances at every request; issue 18).
STEP_RELATED = ("source", "retranslation")
STEP_ARTICLE_FIELDS = ("id", "title", "outlet", "language")
STEP_DEFERRED = tuple(
    f"{side}__{field.name}"
    for side in STEP_RELATED
    for field in Article._meta.concrete_fields
    if field.name not in STEP_ARTICLE_FIELDS
)


def get_comparison(
    pk: int,
    related: tuple[str, ...] = COMPARISON_RELATED,
    deferred: tuple[str, ...] = COMPARISON_DEFERRED,
) -> Comparison:
    return get_object_or_404(Comparison.objects.select_related(*related).defer(*deferred), pk=pk)


def _with_comparison(queryset, path: str):
    """`queryset` reading the comparison at `path` as the step view does."""
    return queryset.select_related(*(f"{path}__{name}" for name in STEP_RELATED)).defer(
        *(f"{path}__{name}" for name in STEP_DEFERRED)
    )


# The lookups of the step view and of every action, with their SQL built once
# (newsdrift.prepared_queries; issue 18).
@prepared
def _step_comparison(pk: int):
    return Comparison.objects.select_related(*STEP_RELATED).defer(*STEP_DEFERRED).filter(pk=pk)


@prepared
def _unit_with_comparison(pk: int, unit_pk: int):
    return _with_comparison(
        AlignmentUnit.objects.filter(pk=unit_pk, comparison_id=pk), "comparison"
    )


@prepared
def _flag_with_comparison(pk: int, unit_pk: int, flag_pk: int):
    return _with_comparison(
        Flag.objects.select_related("unit").filter(
            pk=flag_pk, unit_id=unit_pk, unit__comparison_id=pk
        ),
        "unit__comparison",
    )


def _one(queryset):
    """The row of a lookup by primary key, or None."""
    return next(iter(queryset), None)


def get_step_comparison(pk: int) -> Comparison:
    """The comparison as the step view and the actions answering with it read it."""
    comparison = _one(_step_comparison(pk))
    if comparison is None:
        raise Http404("No Comparison matches the given query.")
    return comparison


def get_unit(comparison: Comparison, unit_pk: int) -> AlignmentUnit:
    unit = get_object_or_404(AlignmentUnit, pk=unit_pk, comparison=comparison)
    unit.comparison = comparison
    return unit


def get_unit_to_decide(request: HttpRequest, pk: int, unit_pk: int) -> AlignmentUnit:
    """The unit an action decides, with its comparison, once `require_decider` allowed
    it: one query where `get_comparison` and `get_unit` make two (issue 18). A missing
    comparison or unit answers 404 and a viewer 403 exactly as those two in turn."""
    unit = _one(_unit_with_comparison(pk, unit_pk))
    if unit is None:
        comparison = get_comparison(pk)
        require_decider(request, comparison)
        return get_unit(comparison, unit_pk)  # 404
    require_decider(request, unit.comparison)
    return unit


def get_flag_to_decide(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> Flag:
    """The flag an action decides, with its unit and comparison in one query (three
    before); 404 and 403 as `get_unit_to_decide` and then the flag's lookup."""
    flag = _one(_flag_with_comparison(pk, unit_pk, flag_pk))
    if flag is None:
        unit = get_unit_to_decide(request, pk, unit_pk)
        return get_object_or_404(Flag, pk=flag_pk, unit=unit)
    require_decider(request, flag.unit.comparison)
    return flag


def show_of(request: HttpRequest) -> str:
    return scope_of(request).show


def scope_of(request: HttpRequest) -> Scope:
    """The filters of an action's hidden fields (unknown values dropped, not refused)."""
    if request.method == "POST":
        return scope_of_form(request.POST)
    return parse_scope(request.GET, strict=False)


def bad_filter(error: BadFilter) -> HttpResponse:
    """A hand-made address with a filter value nobody offers: 400 with the reason."""
    return HttpResponseBadRequest(f"Filter: {error}\n", content_type="text/plain; charset=utf-8")


def query_of(scope: Scope | str) -> str:
    """ "?show=…&category=…" for the scope ("" for all units, no flag filter)."""
    if isinstance(scope, str):
        scope = Scope(show=scope)
    params = scope.params()
    return f"?{urlencode(params)}" if params else ""


def step_url(comparison: Comparison, position: int, show: Scope | str = "all") -> str:
    return reverse_ids("articles:step", [comparison.pk, position]) + query_of(show)


def render_step(
    request: HttpRequest,
    comparison: Comparison,
    position: int,
    *,
    show: Scope | str,
    notice: Notice | None = None,
    status: int = 200,
    move_on: bool = False,
    add_form=None,
    strict: bool = False,
    undoable: bool = False,
    unit_pk: int | None = None,
) -> HttpResponse:
    """The step view of the unit at `position` (the nearest one if it is gone): the
    whole page, or for htmx its unit panel with the head swapped out of band.

    `undoable`: the user has just made a change here that undo can take back (so the
    Undo button is live without asking the database). `unit_pk`: show that unit,
    wherever it is now (found among the marks, no query), else the one at `position`."""
    scope = Scope(show=show) if isinstance(show, str) else show
    marks, facets = reading.marks_and_facets(comparison)
    if not marks:
        return render(request, "articles/empty.html", {"comparison": comparison}, status=status)
    scope = scope.with_positions(facets)
    positions = [m.position for m in marks]
    if unit_pk is not None:
        position = next((m.position for m in marks if m.pk == unit_pk), position)
    if move_on:
        position = reading.next_after_decision(marks, position, scope)
    if position not in positions:
        if strict:
            raise Http404(f"Comparison {comparison.pk} has no unit {position}.")
        position = max([p for p in positions if p <= position] or [positions[0]])
    # The unit with the ones around it (the context, and the link targets of a unit
    # that is not a match) in one query.
    kind = next(m.kind for m in marks if m.position == position)
    reach = 1 if kind == AlignmentUnit.Kind.MATCH else reading.LINK_RANGE
    window = reading.units_around(comparison, position, reach)
    unit = next((u for u in window if u.position == position), None)
    if unit is None:  # removed by an alignment fix since the marks were read
        raise Http404(f"Comparison {comparison.pk} has no unit {position}.")
    unit.comparison = comparison
    previous, following = reading.neighbours(marks, position, scope)
    step = reading.step_data(comparison, unit, scope, around=[u for u in window if u.pk != unit.pk])
    stage = stage_view(request.user, comparison)
    if stage.may_change:
        bulk.annotate_likes(comparison, step.suggestions)  # "Dismiss all 4 like this"
    context = {
        "comparison": comparison,
        "unit": unit,
        "step": step,
        "marks": marks,
        "progress": reading.progress_of(marks),
        "previous_position": previous,
        "next_position": following,
        "next_open_position": reading.next_undecided(marks, position, scope),
        "show": scope.show,
        "scope": scope,
        "query": query_of(scope),
        "flag_query": query_of(
            Scope(category=scope.category, severity=scope.severity, rule=scope.rule)
        ),
        "rules": reading.rules_of(facets),
        "show_links": [
            (key, label, step_url(comparison, position, replace(scope, show=key)))
            for key, label in SHOW_CHOICES.items()
        ],
        "undo_event": stage.may_change and (undoable or has_undoable(comparison, request.user)),
        # The action buttons follow the stage: an approver's on a comparison awaiting
        # approval, nobody's on an approved one (articles.assignments.stages).
        "can_review": stage.may_change,
        "stage": stage,
        "notice": notice,
        "add_form": add_form or FlagAddForm(unit=unit, initial={"version": unit.version}),
        "dimmed": {m.position for m in marks if not scope.matches(m)},
        "category_choices": CATEGORY_FIELD_CHOICES,
        "category_options": [
            (code, label, CATEGORY_KEYS[code]) for code, label in CATEGORY_FIELD_CHOICES
        ],
        "severity_choices": SEVERITY_CHOICES,
        "discussion": discussion_of(comparison, request.user, unit),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "articles/step.html#htmx_response" if partial else "articles/step.html"
    response = render(request, template, context, status=status)
    if partial and request.method == "POST":
        # After an action the address names the unit shown (navigation pushes its own).
        replace_url(response, step_url(comparison, position, scope))
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
    unit_of: Callable[[object], int | None] | None = None,
    records_undoable: bool = False,
) -> HttpResponse:
    """Run a review operation and answer with the step view.

    A conflict answers 409 with the unit as it is now, a refused action 422 with the
    reason; after success htmx gets the fresh unit panel, a plain form a redirect.
    `where` gives the position to show from the action's result, `unit_of` the id of
    the unit to show (its position read with the marks, or by one query for a plain
    form's redirect).
    `records_undoable`: the operation, when it succeeds, always records an audit event
    of the user's that undo takes back (a flag decision, a unit's mark), so the answer's
    Undo button needs no query (articles.review.undo.has_undoable).
    """
    show = scope_of(request)
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
        open_units = tuple(error.open_units) if isinstance(error, NotDecided) else ()
        return render_step(
            request,
            comparison,
            position,
            show=show,
            notice=Notice("error", str(error), open_units),
            status=INVALID,
        )
    if where is not None:
        position = where(result)
    unit_pk = unit_of(result) if unit_of is not None else None
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
            undoable=records_undoable,
            unit_pk=unit_pk,
        )
    messages.success(request, done)
    if unit_pk is not None:
        found = comparison.units.filter(pk=unit_pk).values_list("position", flat=True).first()
        position = found if found is not None else position
    if move_on:
        marks = reading.unit_marks(comparison)
        if show.flag_filtered:
            show = show.with_positions(reading.flag_facets(comparison))
        position = reading.next_after_decision(marks, position, show)
    return HttpResponseRedirect(step_url(comparison, position, show))


def leave_for(request: HttpRequest, url: str) -> HttpResponse:
    """Go to another page after an action: a redirect, or for htmx a client redirect
    (the whole page changes, not the panel the form was in)."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def form_error(form) -> str:
    """The first error of a form as one line naming the field."""
    for name, errors in form.errors.items():
        prefix = f"{form[name].label}: " if name in form.fields else ""
        return f"{prefix}{errors[0]}"
    return "The form is not valid."
