"""One person's notifications: the unread count of the header, marking them read."""

from __future__ import annotations

from functools import cached_property

from django.utils import timezone

from articles.discussion.models import Notification
from articles.roles import can_view


class Inbox:
    """The signed-in user's notifications; `unread` is counted once, when first read
    (a page without the header, or an htmx partial, makes no query)."""

    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def shown(self) -> bool:
        return can_view(self.user)

    @cached_property
    def unread(self) -> int:
        if not self.shown:
            return 0
        return unread_of(self.user).count()


def unread_of(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def mark_read(user, notification_id: int | None = None) -> int:
    """Mark one of `user`'s notifications read (or all of them): how many changed."""
    rows = unread_of(user)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())
