"""Webhook endpoints (registered by staff in the admin) and their deliveries."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

COMPARISON_ANALYSED = "comparison.analysed"
COMPARISON_DONE = "comparison.done"
CRITICAL_FLAG_CONFIRMED = "flag.critical_confirmed"
# Reserved for the approval stage, which does not exist yet: an endpoint may subscribe
# to it, and nothing sends it until the stage is built.
COMPARISON_APPROVED = "comparison.approved"

EVENTS = {
    COMPARISON_ANALYSED: "A comparison was analysed (imported, or re-analysed)",
    COMPARISON_DONE: "A comparison was marked done",
    CRITICAL_FLAG_CONFIRMED: "A critical flag was confirmed",
    COMPARISON_APPROVED: "An approver approved a comparison",
}


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=100, help_text="Who receives it (“the CMS”).")
    url = models.URLField(max_length=1000, help_text="Where the JSON is POSTed (http or https).")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Signs every delivery (the Newsdrift-Signature header): give it to the "
        "receiver, which checks the signature with it.",
    )
    events = models.JSONField(default=list, help_text="The events sent to this endpoint.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "articles"
        ordering = ["name", "id"]
        verbose_name = "webhook endpoint"

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        RETRYING = "retrying", "Failed; will be tried again"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (no attempts left)"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=64)
    # The receiver's idempotency key: the same delivery sent again has the same id.
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payload = models.JSONField(help_text="The JSON body sent, without the envelope's time.")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The receiver's last HTTP status."
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "articles"
        ordering = ["-created_at", "-id"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["endpoint", "-created_at"]), models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint} ({self.get_state_display()})"
