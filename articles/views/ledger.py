"""Confirming or dismissing a name of the entity ledger on all of its units (from the
overview), each one decision that one undo takes back."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from articles.forms import LedgerConfirmForm
from articles.review.errors import Conflict, ReviewError
from articles.review.ledger import confirm_ledger_entry, dismiss_ledger_entry

from .common import CONFLICT, INVALID, form_error, get_comparison, require_decider
from .overview import render_overview
from .signin import htmx_sign_in


def _decide(
    request: HttpRequest,
    pk: int,
    index: int,
    decide: Callable[..., object],
    describe: Callable[[dict, object], str],
) -> HttpResponse:
    """One decision on a ledger name over all its units: the form, the conflicts and
    the answer (the overview for htmx, a redirect otherwise) are the same for both."""
    comparison = get_comparison(pk)
    require_decider(request, comparison)
    form = LedgerConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ReviewError(form_error(form))
        result = decide(
            user=request.user,
            comparison=comparison,
            index=index,
            versions=form.cleaned_data["versions"],
        )
    except Conflict as conflict:
        return render_overview(request, comparison, error=str(conflict), status=CONFLICT)
    except ReviewError as error:
        return render_overview(request, comparison, error=str(error), status=INVALID)
    text = describe(comparison.ledger[index], result)
    if request.htmx:
        return render_overview(request, comparison, notice=text)
    messages.success(request, text)
    return HttpResponseRedirect(f"{comparison.get_absolute_url()}#ledger")


def _confirmed(entry: dict, flags) -> str:
    if not flags:
        return "That name was confirmed already."
    return f"Confirmed “{entry['source']}” → “{entry['target']}” on {len(flags)} unit(s)."


def _dismissed(entry: dict, result) -> str:
    units = f"{result.units} unit{'s' if result.units != 1 else ''}"
    return f"Dismissed “{entry['source']}” → “{entry['target']}” in {units} at once."


@require_POST
@htmx_sign_in
@login_required
def confirm(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    return _decide(request, pk, index, confirm_ledger_entry, _confirmed)


@require_POST
@htmx_sign_in
@login_required
def dismiss(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """Dismiss the open suggestions about a name on all its units at once."""
    return _decide(request, pk, index, dismiss_ledger_entry, _dismissed)
