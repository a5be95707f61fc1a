"""Import previews are kept in their own table, not in the session: the session holds
only tokens, previews expire, and expired ones are cleared."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from articles.admin_import import MAX_PREVIEWS, PREVIEW_LIFETIME, SESSION_KEY
from articles.models import ImportPreview
from tests.admin.conftest import EMPTY_COUNTS, row_counts
from tests.csrf import csrf_client

IMPORT_URL = reverse("admin:articles_comparison_import")
CONFIRM_URL = reverse("admin:articles_comparison_import_confirm")


def big_pair(n: int) -> dict[str, str]:
    """Two different texts of about 1 MB each (400 long sentences a side)."""
    padding = "and then at length " * 130
    source = f"The minister spoke {padding}{n}. " * 400
    target = f"A minister talked {padding}{n}. " * 400
    return {
        "source_text": f"Headline {n} here\n\n{source}",
        "retranslation_text": f"Headline {n} there\n\n{target}",
    }


def preview(client, n: int) -> str:
    response = client.post(IMPORT_URL, big_pair(n))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def session_bytes(client) -> int:
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def test_it_keeps_previews_out_of_the_session(importer):
    client = csrf_client(importer)
    tokens = [preview(client, n) for n in range(3)]

    # Three previews of two 1 MB texts: the session row holds three tokens, no text.
    assert session_bytes(client) < 1000
    assert client.session[SESSION_KEY] == tokens
    stored = ImportPreview.objects.get(token=tokens[0])
    assert stored.user == importer
    assert len(stored.articles[0]["body"]) > 900_000
    assert row_counts() == EMPTY_COUNTS


def test_it_keeps_the_latest_previews_of_a_user_and_drops_older_ones(importer):
    client = csrf_client(importer)
    tokens = [preview(client, n) for n in range(MAX_PREVIEWS + 1)]

    assert set(ImportPreview.objects.values_list("token", flat=True)) == set(tokens[1:])
    assert client.session[SESSION_KEY] == tokens[1:]
    answer = client.post(CONFIRM_URL, {"token": tokens[0]}, follow=True)
    assert "This import preview has expired or was already imported" in answer.content.decode()


def test_it_refuses_an_expired_preview_and_clears_expired_ones(importer, editor):
    client = csrf_client(importer)
    token = preview(client, 1)
    ImportPreview.objects.filter(token=token).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    answer = client.post(CONFIRM_URL, {"token": token}, follow=True)

    assert answer.redirect_chain[-1][0] == IMPORT_URL
    assert "expired" in answer.content.decode()
    assert row_counts() == EMPTY_COUNTS
    # The next preview, by anyone, deletes the expired row.
    preview(client, 2)
    assert not ImportPreview.objects.filter(token=token).exists()


def test_it_gives_a_preview_the_documented_lifetime(importer):
    client = csrf_client(importer)
    before = timezone.now()
    stored = ImportPreview.objects.get(token=preview(client, 1))
    assert before + PREVIEW_LIFETIME <= stored.expires_at <= timezone.now() + PREVIEW_LIFETIME


def test_it_imports_a_preview_and_deletes_it(importer):
    client = csrf_client(importer)
    token = preview(client, 1)

    answer = client.post(CONFIRM_URL, {"token": token}, follow=True)

    assert "Imported and analysed comparison" in answer.content.decode()
    assert not ImportPreview.objects.exists()
    assert client.session[SESSION_KEY] == []


def test_it_shows_no_one_elses_preview(importer, db):
    from django.contrib.auth.models import Group, User

    from articles.roles import IMPORTERS

    token = preview(csrf_client(importer), 1)
    other = User.objects.create_user("ivo", password="pw-for-tests-only", is_staff=True)
    other.groups.add(Group.objects.get(name=IMPORTERS))
    stranger = csrf_client(other)
    session = stranger.session
    session[SESSION_KEY] = [token]  # even with the token in its own session
    session.save()

    page = reverse("admin:articles_comparison_import_preview", args=[token])
    answer = stranger.get(page, follow=True)

    assert "expired" in answer.content.decode()
    assert ImportPreview.objects.filter(token=token).exists()
