"""Fixing the alignment from the step view: merge with the next unit, split, link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from articles.forms import LinkForm, MergeForm, SplitForm
from articles.models import AlignmentUnit
from articles.review.errors import Conflict, ReviewError

from .common import form_error, get_comparison, get_unit, require_decider, run_step_action
from .signin import htmx_sign_in


def _alignment():
    """articles.review.alignment, imported by the first fix: it needs the analysis
    (rapidfuzz and every check), which the other views, and `manage.py check` walking
    the URLs, should not load."""
    from articles.review import alignment

    return alignment


def _valid(form) -> dict:
    if not form.is_valid():
        raise ReviewError(form_error(form))
    return form.cleaned_data


@require_POST
@htmx_sign_in
@login_required
def merge(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    comparison = get_comparison(pk)
    require_decider(request, comparison)
    unit = get_unit(comparison, unit_pk)
    form = MergeForm(request.POST)

    def act():
        data = _valid(form)
        return _alignment().merge_with_next(
            user=request.user,
            unit=unit,
            shown_version=data["version"],
            next_version=data["next_version"],
        )

    return run_step_action(
        request,
        comparison,
        unit.position,
        act,
        done="Merged with the next unit; its suggestions were recomputed.",
    )


@require_POST
@htmx_sign_in
@login_required
def split(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    comparison = get_comparison(pk)
    require_decider(request, comparison)
    unit = get_unit(comparison, unit_pk)
    form = SplitForm(request.POST)

    def act():
        data = _valid(form)
        return _alignment().split_unit(
            user=request.user,
            unit=unit,
            shown_version=data["version"],
            source_at=data["source_at"],
            target_at=data["target_at"],
        )

    return run_step_action(
        request,
        comparison,
        unit.position,
        act,
        done="Split in two; the suggestions of both parts were recomputed.",
    )


@require_POST
@htmx_sign_in
@login_required
def link(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    comparison = get_comparison(pk)
    require_decider(request, comparison)
    unit = get_unit(comparison, unit_pk)
    form = LinkForm(request.POST)

    def act():
        data = _valid(form)
        into_pk, into_version = data["into"]
        into = AlignmentUnit.objects.filter(pk=into_pk, comparison=comparison).first()
        if into is None:
            raise Conflict("The unit to link into is gone (the alignment changed since).")
        into.comparison = comparison
        return _alignment().link_unit(
            user=request.user,
            unit=unit,
            shown_version=data["version"],
            into=into,
            into_version=into_version,
        )

    return run_step_action(
        request,
        comparison,
        unit.position,
        act,
        done="Linked; the suggestions of the unit were recomputed.",
        where=lambda into: into.position,
    )
