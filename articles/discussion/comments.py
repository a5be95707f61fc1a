"""Writing comments: add, edit and delete, each audited, each notifying who it names.

Every operation runs in one transaction with its AuditEvent ("comment.added",
"comment.edited", "comment.deleted", whose `before`/`after` hold the comment's row)
and its notifications. The author may edit or delete a comment for
NEWSDRIFT_COMMENT_EDIT_MINUTES after writing it; after that it stands as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.discussion import mentions
from articles.discussion.models import Comment, Notification
from articles.discussion.notify import notify
from articles.models import AlignmentUnit, AuditEvent, Comparison
from articles.roles import can_comment

MAX_LENGTH = 5000
EXCERPT = 120


class CommentRefused(Exception):
    """A comment that cannot be written as asked; the message says why, for people."""


@dataclass(frozen=True, slots=True)
class Saved:
    comment: Comment
    notified: list  # the accounts told about it


def edit_window() -> timedelta:
    return timedelta(minutes=settings.NEWSDRIFT_COMMENT_EDIT_MINUTES)


def may_change(user, comment: Comment, now=None) -> bool:
    """Its author, still allowed to comment, within the edit window, while not deleted."""
    now = now or timezone.now()
    return (
        comment.author_id is not None
        and comment.author_id == getattr(user, "pk", None)
        and not comment.is_deleted
        and can_comment(user)
        and now - comment.created_at <= edit_window()
    )


def clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise CommentRefused("Write something first: the comment is empty.")
    if len(body) > MAX_LENGTH:
        raise CommentRefused(f"A comment holds at most {MAX_LENGTH} characters ({len(body)}).")
    if "\x00" in body:
        raise CommentRefused("The comment holds a NUL character.")
    return body


def row(comment: Comment) -> dict[str, Any]:
    """The comment as the audit trail keeps it."""
    return {
        "id": comment.pk,
        "unit_id": comment.unit_id,
        "parent_id": comment.parent_id,
        "author_id": comment.author_id,
        "body": comment.body,
        "mentions": list(comment.mentions),
        "created_at": comment.created_at.isoformat(),
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        "deleted_at": comment.deleted_at.isoformat() if comment.deleted_at else None,
    }


def _audit(comment: Comment, actor, action: str, before, after) -> None:
    AuditEvent.objects.create(
        comparison_id=comment.comparison_id,
        unit_id=comment.unit_id,
        actor=actor,
        action=action,
        before={"comment": before} if before is not None else None,
        after={"comment": after} if after is not None else None,
    )


def excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def _where(comparison: Comparison, unit: AlignmentUnit | None) -> str:
    place = f"#{comparison.pk} {comparison.source.display_title}"
    return f"unit {unit.number} of {place}" if unit else place


def _notify_people(comment: Comment, author, mentioned: list, *, already: set[int]) -> list:
    """Tell each newly mentioned account, and the author of the comment replied to."""
    told = []
    where = _where(comment.comparison, comment.unit)
    for user in mentioned:
        if user.pk in already:
            continue
        text = f"{author.get_username()} mentioned you on {where}: “{excerpt(comment.body)}”"
        sent = notify(
            user,
            Notification.Kind.MENTION,
            comparison=comment.comparison,
            text=text,
            actor=author,
            unit=comment.unit,
            comment=comment,
        )
        if sent:
            told.append(user)
            already.add(user.pk)
    parent = comment.parent
    if parent is not None and parent.author is not None and parent.author_id not in already:
        text = f"{author.get_username()} replied to you on {where}: “{excerpt(comment.body)}”"
        if notify(
            parent.author,
            Notification.Kind.REPLY,
            comparison=comment.comparison,
            text=text,
            actor=author,
            unit=comment.unit,
            comment=comment,
        ):
            told.append(parent.author)
    return told


@transaction.atomic
def add_comment(
    *,
    user,
    comparison: Comparison,
    body: str,
    unit: AlignmentUnit | None = None,
    parent: Comment | None = None,
) -> Saved:
    """A new comment (a reply when `parent` is given: it joins the parent's place)."""
    body = clean_body(body)
    if parent is not None:
        if parent.comparison_id != comparison.pk:
            raise CommentRefused("That comment belongs to another comparison.")
        if parent.is_deleted:
            raise CommentRefused("That comment was deleted; reply to the thread instead.")
        unit = parent.unit  # a reply is where its parent is
    mentioned = mentions.resolve(body)
    comment = Comment.objects.create(
        comparison=comparison,
        unit=unit,
        parent=parent,
        author=user,
        body=body,
        mentions=[u.get_username() for u in mentioned],
    )
    comment.comparison = comparison
    _audit(comment, user, "comment.added", None, row(comment))
    told = _notify_people(comment, user, mentioned, already={user.pk})
    return Saved(comment, told)


@transaction.atomic
def edit_comment(*, user, comment: Comment, body: str) -> Saved:
    """The author's correction, within the edit window; newly mentioned people are told
    (those mentioned before are not told twice)."""
    comment = (
        Comment.objects.select_for_update().select_related("comparison__source").get(pk=comment.pk)
    )
    if not may_change(user, comment):
        raise CommentRefused(_why_not(user, comment))
    body = clean_body(body)
    before = row(comment)
    mentioned = mentions.resolve(body)
    earlier = set(comment.mentions)
    comment.body = body
    comment.mentions = [u.get_username() for u in mentioned]
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "mentions", "edited_at"])
    _audit(comment, user, "comment.edited", before, row(comment))
    new = [u for u in mentioned if u.get_username() not in earlier]
    # A reply's parent author was told when the reply was written.
    comment.parent = None
    return Saved(comment, _notify_people(comment, user, new, already={user.pk}))


@transaction.atomic
def delete_comment(*, user, comment: Comment) -> Comment:
    """Empty the comment (its replies stay); its text stays in the audit event."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not may_change(user, comment):
        raise CommentRefused(_why_not(user, comment))
    before = row(comment)
    comment.body = ""
    comment.mentions = []
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["body", "mentions", "deleted_at"])
    _audit(comment, user, "comment.deleted", before, row(comment))
    return comment


def _why_not(user, comment: Comment) -> str:
    if comment.is_deleted:
        return "That comment was deleted."
    if comment.author_id != getattr(user, "pk", None):
        return "Only its author may change a comment."
    if not can_comment(user):
        return "Your role may not write comments."
    minutes = settings.NEWSDRIFT_COMMENT_EDIT_MINUTES
    return f"A comment can be changed only in the {minutes} minutes after it was written."
