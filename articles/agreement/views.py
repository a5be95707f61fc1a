"""The blind double review's pages: asking for one (staff), each editor's blind review
and its actions. Adjudication and the agreement page have their own modules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from articles.forms import CATEGORY_FIELD_CHOICES, SEVERITY_CHOICES
from articles.models import Flag
from articles.review.errors import ReviewError
from articles.views.common import INVALID, form_error, get_comparison, get_unit
from articles.views.signin import htmx_sign_in

from . import blind
from .access import blind_review_of, can_request
from .forms import BlindFlagForm, RequestForm
from .models import BlindFlag, BlindReview, DoubleReview
from .sheets import blind_rows, marked_count


def get_double_review(pk: int) -> DoubleReview:
    return get_object_or_404(
        DoubleReview.objects.select_related(
            "comparison__source", "comparison__retranslation", "adjudicator"
        ).prefetch_related("reviews__reviewer"),
        pk=pk,
    )


def require_blind_reviewer(request: HttpRequest, double_review: DoubleReview) -> BlindReview:
    """Only the two editors chosen open a blind review, each their own side."""
    review = blind_review_of(double_review, request.user)
    if review is None:
        raise PermissionDenied("Only the two editors chosen for this double review open it.")
    review.double_review = double_review
    return review


def blind_url(double_review: DoubleReview, position: int | None = None) -> str:
    url = reverse("articles:blind_review", args=[double_review.pk])
    return url if position is None else f"{url}#unit-{position}"


@require_POST
@htmx_sign_in
@login_required
def request_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff ask two editors for a blind double review of the comparison."""
    if not can_request(request.user):
        raise PermissionDenied("Only staff who review ask for a double review.")
    comparison = get_comparison(pk)
    form = RequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ReviewError(form_error(form))
        double_review = blind.request_double_review(
            user=request.user,
            comparison=comparison,
            first=form.cleaned_data["first"],
            second=form.cleaned_data["second"],
            adjudicator=form.cleaned_data["adjudicator"],
        )
    except ReviewError as error:
        messages.error(request, f"No double review asked for: {error}")
    else:
        names = " and ".join(r.reviewer.get_username() for r in double_review.reviews.all())
        messages.success(request, f"Blind double review asked of {names}.")
    return HttpResponseRedirect(comparison.get_absolute_url())


@require_POST
@htmx_sign_in
@login_required
def withdraw_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff take back a double review still under way (articles.agreement.blind)."""
    if not can_request(request.user):
        raise PermissionDenied("Only staff who review withdraw a double review.")
    double_review = get_double_review(pk)
    comparison = double_review.comparison
    try:
        record = blind.withdraw_double_review(user=request.user, double_review=double_review)
    except ReviewError as error:
        messages.error(request, f"The double review was not withdrawn: {error}")
    else:
        names = " and ".join(editor["editor"] for editor in record["editors"])
        messages.success(
            request,
            f"Blind double review of {names} withdrawn; their blind reviews are discarded.",
        )
    return HttpResponseRedirect(comparison.get_absolute_url())


def _context(review: BlindReview, rows, **extra) -> dict:
    double_review = review.double_review
    other = next(r for r in double_review.reviews.all() if r.pk != review.pk)
    total = double_review.comparison.units.count()
    return {
        "double_review": double_review,
        "comparison": double_review.comparison,
        "review": review,
        "other": other,
        "rows": rows,
        "marked": marked_count(review),
        "total": total,
        "category_choices": CATEGORY_FIELD_CHOICES,
        "severity_choices": SEVERITY_CHOICES,
        **extra,
    }


@require_GET
@htmx_sign_in
@login_required
def blind_review(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor's blind review: every unit with its diff, the analysis's suggestions
    and this editor's own decisions, never the other editor's."""
    double_review = get_double_review(pk)
    review = require_blind_reviewer(request, double_review)
    context = _context(review, blind_rows(review))
    return render(request, "agreement/blind.html", context)


def _answer(request: HttpRequest, review: BlindReview, unit, action, done: str) -> HttpResponse:
    """Run a blind step; htmx gets the unit's card again (and the counter, out of
    band), a plain form a redirect back to the unit."""
    status, notice, level = 200, done, "success"
    try:
        action()
    except ReviewError as error:
        status, notice, level = INVALID, str(error), "error"
    if request.htmx:
        (row,) = blind_rows(review, only_unit=unit.pk)
        context = _context(review, [row], row=row, notice=notice, level=level, oob=True)
        return render(request, "agreement/blind.html#unit_response", context, status=status)
    (messages.success if level == "success" else messages.error)(request, notice)
    return HttpResponseRedirect(blind_url(review.double_review, unit.position))


def _unit_of(request: HttpRequest, pk: int, unit_pk: int):
    double_review = get_double_review(pk)
    review = require_blind_reviewer(request, double_review)
    unit = get_unit(double_review.comparison, unit_pk)
    return review, unit


@require_POST
@htmx_sign_in
@login_required
def decide(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    review, unit = _unit_of(request, pk, unit_pk)
    flag = get_object_or_404(Flag, pk=flag_pk, unit=unit)
    decision = request.POST.get("decision", "")
    word = {"accept": "Accepted", "dismiss": "Dismissed"}.get(decision, "Saved")
    return _answer(
        request,
        review,
        unit,
        lambda: blind.decide(review=review, unit=unit, flag=flag, decision=decision),
        f"{word} in your review.",
    )


@require_POST
@htmx_sign_in
@login_required
def add_flag(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    review, unit = _unit_of(request, pk, unit_pk)
    form = BlindFlagForm(request.POST)

    def act():
        if not form.is_valid():
            raise ReviewError(form_error(form))
        blind.add_flag(review=review, unit=unit, **form.cleaned_data)

    return _answer(request, review, unit, act, "Flag added to your review.")


@require_POST
@htmx_sign_in
@login_required
def remove_flag(request: HttpRequest, pk: int, unit_pk: int, flag_pk: int) -> HttpResponse:
    review, unit = _unit_of(request, pk, unit_pk)
    flag = get_object_or_404(BlindFlag, pk=flag_pk, unit=unit, review=review)
    return _answer(
        request,
        review,
        unit,
        lambda: blind.remove_flag(review=review, flag=flag),
        "Flag removed from your review.",
    )


@require_POST
@htmx_sign_in
@login_required
def mark(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    review, unit = _unit_of(request, pk, unit_pk)
    reviewed = request.POST.get("reviewed") != "0"
    return _answer(
        request,
        review,
        unit,
        lambda: blind.mark_unit(review=review, unit=unit, reviewed=reviewed),
        "Marked reviewed." if reviewed else "Not marked reviewed any more.",
    )


@require_POST
@htmx_sign_in
@login_required
def hand_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor's review is done: it cannot be changed any more."""
    double_review = get_double_review(pk)
    review = require_blind_reviewer(request, double_review)
    try:
        blind.hand_in(review=review)
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your review is handed in.")
    return HttpResponseRedirect(blind_url(double_review))
