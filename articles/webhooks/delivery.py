"""Sending a delivery: one attempt is one background job (kind `webhook`).

An attempt POSTs the signed JSON to the endpoint. A 2xx answer delivers it. Anything
else (another status, a timeout, a refused connection) records the status and error
and, while attempts are left (NEWSDRIFT_WEBHOOK_ATTEMPTS), queues the next attempt
after a delay that doubles each time (NEWSDRIFT_WEBHOOK_BACKOFF_SECONDS, then twice
that, …). An address refused by the guard (articles/webhooks/addresses.py) fails at
once: trying again would not change the answer. The admin's "send again" queues a
fresh attempt of any delivery.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from articles.jobs.kinds import Finish, Outcome, register
from articles.models import Job, JobItem
from articles.webhooks.addresses import AddressRefused, resolve
from articles.webhooks.models import WebhookDelivery
from articles.webhooks.signing import HEADER, sign

USER_AGENT = "newsdrift-webhooks/1"
MAX_ERROR_BODY = 300  # characters of a refusing receiver's answer kept as the error


def max_attempts() -> int:
    return max(1, int(getattr(settings, "NEWSDRIFT_WEBHOOK_ATTEMPTS", 6)))


def backoff(attempts_made: int) -> timedelta:
    """The wait before the next attempt, after `attempts_made` failed ones."""
    base = float(getattr(settings, "NEWSDRIFT_WEBHOOK_BACKOFF_SECONDS", 30))
    return timedelta(seconds=base * 2 ** max(0, attempts_made - 1))


def timeout() -> float:
    return float(getattr(settings, "NEWSDRIFT_WEBHOOK_TIMEOUT_SECONDS", 10))


def queue_attempt(delivery: WebhookDelivery, *, delay: timedelta | None = None) -> Job:
    """Queue an attempt of `delivery` (now, or after `delay`) as a job."""
    from articles.jobs.submit import submit

    run_after = timezone.now() + delay if delay else None
    return submit(
        Job.Kind.WEBHOOK,
        title=f"Webhook {delivery.event} to {delivery.endpoint.name}"[:300],
        items=[(f"delivery {delivery.pk}", {"delivery": delivery.pk})],
        run_after=run_after,
    )


def body_of(delivery: WebhookDelivery) -> bytes:
    """The JSON sent: the same bytes on every attempt (the signature covers them)."""
    envelope = {
        "id": str(delivery.delivery_id),
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Pinned:
    """Connections made to the address the guard checked, not to a fresh lookup."""

    class HTTP(http.client.HTTPConnection):
        def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
            super().__init__(host, port, timeout=timeout)
            self.address = address

        def connect(self) -> None:
            self.sock = socket.create_connection((self.address, self.port), self.timeout)

    class HTTPS(http.client.HTTPSConnection):
        def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
            super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
            self.address = address

        def connect(self) -> None:
            sock = socket.create_connection((self.address, self.port), self.timeout)
            self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """POST `body` to `url` (guarded); the status and the start of the answer."""
    address, port = resolve(url)
    parts = urlsplit(url)
    kind = _Pinned.HTTPS if parts.scheme == "https" else _Pinned.HTTP
    connection = kind(parts.hostname or "", address, port, timeout())
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read(MAX_ERROR_BODY * 4).decode("utf-8", "replace")
        return response.status, answer
    finally:
        connection.close()


def attempt(delivery_id: int) -> Outcome:
    """One attempt of a delivery; records it on the delivery and says what happened."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:
        return Outcome(JobItem.Outcome.FAILED, f"delivery {delivery_id}: no longer exists")
    if delivery.state == WebhookDelivery.State.DELIVERED:
        return Outcome(JobItem.Outcome.DELIVERED, f"delivery {delivery_id}: delivered already")
    endpoint = delivery.endpoint
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Newsdrift-Event": delivery.event,
        "Newsdrift-Delivery": str(delivery.delivery_id),
        HEADER: sign(endpoint.secret, body),
    }
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.next_attempt_at = None
    retry = True
    status = None
    try:
        status, answer = post(endpoint.url, body, headers)
        error = "" if 200 <= status < 300 else f"HTTP {status}: {' '.join(answer.split())}"
    except AddressRefused as refused:
        error, retry = str(refused), False
    except (OSError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}" if str(failure) else type(failure).__name__
    delivery.last_status = status
    delivery.last_error = error[:MAX_ERROR_BODY]
    label = f"{delivery.event} to {endpoint.name}, attempt {delivery.attempts}"
    if not error:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.delivered_at = now
        delivery.save()
        return Outcome(JobItem.Outcome.DELIVERED, f"{label}: delivered (HTTP {status})")
    if retry and delivery.attempts < max_attempts():
        wait = backoff(delivery.attempts)
        delivery.state = WebhookDelivery.State.RETRYING
        delivery.next_attempt_at = now + wait
        delivery.save()
        queue_attempt(delivery, delay=wait)
        return Outcome(
            JobItem.Outcome.FAILED,
            f"{label}: {delivery.last_error}; tried again in {wait.total_seconds():g} s",
        )
    delivery.state = WebhookDelivery.State.FAILED
    delivery.save()
    return Outcome(JobItem.Outcome.FAILED, f"{label}: {delivery.last_error}; no attempts left")


def send_again(delivery: WebhookDelivery) -> Job:
    """The admin's "send again": a new attempt now, whatever became of the others."""
    delivery.state = WebhookDelivery.State.PENDING
    delivery.next_attempt_at = None
    delivery.save(update_fields=["state", "next_attempt_at"])
    return queue_attempt(delivery)


@register(Job.Kind.WEBHOOK)
def deliver_item(job: Job, item: JobItem, finish: Finish) -> Outcome:
    return attempt(int(item.payload["delivery"]))
