"""Asking for a blind double review and each editor's steps in it.

Every step writes an AuditEvent "double_review.*" on the comparison. These events name
no unit or flag and keep their details under a "double_review" key, so that a unit's
history (which every role reads) does not show one editor's blind decisions to the
other, and undo leaves them alone (articles.review.undo).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.analysis.categories import CATEGORY_CODES, SEVERITIES
from articles.models import AlignmentUnit, Comparison, Flag
from articles.review.audit import record
from articles.review.errors import ReviewError
from articles.roles import can_review

from .models import BlindDecision, BlindFlag, BlindReview, BlindUnit, DoubleReview


def _audit(double_review: DoubleReview, user, action: str, detail: dict, before=None) -> None:
    record(
        double_review.comparison,
        user,
        f"double_review.{action}",
        before={"double_review": before} if before is not None else None,
        after={"double_review": {"id": double_review.pk, **detail}},
    )


@transaction.atomic
def request_double_review(
    *, user, comparison: Comparison, first, second, adjudicator=None
) -> DoubleReview:
    """Two editors to review the comparison blind; `adjudicator` optional."""
    if first == second:
        raise ReviewError("second: choose two different editors.")
    for name, editor in (("first", first), ("second", second)):
        if not can_review(editor):
            raise ReviewError(f"{name}: {editor.get_username()} is not an editor.")
    if adjudicator is not None and adjudicator in (first, second):
        raise ReviewError("adjudicator: one of the two editors cannot adjudicate.")
    if adjudicator is not None and not can_review(adjudicator):
        raise ReviewError(f"adjudicator: {adjudicator.get_username()} is not an editor.")
    if (
        DoubleReview.objects.filter(comparison=comparison)
        .exclude(state=DoubleReview.State.ADJUDICATED)
        .exists()
    ):
        raise ReviewError("This comparison has a double review under way already.")
    try:
        with transaction.atomic():
            double_review = DoubleReview.objects.create(
                comparison=comparison, requested_by=user, adjudicator=adjudicator
            )
    except IntegrityError as error:  # asked for twice at the same moment
        raise ReviewError("This comparison has a double review under way already.") from error
    BlindReview.objects.bulk_create(
        [BlindReview(double_review=double_review, reviewer=e) for e in (first, second)]
    )
    _audit(
        double_review,
        user,
        "request",
        {
            "editors": [first.get_username(), second.get_username()],
            "adjudicator": adjudicator.get_username() if adjudicator else None,
        },
    )
    return double_review


@transaction.atomic
def withdraw_double_review(*, user, double_review: DoubleReview) -> dict:
    """Take back a double review still under way: asked of the wrong editors or for the
    wrong comparison, or one an editor will never hand in (until it is settled, the
    comparison cannot be re-analysed nor asked for another).

    Its two blind reviews go with it. Nothing of them reached the comparison (its flags
    and units are as they were) nor the agreement figures, which count a double review
    once both have handed in. One both have handed in is not withdrawn: staff who review
    may adjudicate it, and its two reviews are part of the figures. The audit event
    `double_review.withdraw` keeps who asked and when, and for each editor whether they
    had handed in and how many decisions, flags and reviewed units they had made.
    Returns that record."""
    # Locked, so that a hand-in at the same moment waits and then finds it gone (no
    # join: PostgreSQL locks no row of a nullable join's side).
    locked = DoubleReview.objects.select_for_update().filter(pk=double_review.pk).first()
    if locked is None:
        raise ReviewError("This double review was withdrawn already.")
    if locked.state == DoubleReview.State.ADJUDICATED:
        raise ReviewError(
            "This double review is adjudicated: its decisions are the comparison's flags "
            "now, so it stays."
        )
    if locked.state == DoubleReview.State.READY:
        raise ReviewError(
            "Both editors have handed in: adjudicate this double review rather than "
            "withdraw it (their reviews count in the agreement figures)."
        )
    reviews = BlindReview.objects.filter(double_review=locked).select_related("reviewer")
    detail = {
        "requested_by": locked.requested_by.get_username() if locked.requested_by else None,
        "requested_at": locked.requested_at.isoformat(),
        # Counted one relation at a time: three counts in one query would join every
        # decision with every flag and every unit of the review.
        "editors": [
            {
                "editor": review.reviewer.get_username(),
                "handed_in": review.done_at is not None,
                "decisions": review.decisions.count(),
                "flags": review.flags.count(),
                "units_reviewed": review.units.count(),
            }
            for review in reviews.order_by("id")
        ],
    }
    _audit(locked, user, "withdraw", detail)
    locked.delete()
    return detail


def _open(review: BlindReview) -> None:
    """Refuse a step on a review handed in, or on a double review withdrawn since the
    page was read. The double review's row is locked first, as the withdrawal locks it:
    a step sent at the moment of a withdrawal waits for it and is refused here rather
    than writing a row of a review that is gone."""
    if review.is_done:
        raise ReviewError("You handed in this review: it cannot be changed any more.")
    if not DoubleReview.objects.select_for_update().filter(pk=review.double_review_id).exists():
        raise ReviewError("This double review was withdrawn: your blind review is discarded.")


def _suggestion(review: BlindReview, unit: AlignmentUnit, flag: Flag) -> None:
    if flag.unit_id != unit.pk or flag.origin != Flag.Origin.AUTO:
        raise ReviewError(f"Flag {flag.pk} is not a suggestion on unit {unit.number}.")


@transaction.atomic
def decide(*, review: BlindReview, unit: AlignmentUnit, flag: Flag, decision: str) -> None:
    """Accept or dismiss one suggestion, in this editor's review only."""
    _open(review)
    _suggestion(review, unit, flag)
    if decision not in BlindDecision.Decision.values:
        raise ReviewError(f"decision: “{decision}” is not accept or dismiss")
    previous = BlindDecision.objects.filter(review=review, flag=flag).first()
    if previous and previous.decision == decision:
        return
    BlindDecision.objects.update_or_create(
        review=review, flag=flag, defaults={"decision": decision, "decided_at": timezone.now()}
    )
    _audit(
        review.double_review,
        review.reviewer,
        "decide",
        {"unit": unit.pk, "flag": flag.pk, "decision": decision},
        before={"flag": flag.pk, "decision": previous.decision} if previous else None,
    )


def _validate(category: str, severity: str) -> None:
    if category not in CATEGORY_CODES:
        raise ReviewError(f"category: “{category}” is not a known category")
    if severity not in SEVERITIES:
        raise ReviewError(f"severity: “{severity}” is not minor, major or critical")


@transaction.atomic
def add_flag(
    *, review: BlindReview, unit: AlignmentUnit, category: str, severity: str, note: str = ""
) -> BlindFlag:
    """An editor's own flag on a unit (one per category and unit)."""
    _open(review)
    _validate(category, severity)
    if BlindFlag.objects.filter(review=review, unit=unit, category=category).exists():
        raise ReviewError("category: you flagged this unit with this category already.")
    flag = BlindFlag.objects.create(
        review=review, unit=unit, category=category, severity=severity, note=note.strip()
    )
    _audit(
        review.double_review,
        review.reviewer,
        "flag",
        {"unit": unit.pk, "category": category, "severity": severity, "note": flag.note},
    )
    return flag


@transaction.atomic
def remove_flag(*, review: BlindReview, flag: BlindFlag) -> None:
    _open(review)
    if flag.review_id != review.pk:
        raise ReviewError("This flag is not yours.")
    detail = {"unit": flag.unit_id, "category": flag.category, "severity": flag.severity}
    flag.delete()
    _audit(review.double_review, review.reviewer, "unflag", {"removed": True}, before=detail)


@transaction.atomic
def mark_unit(*, review: BlindReview, unit: AlignmentUnit, reviewed: bool) -> None:
    """Mark a unit reviewed (every suggestion on it decided first), or not any more."""
    _open(review)
    if reviewed:
        undecided = (
            unit.flags.filter(origin=Flag.Origin.AUTO)
            .exclude(pk__in=BlindDecision.objects.filter(review=review).values("flag_id"))
            .count()
        )
        if undecided:
            raise ReviewError(
                f"Unit {unit.number}: decide its {undecided} suggestion"
                f"{'s' if undecided != 1 else ''} first."
            )
        _, created = BlindUnit.objects.get_or_create(review=review, unit=unit)
    else:
        created = BlindUnit.objects.filter(review=review, unit=unit).delete()[0] > 0
    if created:
        _audit(
            review.double_review,
            review.reviewer,
            "mark",
            {"unit": unit.pk, "reviewed": reviewed},
        )


@transaction.atomic
def hand_in(*, review: BlindReview) -> None:
    """The editor's review is done: refused while a unit is not marked reviewed. Once
    both are handed in, the double review waits for its adjudicator."""
    _open(review)
    double_review = DoubleReview.objects.get(pk=review.double_review_id)  # locked by _open
    review.double_review = double_review
    left = (
        double_review.comparison.units.exclude(
            pk__in=BlindUnit.objects.filter(review=review).values("unit_id")
        )
        .order_by("position")
        .values_list("position", flat=True)
    )
    left = list(left)
    if left:
        numbers = ", ".join(str(p + 1) for p in left[:10]) + ("…" if len(left) > 10 else "")
        raise ReviewError(
            f"Not done: {len(left)} unit{'s are' if len(left) != 1 else ' is'} not marked "
            f"reviewed ({numbers})."
        )
    now = timezone.now()
    review.done_at = now
    review.save(update_fields=["done_at"])
    others_done = double_review.reviews.exclude(pk=review.pk).filter(done_at__isnull=False)
    both = others_done.exists()
    if both:
        double_review.state = DoubleReview.State.READY
        double_review.ready_at = now
        double_review.save(update_fields=["state", "ready_at"])
    _audit(double_review, review.reviewer, "done", {"both_done": both})
