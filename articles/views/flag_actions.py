"""Deciding about flags from the step view: accept, dismiss, edit, add."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from articles.forms import FlagAddForm, FlagEditForm, VersionedForm
from articles.models import Flag
from articles.review import flags as flag_ops
from articles.review.errors import ReviewError

from .common import (
    INVALID,
    Notice,
    form_error,
    get_flag_to_decide,
    get_unit_to_decide,
    render_step,
    run_step_action,
    show_of,
)
from .signin import htmx_sign_in


def _flag_action(
    request: HttpRequest,
    pk: int,
    unit_pk: int,
    flag_pk: int,
    operation,
    done: str | Callable[[str], str],
):
    """`done`: the notice, or a function of the flag's status before the action."""
    flag = get_flag_to_decide(request, pk, unit_pk, flag_pk)
    if callable(done):
        done = done(flag.status)
    unit = flag.unit
    comparison = unit.comparison
    form_class = FlagEditForm if operation is flag_ops.edit_flag else VersionedForm
    form = form_class(request.POST)

    def act():
        if not form.is_valid():
            raise ReviewError(form_error(form))
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return operation(
            user=request.user,
            unit=unit,
            flag=flag,
            shown_version=form.cleaned_data["version"],
            **values,
        )

    # Each operation records its event (flag.accept, flag.dismiss, flag.edit).
    return run_step_action(
        request, comparison, unit.position, act, done=done, records_undoable=True
    )


@require_POST
@htmx_sign_in
@login_required
def accept(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    return _flag_action(
        request, pk, unit_pk, flag_pk, flag_ops.accept_flag, done="Suggestion accepted."
    )


@require_POST
@htmx_sign_in
@login_required
def dismiss(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    return _flag_action(request, pk, unit_pk, flag_pk, flag_ops.dismiss_flag, done=_dismissed)


def _dismissed(status_before: str) -> str:
    # A confirmed flag's button says Withdraw: the notice says what it did.
    return "Flag withdrawn." if status_before == Flag.Status.CONFIRMED else "Dismissed."


@require_POST
@htmx_sign_in
@login_required
def edit(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    return _flag_action(request, pk, unit_pk, flag_pk, flag_ops.edit_flag, done="Flag saved.")


@require_POST
@htmx_sign_in
@login_required
def add(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    unit = get_unit_to_decide(request, pk, unit_pk)
    comparison = unit.comparison
    form = FlagAddForm(request.POST, unit=unit)
    if not form.is_valid():
        # The form comes back with its errors next to the fields, as typed.
        return render_step(
            request,
            comparison,
            unit.position,
            show=show_of(request),
            notice=Notice("error", f"The flag was not added. {form_error(form)}"),
            status=INVALID,
            add_form=form,
        )
    data = form.cleaned_data
    return run_step_action(
        request,
        comparison,
        unit.position,
        lambda: flag_ops.add_flag(
            user=request.user,
            unit=unit,
            shown_version=data["version"],
            category=data["category"],
            severity=data["severity"],
            source_span=data["source_span"],
            target_span=data["target_span"],
            note=data["note"],
        ),
        done="Flag added.",
        records_undoable=True,  # flag.add
    )
