"""A blind double review: two editors review one comparison each on their own, their
decisions kept apart from the shared flags until an adjudicator makes them final.

A DoubleReview has two BlindReviews (one per editor). An editor's decisions are
BlindDecision rows (a suggestion accepted or dismissed), BlindFlag rows (their own
flags) and BlindUnit rows (a unit marked reviewed). Nothing here changes the real
flags or units: adjudication does, through the review's versioned operations.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models import CATEGORY_CHOICES, AlignmentUnit, Comparison, Flag, Severity


class DoubleReview(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Reviews under way"
        READY = "ready", "Both reviews done: to adjudicate"
        ADJUDICATED = "adjudicated", "Adjudicated"

    comparison = models.ForeignKey(
        Comparison, on_delete=models.CASCADE, related_name="double_reviews"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    # Optional: the one editor besides staff who may adjudicate (never one of the two).
    adjudicator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An editor who may adjudicate besides staff (not one of the two reviewers).",
    )
    # When the second review was handed in: the date the agreement page filters on.
    ready_at = models.DateTimeField(null=True, blank=True)
    adjudicated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adjudicated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One double review under way per comparison at a time.
            models.UniqueConstraint(
                fields=["comparison"],
                condition=~Q(state="adjudicated"),
                name="double_review_one_open_per_comparison",
            ),
        ]
        indexes = [models.Index(fields=["state", "ready_at"])]

    def __str__(self) -> str:
        return f"Double review {self.pk} of comparison {self.comparison_id}"


class BlindReview(models.Model):
    """One editor's side of a double review."""

    double_review = models.ForeignKey(
        DoubleReview, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blind_reviews"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["double_review", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["double_review", "reviewer"], name="blind_review_one_per_editor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} in {self.double_review}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class BlindDecision(models.Model):
    """An editor's decision about one of the analysis's suggestions."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", "Accepted"
        DISMISS = "dismiss", "Dismissed"

    review = models.ForeignKey(BlindReview, on_delete=models.CASCADE, related_name="decisions")
    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=8, choices=Decision.choices)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "flag"], name="blind_decision_one_per_flag"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} of flag {self.flag_id} in {self.review_id}"


class BlindFlag(models.Model):
    """A flag an editor added on their own in a blind review."""

    review = models.ForeignKey(BlindReview, on_delete=models.CASCADE, related_name="flags")
    unit = models.ForeignKey(AlignmentUnit, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=32, choices=CATEGORY_CHOICES)
    severity = models.CharField(max_length=16, choices=Severity.choices, default=Severity.MINOR)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "unit", "category"], name="blind_flag_one_per_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.severity}) on unit {self.unit_id}"


class BlindUnit(models.Model):
    """A unit an editor marked reviewed in a blind review."""

    review = models.ForeignKey(BlindReview, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(AlignmentUnit, on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "unit"], name="blind_unit_one_per_unit"),
        ]

    def __str__(self) -> str:
        return f"Unit {self.unit_id} reviewed in {self.review_id}"
