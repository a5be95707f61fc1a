"""Comments as threads on screen: one query for a unit's (or a comparison's) comments
and their authors, however many there are.

A thread is a comment and every reply below it, oldest first; a reply to a reply
stays in its thread and says whom it answers, so threads never indent past one level
(they stay readable on a phone).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from articles.discussion import mentions
from articles.discussion.comments import may_change
from articles.discussion.models import Comment
from articles.models import AlignmentUnit, Comparison
from newsdrift.prepared_queries import prepared
from newsdrift.url_reversal import reverse_ids


@dataclass(frozen=True, slots=True)
class ShownComment:
    comment: Comment
    html: SafeString  # the escaped text with its mentions as links
    author: str
    can_change: bool
    replying_to: str | None  # the author answered, when not the thread's first comment


@dataclass(slots=True)
class Thread:
    root: ShownComment
    replies: list[ShownComment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Discussion:
    comparison: Comparison
    unit: AlignmentUnit | None
    threads: list[Thread]

    @property
    def count(self) -> int:
        return sum(1 + len(t.replies) for t in self.threads)

    @property
    def place(self) -> str:
        """The id of the section on the page (one per unit, one for the comparison)."""
        return f"comments-unit-{self.unit.pk}" if self.unit else "comments-comparison"

    @property
    def add_url(self) -> str:
        return reverse_ids("articles:comment_add", [self.comparison.pk])


def person_link(comparison: Comparison):
    """Where a mention leads: the comparison's timeline, showing that person's doings."""
    base = reverse_ids("articles:timeline", [comparison.pk])
    return lambda name: f"{base}?{urlencode({'person': name})}"


def _author(comment: Comment) -> str:
    return comment.author.get_username() if comment.author else "an account since removed"


@prepared
def _comments_on_unit(comparison_pk: int, unit_pk: int):
    # The step view's query: its SQL built once (newsdrift.prepared_queries).
    return (
        Comment.objects.filter(comparison_id=comparison_pk, unit_id=unit_pk)
        .select_related("author")
        .order_by("created_at", "id")
    )


def discussion_of(comparison: Comparison, user, unit: AlignmentUnit | None = None) -> Discussion:
    """The comments on `unit`, or on the comparison itself when `unit` is None."""
    if unit is not None:
        comments = list(_comments_on_unit(comparison.pk, unit.pk))
    else:
        rows = Comment.objects.filter(comparison=comparison, unit__isnull=True)
        comments = list(rows.select_related("author").order_by("created_at", "id"))
    link = person_link(comparison)
    now = timezone.now()
    by_id = {c.pk: c for c in comments}
    roots: dict[int, Thread] = {}
    threads: list[Thread] = []
    for comment in comments:
        top = comment
        while top.parent_id is not None and top.parent_id in by_id:
            top = by_id[top.parent_id]
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        shown = ShownComment(
            comment=comment,
            html=mentions.render(comment.body, comment.mentions, link),
            author=_author(comment),
            can_change=may_change(user, comment, now),
            replying_to=_author(parent) if parent is not None and parent is not top else None,
        )
        if top is comment:
            roots[comment.pk] = Thread(shown)
            threads.append(roots[comment.pk])
        else:
            roots[top.pk].replies.append(shown)
    return Discussion(comparison, unit, threads)
