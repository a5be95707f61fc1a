"""Who may do what in a double review (the roles themselves are in articles.roles).

* Staff who review ask for a double review and read the agreement page.
* Only the two editors chosen open the blind review, each their own side.
* The adjudicator is a staff member who reviews, or the editor named when the double
  review was asked for, and never one of its two editors: an editor does not settle a
  disagreement they are a party to.
"""

from __future__ import annotations

from articles.roles import can_review, can_view

from .models import BlindReview, DoubleReview


def can_request(user) -> bool:
    return can_review(user) and user.is_staff


def can_see_agreement(user) -> bool:
    return can_view(user) and user.is_staff


def reviewer_ids(double_review: DoubleReview) -> set[int]:
    return {r.reviewer_id for r in double_review.reviews.all()}


def blind_review_of(double_review: DoubleReview, user) -> BlindReview | None:
    """The user's side of the double review, or None when they are not one of the two."""
    if not can_review(user):
        return None
    return next((r for r in double_review.reviews.all() if r.reviewer_id == user.pk), None)


def can_adjudicate(user, double_review: DoubleReview) -> bool:
    if not can_review(user) or user.pk in reviewer_ids(double_review):
        return False
    return user.is_staff or user.pk == double_review.adjudicator_id
