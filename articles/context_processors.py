from django.http import HttpRequest

from articles.discussion.inbox import Inbox
from articles.roles import (
    can_approve,
    can_close_with_open,
    can_comment,
    can_import,
    can_review,
    can_see_analytics,
    can_view,
)


def roles(request: HttpRequest) -> dict[str, object]:
    """What the signed-in user may do, for templates to show or hide actions. A page
    about one comparison may narrow `can_review` to what its stage allows
    (articles.assignments.stages); the header's role badge reads the `role_` ones."""
    user = getattr(request, "user", None)
    return {
        "role_can_review": can_review(user),
        "role_can_approve": can_approve(user),
        "can_view": can_view(user),
        "can_review": can_review(user),
        "can_import": can_import(user),
        "can_close_with_open": can_close_with_open(user),
        "can_see_analytics": can_see_analytics(user),
        "can_comment": can_comment(user),
        # The header's unread count: counted only when a page shows the header.
        "inbox": Inbox(user),
    }
