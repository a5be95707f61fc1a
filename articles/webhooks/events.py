"""What sends a webhook: signals on the rows every path already writes, so that the
web, the API, the admin and the commands all send the same events without each
calling us.

- comparison.analysed: a comparison saved with a new `analysed_at` (an import), or the
  audit event of a re-analysis;
- comparison.done: an audit event whose comparison status becomes done;
- flag.critical_confirmed: an audit event after which a flag is confirmed and critical
  and was not before (accepted, added, edited to critical, changed in the admin);
- comparison.approved: the audit event of an approval (articles.assignments.stages),
  with the approver and the reviewer.

Deliveries are stored in the transaction of the change that caused them and queued as
background jobs when it commits: a change rolled back sends nothing.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models.signals import post_save
from django.urls import reverse

from articles.webhooks.models import (
    COMPARISON_ANALYSED,
    COMPARISON_APPROVED,
    COMPARISON_DONE,
    CRITICAL_FLAG_CONFIRMED,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)

REANALYSE_ACTION = "comparison.reanalyse"  # articles.reanalysis.REANALYSE_ACTION
APPROVE_ACTION = "comparison.approve"  # articles.assignments.stages.APPROVE_ACTION


def connect() -> None:
    from articles.models import AuditEvent, Comparison

    post_save.connect(_comparison_saved, sender=Comparison, dispatch_uid="webhooks-comparison")
    post_save.connect(_audit_recorded, sender=AuditEvent, dispatch_uid="webhooks-audit")


def emit(event: str, data: dict) -> list[WebhookDelivery]:
    """Store one delivery per active endpoint subscribed to `event`, and queue them."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if event in e.events]
    if not endpoints:
        return []
    from articles.webhooks.delivery import queue_attempt

    deliveries = []
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=data)
        queue_attempt(delivery)
        deliveries.append(delivery)
    return deliveries


def _absolute(path: str) -> str:
    return settings.NEWSDRIFT_BASE_URL.rstrip("/") + path


def comparison_data(comparison) -> dict:
    return {
        "id": comparison.pk,
        "title": comparison.source.display_title,
        "status": comparison.status,
        "analysed_at": comparison.analysed_at.isoformat() if comparison.analysed_at else None,
        "web_url": _absolute(comparison.get_absolute_url()),
        "report_url": _absolute(reverse("api-1:report", args=[comparison.pk])),
    }


def _comparison_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if update_fields and "analysed_at" in update_fields and instance.analysed_at:
        emit(COMPARISON_ANALYSED, {"comparison": comparison_data(instance), "reanalysed": False})


def _audit_recorded(sender, instance, created, **kwargs) -> None:
    if not created:
        return
    before, after = instance.before or {}, instance.after or {}
    actor = instance.actor.get_username() if instance.actor_id else None
    if instance.action == REANALYSE_ACTION:
        emit(
            COMPARISON_ANALYSED,
            {"comparison": comparison_data(instance.comparison), "reanalysed": True},
        )
        return
    if instance.action == APPROVE_ACTION:
        reviewer = (after.get("approval") or {}).get("reviewer_id")
        emit(
            COMPARISON_APPROVED,
            {
                "comparison": comparison_data(instance.comparison),
                "actor": actor,
                "reviewer": _username(reviewer),
            },
        )
    status_after = (after.get("comparison") or {}).get("status")
    status_before = (before.get("comparison") or {}).get("status")
    if status_after == "done" and status_before != "done":
        emit(
            COMPARISON_DONE,
            {"comparison": comparison_data(instance.comparison), "actor": actor},
        )
    for flag_id, row in (after.get("flags") or {}).items():
        was = (before.get("flags") or {}).get(flag_id)
        if _critical_confirmed(row) and not _critical_confirmed(was):
            emit(
                CRITICAL_FLAG_CONFIRMED,
                {
                    "comparison": comparison_data(instance.comparison),
                    "flag": _flag_data(int(flag_id), row),
                    "actor": actor,
                },
            )


def _username(user_id: int | None) -> str | None:
    from django.contrib.auth import get_user_model

    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    return user.get_username() if user else None


def _critical_confirmed(row: dict | None) -> bool:
    return bool(row) and row.get("status") == "confirmed" and row.get("severity") == "critical"


def _flag_data(flag_id: int, row: dict) -> dict:
    from articles.models import Flag

    flag = Flag.objects.select_related("unit").filter(pk=flag_id).first()
    return {
        "id": flag_id,
        "category": row.get("category", ""),
        "severity": row.get("severity", ""),
        "unit_position": flag.unit.position if flag else None,
        "source_span": row.get("source_span", ""),
        "target_span": row.get("target_span", ""),
        "note": row.get("note", ""),
    }
