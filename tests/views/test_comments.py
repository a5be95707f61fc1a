"""Comments on a unit (the step view) and on a comparison (the overview): threads,
mentions, the edit window, escaping and who may write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import AuditEvent, Comment, Notification

from .conftest import HTMX, step_url, unit_at

ADD = "articles:comment_add"


def add_url(comparison) -> str:
    return reverse(ADD, args=[comparison.pk])


def post_unit_comment(client, comparison, position, body, **headers):
    unit = unit_at(comparison, position)
    return client.post(add_url(comparison), {"body": body, "unit": unit.pk}, **headers)


def comment_texts(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(p.get_text(" ", strip=True).split()) for p in soup.select(".comment-body")]


@pytest.fixture
def nobody(db):
    return User.objects.create_user("nobody", password="pw-for-tests-only")


def test_it_shows_a_unit_comment_on_that_units_step_view_only(editor_client, comparison):
    response = post_unit_comment(editor_client, comparison, 1, "Check the colonel's name.")

    assert response.status_code == 302
    assert response["Location"] == step_url(comparison, 1) + "#comments"
    page = editor_client.get(step_url(comparison, 1))
    assert comment_texts(page) == ["Check the colonel's name."]
    assert comment_texts(editor_client.get(step_url(comparison, 2))) == []
    assert comment_texts(editor_client.get(comparison.get_absolute_url())) == []


def test_it_answers_htmx_with_the_comment_section_only(editor_client, comparison):
    response = post_unit_comment(editor_client, comparison, 1, "First.", **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    unit = unit_at(comparison, 1)
    assert html.lstrip().startswith(f'<section id="comments-unit-{unit.pk}"')
    assert comment_texts(response) == ["First."]
    assert "Comment added." in html


def test_it_keeps_comparison_comments_on_the_overview(editor_client, comparison):
    response = editor_client.post(add_url(comparison), {"body": "Whole story reads fine."})

    assert response["Location"] == comparison.get_absolute_url() + "#discussion"
    assert comment_texts(editor_client.get(comparison.get_absolute_url())) == [
        "Whole story reads fine."
    ]


def test_it_threads_replies_under_the_first_comment(editor_client, other_editor, comparison):
    post_unit_comment(editor_client, comparison, 1, "Is Malotto a typo?")
    root = Comment.objects.get()
    editor_client.force_login(other_editor)
    editor_client.post(add_url(comparison), {"body": "Yes.", "parent": root.pk})
    reply = Comment.objects.exclude(pk=root.pk).get()
    editor_client.post(add_url(comparison), {"body": "Agreed.", "parent": reply.pk})

    soup = BeautifulSoup(editor_client.get(step_url(comparison, 1)).content, "html.parser")
    thread = soup.select_one(".thread")
    assert [p.get_text(strip=True) for p in thread.select(".replies .comment-body")] == [
        "Yes.",
        "Agreed.",
    ]
    assert "replying to otto" in thread.select(".replies .comment")[1].get_text(" ")
    assert reply.unit_id == unit_at(comparison, 1).pk
    assert Notification.objects.filter(recipient__username="edna", kind="reply").count() == 1


def test_it_links_a_mention_of_an_account_and_notifies_it(
    editor_client, other_editor, viewer, comparison
):
    post_unit_comment(editor_client, comparison, 1, "@otto and @vera, look; @ghost too.")

    page = BeautifulSoup(editor_client.get(step_url(comparison, 1)).content, "html.parser")
    links = page.select(".comment-body a.mention")
    assert [a.get_text() for a in links] == ["@otto", "@vera"]
    assert links[0]["href"] == (reverse("articles:timeline", args=[comparison.pk]) + "?person=otto")
    assert "@ghost" in page.select_one(".comment-body").get_text()
    notified = Notification.objects.filter(kind="mention").order_by("recipient__username")
    assert [n.recipient.username for n in notified] == ["otto", "vera"]
    assert notified[0].unit == unit_at(comparison, 1)
    assert "edna mentioned you on unit 2" in notified[0].text


def test_it_does_not_notify_an_account_in_no_role_nor_oneself(editor_client, nobody, comparison):
    post_unit_comment(editor_client, comparison, 0, "@nobody @edna")

    assert not Notification.objects.exists()
    assert Comment.objects.get().mentions == ["edna"]


def test_it_escapes_comment_text_and_mentions(editor_client, other_editor, comparison):
    body = '<script>alert(1)</script> @otto <b>"x"</b>'
    post_unit_comment(editor_client, comparison, 1, body)

    html = editor_client.get(step_url(comparison, 1)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in html


def test_it_refuses_an_empty_comment_with_422(editor_client, comparison):
    response = post_unit_comment(editor_client, comparison, 1, "   ", **HTMX)

    assert response.status_code == 422
    assert "the comment is empty" in response.content.decode()
    assert not Comment.objects.exists()


def test_it_audits_adding_editing_and_deleting(editor_client, other_editor, comparison):
    post_unit_comment(editor_client, comparison, 1, "Frist.")
    comment = Comment.objects.get()
    edit = reverse("articles:comment_edit", args=[comparison.pk, comment.pk])
    delete = reverse("articles:comment_delete", args=[comparison.pk, comment.pk])

    assert editor_client.post(edit, {"body": "First, @otto."}, **HTMX).status_code == 200
    assert Notification.objects.filter(recipient=other_editor, kind="mention").count() == 1
    assert editor_client.post(delete, **HTMX).status_code == 200

    events = list(AuditEvent.objects.order_by("at", "id"))
    assert [e.action for e in events] == ["comment.added", "comment.edited", "comment.deleted"]
    assert events[1].before["comment"]["body"] == "Frist."
    assert events[1].after["comment"]["body"] == "First, @otto."
    assert events[2].before["comment"]["body"] == "First, @otto."
    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == ""
    page = editor_client.get(step_url(comparison, 1)).content.decode()
    assert "Comment deleted by its author." in page


def test_it_refuses_an_edit_after_the_window(editor_client, comparison, settings):
    settings.NEWSDRIFT_COMMENT_EDIT_MINUTES = 15
    post_unit_comment(editor_client, comparison, 1, "Old words.")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(
        created_at=comment.created_at - timedelta(minutes=16)
    )
    edit = reverse("articles:comment_edit", args=[comparison.pk, comment.pk])

    response = editor_client.post(edit, {"body": "New words."}, **HTMX)

    assert response.status_code == 422
    assert "only in the 15 minutes" in response.content.decode()
    assert Comment.objects.get().body == "Old words."
    page = BeautifulSoup(editor_client.get(step_url(comparison, 1)).content, "html.parser")
    assert not page.select(".comment-tools")


def test_it_refuses_another_editors_edit_and_delete(
    editor_client, other_editor, client, comparison
):
    post_unit_comment(editor_client, comparison, 1, "Mine.")
    comment = Comment.objects.get()
    client.force_login(other_editor)
    for name in ("comment_edit", "comment_delete"):
        url = reverse(f"articles:{name}", args=[comparison.pk, comment.pk])
        assert client.post(url, {"body": "Theirs."}).status_code == 403
    assert Comment.objects.get().body == "Mine."


def test_it_refuses_a_parent_of_another_comparison(editor_client, comparison):
    from tests.builders import build_comparison

    other = build_comparison([("One.", "Uno.")])
    editor_client.post(add_url(other), {"body": "Elsewhere."})
    foreign = Comment.objects.get()

    response = editor_client.post(add_url(comparison), {"body": "x", "parent": foreign.pk})

    assert response.status_code == 404


def test_it_answers_a_bad_unit_id_with_400_naming_it(editor_client, comparison):
    response = editor_client.post(add_url(comparison), {"body": "x", "unit": "1e3"})

    assert response.status_code == 400
    assert response.content.decode().startswith("unit:")


# Permissions, walked for every role.


def comment_urls(comparison, comment) -> list[str]:
    return [
        add_url(comparison),
        reverse("articles:comment_edit", args=[comparison.pk, comment.pk]),
        reverse("articles:comment_delete", args=[comparison.pk, comment.pk]),
    ]


@pytest.fixture
def comment(editor, comparison) -> Comment:
    from articles.discussion.comments import add_comment

    return add_comment(user=editor, comparison=comparison, body="On record.").comment


@pytest.mark.parametrize("index", range(3))
def test_it_sends_a_signed_out_visitor_to_sign_in(client, comparison, comment, index):
    response = client.post(comment_urls(comparison, comment)[index], {"body": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["viewer", "nobody"])
@pytest.mark.parametrize("index", range(3))
def test_it_refuses_viewers_and_accounts_in_no_role(
    client, comparison, comment, role, index, request
):
    client.force_login(request.getfixturevalue(role))
    response = client.post(comment_urls(comparison, comment)[index], {"body": "x"})
    assert response.status_code == 403
    assert Comment.objects.get().body == "On record."


@pytest.mark.parametrize("role", ["viewer", "editor", "importer"])
def test_it_shows_comments_to_every_role_and_the_form_to_commenters(
    client, comparison, comment, role, request
):
    client.force_login(request.getfixturevalue(role))
    page = BeautifulSoup(client.get(comparison.get_absolute_url()).content, "html.parser")
    assert [p.get_text(strip=True) for p in page.select("#discussion .comment-body")] == [
        "On record."
    ]
    assert bool(page.select("#discussion form.comment-form")) == (role != "viewer")


@pytest.mark.parametrize("index", range(3))
def test_every_comment_action_refuses_a_get(editor_client, comparison, comment, index):
    assert editor_client.get(comment_urls(comparison, comment)[index]).status_code == 405


def test_an_importer_staff_member_may_comment(client, importer, comparison):
    client.force_login(importer)
    assert client.post(add_url(comparison), {"body": "Staff note."}).status_code == 302
    assert Comment.objects.get().author == importer


def test_undo_skips_comments_and_takes_back_the_decision_before(editor_client, comparison):
    from .conftest import action_url

    unit = unit_at(comparison, 0)
    editor_client.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    post_unit_comment(editor_client, comparison, 0, "Marked it OK.", **HTMX)

    response = editor_client.post(
        reverse("articles:undo", args=[comparison.pk]), {"position": 0}, **HTMX
    )

    assert response.status_code == 200
    unit.refresh_from_db()
    assert unit.review_state == "unreviewed"
    assert Comment.objects.get().body == "Marked it OK."
    assert not AuditEvent.objects.get(action="comment.added").undone
