"""Comment actions (add, edit, delete) and the notification pages.

The comment actions answer htmx with the fresh comment section they came from (the
unit's on the step view, the comparison's on the overview) and a plain form with a
redirect back to that section; a refused comment answers 422 with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from articles.discussion.comments import (
    CommentRefused,
    add_comment,
    delete_comment,
    edit_comment,
)
from articles.discussion.inbox import Inbox, mark_read
from articles.discussion.models import Comment, Notification
from articles.discussion.threads import discussion_of
from articles.models import AlignmentUnit, Comparison
from articles.roles import can_comment
from articles.views.common import INVALID, get_comparison, require_viewer, step_url
from articles.views.signin import htmx_sign_in
from newsdrift.whole_numbers import whole_number

NOTIFICATIONS_PER_PAGE = 50


def require_commenter(request: HttpRequest) -> None:
    if not can_comment(request.user):
        raise PermissionDenied("Your role may read the discussion but not write in it.")


def _id_param(request: HttpRequest, name: str) -> int | None:
    """An optional id field of the posted form (a bad one is the caller's 400)."""
    value = request.POST.get(name, "").strip()
    if not value:
        return None
    number = whole_number(value, max_digits=18)
    if number is None:
        raise ValueError(f"{name}: not an id ({value[:30]!r})")
    return number


def _section(
    request: HttpRequest,
    comparison: Comparison,
    unit: AlignmentUnit | None,
    *,
    notice: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The comment section as htmx swaps it in, or a redirect back to it."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif notice:
            messages.success(request, notice)
        if unit is not None:
            return HttpResponseRedirect(step_url(comparison, unit.position) + "#comments")
        return HttpResponseRedirect(comparison.get_absolute_url() + "#discussion")
    context = {
        "comparison": comparison,
        "discussion": discussion_of(comparison, request.user, unit),
        "comment_notice": notice,
        "comment_error": error,
    }
    return render(request, "articles/_comments.html", context, status=status)


def _comment_of(comparison: Comparison, comment_pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("unit", "author"), pk=comment_pk, comparison=comparison
    )
    comment.comparison = comparison
    if comment.unit is not None:
        comment.unit.comparison = comparison
    return comment


@require_POST
@htmx_sign_in
@login_required
def add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new comment: `body`, and `unit` (a unit's id) or `parent` (a comment's id)."""
    require_commenter(request)
    comparison = get_comparison(pk)
    try:
        unit_id, parent_id = _id_param(request, "unit"), _id_param(request, "parent")
    except ValueError as error:
        return HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")
    unit = get_object_or_404(AlignmentUnit, pk=unit_id, comparison=comparison) if unit_id else None
    parent = _comment_of(comparison, parent_id) if parent_id else None
    if unit is not None:
        unit.comparison = comparison
    try:
        saved = add_comment(
            user=request.user,
            comparison=comparison,
            body=request.POST.get("body", ""),
            unit=unit,
            parent=parent,
        )
    except CommentRefused as refused:
        place = parent.unit if parent is not None else unit
        return _section(request, comparison, place, error=str(refused), status=INVALID)
    told = ", ".join(u.get_username() for u in saved.notified)
    notice = "Comment added" + (f"; {told} notified." if told else ".")
    return _section(request, comparison, saved.comment.unit, notice=notice)


@require_POST
@htmx_sign_in
@login_required
def edit(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    require_commenter(request)
    comparison = get_comparison(pk)
    comment = _comment_of(comparison, comment_pk)
    try:
        edit_comment(user=request.user, comment=comment, body=request.POST.get("body", ""))
    except CommentRefused as refused:
        if comment.author_id != request.user.pk:
            raise PermissionDenied(str(refused)) from refused
        return _section(request, comparison, comment.unit, error=str(refused), status=INVALID)
    return _section(request, comparison, comment.unit, notice="Comment edited.")


@require_POST
@htmx_sign_in
@login_required
def delete(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    require_commenter(request)
    comparison = get_comparison(pk)
    comment = _comment_of(comparison, comment_pk)
    try:
        delete_comment(user=request.user, comment=comment)
    except CommentRefused as refused:
        if comment.author_id != request.user.pk:
            raise PermissionDenied(str(refused)) from refused
        return _section(request, comparison, comment.unit, error=str(refused), status=INVALID)
    return _section(request, comparison, comment.unit, notice="Comment deleted.")


def _page_number(request: HttpRequest) -> int | None:
    return whole_number(request.GET.get("page", "1"), max_digits=9) or None


@require_GET
@htmx_sign_in
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """One's notifications, newest first, a page at a time (`page`)."""
    require_viewer(request)
    unknown = set(request.GET) - {"page"}
    if unknown:
        name = sorted(unknown)[0]
        return HttpResponseBadRequest(
            f"{name}: not a parameter of this page\n", content_type="text/plain; charset=utf-8"
        )
    number = _page_number(request)
    paginator = _paginator(request.user)
    if number is None or (number > paginator.num_pages):
        return HttpResponseBadRequest(
            f"page: not a page of the list (1 to {paginator.num_pages})\n",
            content_type="text/plain; charset=utf-8",
        )
    return render(request, "articles/notifications.html", {"page": _page(paginator, number)})


def _paginator(user) -> Paginator:
    rows = (
        Notification.objects.filter(recipient=user)
        .select_related("comparison", "unit")
        .order_by("-created_at", "-id")
    )
    return Paginator(rows, NOTIFICATIONS_PER_PAGE)


def _page(paginator: Paginator, number: int):
    page = paginator.page(number)
    for notification in page:
        notification.link = _link(notification)
    return page


def _link(notification: Notification) -> str:
    """Where a notification leads: the unit's step view, else the comparison."""
    if notification.unit is not None:
        return step_url(notification.comparison, notification.unit.position) + "#comments"
    return notification.comparison.get_absolute_url() + "#discussion"


def _after_marking(
    request: HttpRequest, done: str, notification: Notification | None = None
) -> HttpResponse:
    """htmx: the entry marked (or the list's read state) with the header's count out of
    band; a plain form: back to the list."""
    if not request.htmx:
        messages.success(request, done)
        return HttpResponseRedirect(reverse("articles:notifications"))
    context = {"inbox": Inbox(request.user), "oob": True, "done": done}
    if notification is not None:
        notification.link = _link(notification)
        context["notification"] = notification
        return render(request, "articles/notifications.html#marked_one", context)
    context["page"] = _page(_paginator(request.user), 1)
    return render(request, "articles/notifications.html#marked_all", context)


@require_POST
@htmx_sign_in
@login_required
def read_one(request: HttpRequest, notification_pk: int) -> HttpResponse:
    require_viewer(request)
    notification = get_object_or_404(
        Notification.objects.select_related("comparison", "actor", "unit"),
        pk=notification_pk,
        recipient=request.user,
    )
    mark_read(request.user, notification.pk)
    notification.refresh_from_db(fields=["read_at"])
    return _after_marking(request, "Marked as read.", notification)


@require_POST
@htmx_sign_in
@login_required
def read_all(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    count = mark_read(request.user)
    return _after_marking(request, f"{count} notification{'s' if count != 1 else ''} marked read.")


@require_GET
@htmx_sign_in
@login_required
def unread_count(request: HttpRequest) -> HttpResponse:
    """The header's count, which every page polls (every 60 s); a browser asking for it
    as a page is sent to the list, which shows it."""
    require_viewer(request)
    if not request.htmx:
        return HttpResponseRedirect(reverse("articles:notifications"))
    return render(request, "articles/_notifications_count.html", {"inbox": Inbox(request.user)})
