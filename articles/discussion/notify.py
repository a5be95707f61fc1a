"""Sending a notification: the one entry point for every feature that tells someone
about something (a mention, a reply, an assignment).

    from articles.discussion.notify import notify

    notify(
        editor,                     # the recipient (a User)
        "assigned",                 # a Notification.Kind: mention, reply, assigned, other
        comparison=comparison,      # what it is about (its page is where the notification leads)
        text=f"{staff} assigned #{comparison.pk} to you, due {due:%d %b}",
        actor=staff,                # who caused it (None for the system)
        unit=None,                  # optional: the unit it is about (the link opens its step view)
        comment=None,               # optional: the comment it is about
    )

It returns the Notification, or None when nothing is sent: to the actor themselves,
or to an inactive account. Call it inside the transaction of the change it reports:
the row is written with it, and the email (only with NEWSDRIFT_NOTIFY_EMAIL=1 and an
address on the account) goes out only once that transaction commits, so a change
rolled back never mails anyone. The recipient sees it at /notifications/ and in the
unread count of every page's header.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from articles.discussion.models import Notification

log = logging.getLogger(__name__)

TEXT_LENGTH = Notification._meta.get_field("text").max_length


def notify(
    recipient,
    kind: str,
    *,
    comparison,
    text: str,
    actor,
    unit=None,
    comment=None,
) -> Notification | None:
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and recipient.pk == actor.pk:
        return None
    if kind not in Notification.Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if len(text) > TEXT_LENGTH:
        text = text[: TEXT_LENGTH - 1] + "…"
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        comparison=comparison,
        unit=unit,
        comment=comment,
        actor=actor,
        text=text,
    )
    if settings.NEWSDRIFT_NOTIFY_EMAIL and recipient.email:
        transaction.on_commit(lambda: _email(notification, recipient.email))
    return notification


def _email(notification: Notification, address: str) -> None:
    """Mail one notification; a mail server that fails is logged, never raised (the
    notification is in the app either way)."""
    link = settings.NEWSDRIFT_BASE_URL.rstrip("/") + notification.comparison.get_absolute_url()
    try:
        send_mail(
            subject=f"newsdrift: {notification.get_kind_display().lower()}",
            message=f"{notification.text}\n\n{link}\n",
            from_email=None,
            recipient_list=[address],
        )
    except Exception:  # noqa: BLE001 - a mail outage must not break the request
        log.exception("notification %s: the email could not be sent", notification.pk)
