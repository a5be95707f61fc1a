"""Confirming or dismissing a name of the entity ledger on all of its units (from the
overview), each one decision that one undo takes back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from articles.forms import LedgerConfirmForm
from articles.review.errors import Conflict, ReviewError
from articles.review.ledger import confirm_ledger_entry, dismiss_ledger_entry

from .common import CONFLICT, INVALID, form_error, get_comparison, require_reviewer
from .overview import render_overview
from .signin import htmx_sign_in


@require_POST
@htmx_sign_in
@login_required
def confirm(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    require_reviewer(request)
    comparison = get_comparison(pk)
    form = LedgerConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ReviewError(form_error(form))
        flags = confirm_ledger_entry(
            user=request.user,
            comparison=comparison,
            index=index,
            versions=form.cleaned_data["versions"],
        )
    except Conflict as conflict:
        return render_overview(request, comparison, error=str(conflict), status=CONFLICT)
    except ReviewError as error:
        return render_overview(request, comparison, error=str(error), status=INVALID)
    entry = comparison.ledger[index]
    text = (
        f"Confirmed “{entry['source']}” → “{entry['target']}” on {len(flags)} unit(s)."
        if flags
        else "That name was confirmed already."
    )
    if request.htmx:
        return render_overview(request, comparison, notice=text)
    messages.success(request, text)
    return HttpResponseRedirect(f"{comparison.get_absolute_url()}#ledger")


@require_POST
@htmx_sign_in
@login_required
def dismiss(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """Dismiss the open suggestions about a name on all its units at once."""
    require_reviewer(request)
    comparison = get_comparison(pk)
    form = LedgerConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ReviewError(form_error(form))
        result = dismiss_ledger_entry(
            user=request.user,
            comparison=comparison,
            index=index,
            versions=form.cleaned_data["versions"],
        )
    except Conflict as conflict:
        return render_overview(request, comparison, error=str(conflict), status=CONFLICT)
    except ReviewError as error:
        return render_overview(request, comparison, error=str(error), status=INVALID)
    entry = comparison.ledger[index]
    units = f"{result.units} unit{'s' if result.units != 1 else ''}"
    text = f"Dismissed “{entry['source']}” → “{entry['target']}” in {units} at once."
    if request.htmx:
        return render_overview(request, comparison, notice=text)
    messages.success(request, text)
    return HttpResponseRedirect(f"{comparison.get_absolute_url()}#ledger")
