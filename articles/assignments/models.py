"""Assignments of comparisons to editors, and the approval stage's record.

Kept out of `Comparison` so that the stage and queue data live with the code that owns
them; each comparison has at most one assignment and one approval record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Priority(models.IntegerChoices):
    # Stored as numbers so that "by priority" is a plain descending order.
    LOW = 0, "Low"
    NORMAL = 1, "Normal"
    HIGH = 2, "High"
    URGENT = 3, "Urgent"


class Assignment(models.Model):
    """The editor a comparison is assigned to, with an optional due date and priority."""

    comparison = models.OneToOneField(
        "articles.Comparison", on_delete=models.CASCADE, related_name="assignment"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    due_date = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["assignee", "-priority", "due_date"])]

    def __str__(self) -> str:
        return f"Comparison {self.comparison_id} → {self.assignee}"


class Approval(models.Model):
    """The stages of one comparison: who reviewed it (marked it done) and when,
    who approved it and when. Cleared of its approval when staff reopen it; the audit
    trail keeps every earlier one."""

    comparison = models.OneToOneField(
        "articles.Comparison", on_delete=models.CASCADE, related_name="approval"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [
            ("approve_comparison", "Can approve reviewed comparisons or send them back"),
        ]

    def __str__(self) -> str:
        return f"Approval of comparison {self.comparison_id}"


class SendBack(models.Model):
    """An approver sent a comparison back to review, with a note for the reviewer."""

    comparison = models.ForeignKey(
        "articles.Comparison", on_delete=models.CASCADE, related_name="send_backs"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Comparison {self.comparison_id} sent back at {self.at:%Y-%m-%d %H:%M}"
