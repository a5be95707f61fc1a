"""The adjudication page: both blind reviews side by side, the disagreements to settle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from articles.review.errors import ReviewError
from articles.views.common import INVALID
from articles.views.signin import htmx_sign_in

from . import kappa
from .access import can_adjudicate, reviewer_ids
from .adjudication import SuggestionCall, adjudicate, calls_of
from .items import paired_items
from .models import DoubleReview
from .sheets import load_pairs
from .views import get_double_review


def _may_see(user, double_review: DoubleReview) -> bool:
    """The adjudicators; the two editors too once both handed in (not before: blind)."""
    if can_adjudicate(user, double_review):
        return True
    both_done = double_review.state != DoubleReview.State.OPEN
    return both_done and user.pk in reviewer_ids(double_review)


@require_http_methods(["GET", "POST"])
@htmx_sign_in
@login_required
def adjudication(request: HttpRequest, pk: int) -> HttpResponse:
    double_review = get_double_review(pk)
    if not _may_see(request.user, double_review):
        raise PermissionDenied(
            "Only staff or the adjudicator named see a double review before it is "
            "adjudicated; its two editors once both handed in their review."
        )
    may_decide = can_adjudicate(request.user, double_review)
    status, error = 200, ""
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied("Only staff or the adjudicator named adjudicate.")
        try:
            settled = adjudicate(user=request.user, double_review=double_review, data=request.POST)
        except ReviewError as refused:
            status, error = INVALID, str(refused)
        else:
            messages.success(
                request,
                f"Adjudicated: {settled} disagreement{'s' if settled != 1 else ''} settled; "
                "the final decisions are applied to the comparison.",
            )
            return HttpResponseRedirect(double_review.comparison.get_absolute_url())
    ready = double_review.state == DoubleReview.State.READY
    first, second = list(double_review.reviews.all())[:2]
    calls, figures = [], []
    if double_review.state != DoubleReview.State.OPEN:
        calls = calls_of(double_review)
        (pair,) = load_pairs([double_review])
        items = paired_items(
            pair.units, pair.suggestions, pair.sheets[first.pk], pair.sheets[second.pk]
        )
        figures = [
            ("Suggestions accepted or dismissed", kappa.agreement(items.suggestions)),
            ("Units flagged or not", kappa.agreement(items.units)),
            ("Flag categories", kappa.agreement(items.categories)),
        ]
    disagreements = [u for u in calls if u.disagreements]
    context = {
        "double_review": double_review,
        "comparison": double_review.comparison,
        "first": first,
        "second": second,
        "units": disagreements,
        "agreed_count": sum(1 for u in calls for c in (*u.suggestions, *u.own) if c.agreed),
        "disagreement_count": sum(len(u.disagreements) for u in calls),
        "figures": figures,
        "may_decide": may_decide and ready,
        "error": error,
        "posted": request.POST if request.method == "POST" else {},
        "suggestion_type": SuggestionCall,
    }
    return render(request, "agreement/adjudication.html", context, status=status)
