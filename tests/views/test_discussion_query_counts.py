"""The step view, the overview, the timeline and the notification list make as many
queries with thirty comments (threads, replies, mentions, notifications) as with one."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.discussion.comments import add_comment

from .conftest import HTMX, unit_at


def count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


def discuss(comparison, author, other, times: int, unit=None) -> None:
    """`times` threads, each a comment mentioning `other` and a reply by `other`."""
    for n in range(times):
        root = add_comment(
            user=author, comparison=comparison, unit=unit, body=f"Point {n}, @{other.username}?"
        ).comment
        add_comment(user=other, comparison=comparison, parent=root, body=f"Answer {n}.")


def pages(comparison, editor_unit) -> dict[str, str]:
    return {
        "step": reverse("articles:step", args=[comparison.pk, editor_unit.position]),
        "overview": comparison.get_absolute_url(),
        "timeline": reverse("articles:timeline", args=[comparison.pk]),
        "notifications": reverse("articles:notifications"),
    }


def test_every_page_makes_the_same_queries_for_1_or_30_comments(
    client, editor, other_editor, comparison
):
    unit = unit_at(comparison, 1)
    unit.comparison = comparison
    client.force_login(other_editor)
    discuss(comparison, editor, other_editor, 1, unit)
    discuss(comparison, editor, other_editor, 1)
    small = {name: count(client, url) for name, url in pages(comparison, unit).items()}
    small_step_partial = count(client, pages(comparison, unit)["step"], **HTMX)

    discuss(comparison, editor, other_editor, 14, unit)
    discuss(comparison, editor, other_editor, 14)
    big = {name: count(client, url) for name, url in pages(comparison, unit).items()}

    assert big == small
    assert count(client, pages(comparison, unit)["step"], **HTMX) == small_step_partial
    # Session, user, permissions, then the page's own.
    assert small["notifications"] <= 7
    assert small["timeline"] <= 8
