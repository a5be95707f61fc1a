"""The double review on the comparison overview, and the agreement figures as text."""

from __future__ import annotations

from django import template

from articles.agreement import access
from articles.agreement.forms import RequestForm
from articles.agreement.kappa import Agreement
from articles.agreement.models import DoubleReview
from articles.models import Comparison

register = template.Library()


@register.inclusion_tag("agreement/_overview_card.html", takes_context=True)
def double_review_card(context, comparison: Comparison) -> dict:
    """The double review under way (or the last one) and, for staff, the form that asks
    for one: two queries, and one more for the form's editors."""
    user = context["user"]
    current = (
        DoubleReview.objects.filter(comparison=comparison)
        .select_related("adjudicator", "adjudicated_by")
        .prefetch_related("reviews__reviewer")
        .order_by("-requested_at", "-id")
        .first()
    )
    under_way = current is not None and current.state != DoubleReview.State.ADJUDICATED
    mine = access.blind_review_of(current, user) if current else None
    return {
        "comparison": comparison,
        "double_review": current,
        "under_way": under_way,
        "mine": mine,
        "may_adjudicate": bool(current and access.can_adjudicate(user, current)),
        "form": RequestForm() if access.can_request(user) and not under_way else None,
        # Withdrawn while both have not handed in (articles.agreement.blind).
        "may_withdraw": bool(
            current and current.state == DoubleReview.State.OPEN and access.can_request(user)
        ),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


@register.filter
def kappa_text(result: Agreement) -> str:
    """κ to two decimals; "n/a" when undefined (every item one same label), "—" with
    no items."""
    if result.kappa_undefined:
        return "n/a"
    return "—" if result.kappa is None else f"{result.kappa:.2f}"
