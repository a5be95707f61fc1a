"""Comments and notifications (imported at the end of articles/models.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Comment(models.Model):
    """A comment on a comparison, or on one of its units; a reply names its parent.

    A deleted comment keeps its row (emptied, with `deleted_at`) so that the replies
    under it keep their place in the thread; its text stays in the audit trail.
    """

    comparison = models.ForeignKey(
        "articles.Comparison", on_delete=models.CASCADE, related_name="comments"
    )
    # A unit removed by a merge leaves its comments on the comparison, not lost.
    unit = models.ForeignKey(
        "articles.AlignmentUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    # The user names the body's @mentions resolved to when it was last saved (accounts
    # that may see the comparison); shown as links, the other @words as plain text.
    mentions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["comparison", "unit", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on comparison {self.comparison_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Notification(models.Model):
    """Something one person should see: a mention, a reply, an assignment."""

    class Kind(models.TextChoices):
        MENTION = "mention", "Mentioned you"
        REPLY = "reply", "Replied to you"
        ASSIGNED = "assigned", "Assigned to you"
        OTHER = "other", "Other"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    comparison = models.ForeignKey(
        "articles.Comparison", on_delete=models.CASCADE, related_name="notifications"
    )
    unit = models.ForeignKey(
        "articles.AlignmentUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
