"""The notification list, marking read (one, all), the header's unread count, and the
notify() entry point other features call (email optional, after commit)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from articles.discussion.notify import notify
from articles.models import Notification

from .conftest import HTMX, unit_at

LIST = "articles:notifications"


@pytest.fixture
def nobody(db):
    return User.objects.create_user("nobody", password="pw-for-tests-only")


def tell(recipient, comparison, actor, text="edna mentioned you", **extra):
    return notify(recipient, "mention", comparison=comparison, text=text, actor=actor, **extra)


def badge(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select_one("#notifications-link .unread-badge")
    return found["data-unread"] if found else ""


def test_it_lists_ones_own_notifications_newest_first(
    client, editor, other_editor, viewer, comparison
):
    tell(other_editor, comparison, editor, "first")
    tell(other_editor, comparison, editor, "second", unit=unit_at(comparison, 2))
    tell(viewer, comparison, editor, "not otto's")
    client.force_login(other_editor)

    response = client.get(reverse(LIST))

    soup = BeautifulSoup(response.content, "html.parser")
    items = soup.select(".notification")
    assert [i.select_one(".notification-text a").get_text(strip=True) for i in items] == [
        "second",
        "first",
    ]
    step = reverse("articles:step", args=[comparison.pk, 2])
    assert items[0].select_one("a")["href"] == step + "#comments"
    assert badge(response) == "2"


def test_it_shows_the_unread_count_in_every_pages_header(client, editor, viewer, comparison):
    tell(viewer, comparison, editor)
    client.force_login(viewer)
    for url in (reverse("articles:dashboard"), comparison.get_absolute_url()):
        assert badge(client.get(url)) == "1"


def test_it_marks_one_read_with_htmx_and_updates_the_count_out_of_band(
    client, editor, other_editor, comparison
):
    first = tell(other_editor, comparison, editor, "first")
    tell(other_editor, comparison, editor, "second")
    client.force_login(other_editor)

    response = client.post(reverse("articles:notification_read", args=[first.pk]), **HTMX)

    soup = BeautifulSoup(response.content, "html.parser")
    assert "is-unread" not in soup.select_one(f"#notification-{first.pk}")["class"]
    counter = soup.select_one("#notifications-link")
    assert counter["hx-swap-oob"] == "true"
    assert counter.select_one(".unread-badge")["data-unread"] == "1"
    first.refresh_from_db()
    assert first.read_at is not None


def test_it_marks_all_read_with_a_plain_form(client, editor, other_editor, comparison):
    tell(other_editor, comparison, editor, "first")
    tell(other_editor, comparison, editor, "second")
    client.force_login(other_editor)

    response = client.post(reverse("articles:notifications_read_all"))

    assert response.status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert badge(client.get(reverse(LIST))) == ""


def test_it_marks_all_read_with_htmx(client, editor, other_editor, comparison):
    tell(other_editor, comparison, editor)
    client.force_login(other_editor)
    response = client.post(reverse("articles:notifications_read_all"), **HTMX)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#notification-list")
    assert not soup.select(".is-unread")
    assert not soup.select_one("#notifications-link .unread-badge")


def test_it_will_not_mark_someone_elses_notification(client, editor, other_editor, comparison):
    theirs = tell(other_editor, comparison, editor)
    client.force_login(editor)
    response = client.post(reverse("articles:notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_count_partial_is_what_the_header_polls(client, editor, viewer, comparison):
    tell(viewer, comparison, editor)
    client.force_login(viewer)
    response = client.get(reverse("articles:notifications_count"), **HTMX)
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("a#notifications-link")
    assert link["hx-trigger"] == "every 60s"
    assert link["href"] == reverse(LIST)
    assert badge(response) == "1"


def test_the_count_partial_sends_a_browser_to_the_list(client, viewer):
    client.force_login(viewer)
    response = client.get(reverse("articles:notifications_count"))
    assert response.status_code == 302
    assert response["Location"] == reverse(LIST)


def test_it_answers_a_bad_page_or_parameter_with_400_naming_it(client, viewer):
    client.force_login(viewer)
    for query, name in (("?page=0", "page"), ("?page=2", "page"), ("?sort=new", "sort")):
        response = client.get(reverse(LIST) + query)
        assert response.status_code == 400
        assert response.content.decode().startswith(f"{name}:")


def test_it_pages_the_list(client, editor, viewer, comparison):
    for n in range(51):
        tell(viewer, comparison, editor, f"n{n}")
    client.force_login(viewer)
    first = BeautifulSoup(client.get(reverse(LIST)).content, "html.parser")
    assert len(first.select(".notification")) == 50
    second = BeautifulSoup(client.get(reverse(LIST) + "?page=2").content, "html.parser")
    assert [a.get_text(strip=True) for a in second.select(".notification-text a")] == ["n0"]


# notify(): the entry point for other features.


def test_notify_skips_the_actor_and_inactive_accounts(editor, other_editor, comparison):
    assert tell(editor, comparison, editor) is None
    other_editor.is_active = False
    other_editor.save()
    assert tell(other_editor, comparison, editor) is None
    assert not Notification.objects.exists()


def test_notify_refuses_an_unknown_kind(editor, other_editor, comparison):
    with pytest.raises(ValueError, match="unknown notification kind"):
        notify(other_editor, "nudge", comparison=comparison, text="x", actor=editor)


def test_notify_sends_no_email_by_default(
    editor, other_editor, comparison, django_capture_on_commit_callbacks
):
    other_editor.email = "otto@example.org"
    other_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(other_editor, "assigned", comparison=comparison, text="Yours", actor=editor)
    assert mail.outbox == []


def test_notify_emails_after_commit_when_turned_on(
    editor, other_editor, comparison, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDRIFT_NOTIFY_EMAIL = True
    other_editor.email = "otto@example.org"
    other_editor.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(other_editor, "assigned", comparison=comparison, text="Yours now", actor=editor)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["otto@example.org"]]
    assert "Yours now" in mail.outbox[0].body
    assert comparison.get_absolute_url() in mail.outbox[0].body


# Permissions, walked for every role.


def read_urls(notification) -> list[str]:
    return [reverse(LIST), reverse("articles:notifications_count")]


def write_urls(notification) -> list[str]:
    return [
        reverse("articles:notifications_read_all"),
        reverse("articles:notification_read", args=[notification.pk]),
    ]


@pytest.fixture
def notification(editor, viewer, comparison):
    return tell(viewer, comparison, editor)


def test_signed_out_visitors_are_sent_to_sign_in(client, notification):
    for url in read_urls(notification):
        assert client.get(url)["Location"].startswith(reverse("login"))
    for url in write_urls(notification):
        assert client.post(url)["Location"].startswith(reverse("login"))


def test_an_account_in_no_role_is_refused(client, nobody, notification):
    client.force_login(nobody)
    for url in read_urls(notification):
        assert client.get(url).status_code == 403
    for url in write_urls(notification):
        assert client.post(url).status_code == 403
    assert Notification.objects.get().read_at is None


@pytest.mark.parametrize("role", ["viewer", "editor", "importer"])
def test_every_role_reads_its_own_list(client, notification, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in read_urls(notification):
        assert client.get(url, **HTMX).status_code == 200
    assert client.post(reverse("articles:notifications_read_all")).status_code == 302


def test_the_header_shows_no_notifications_link_to_an_account_in_no_role(client, nobody):
    client.force_login(nobody)
    response = client.get(reverse("articles:dashboard"))
    assert response.status_code == 403
    assert b"notifications-link" not in response.content


def test_the_list_and_actions_refuse_the_wrong_method(editor_client, notification):
    for url in read_urls(notification):
        assert editor_client.post(url).status_code == 405
    for url in write_urls(notification):
        assert editor_client.get(url).status_code == 405
