"""Accepting every open suggestion like one from the step view (bulk_actions.accept_like)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import AuditEvent, Flag
from articles.review import reading
from articles.review.flags import dismiss_flag
from tests.builders import build_comparison
from tests.csrf import csrf_client
from tests.like_suggestions import STRIKES, build_likes, like_form, like_url, strikes

from .conftest import HTMX


@pytest.fixture
def likes(db):
    return build_likes()


def test_it_accepts_them_all_and_marks_their_units_flagged(editor_client, editor, likes):
    flags = strikes(likes)
    response = editor_client.post(like_url("flag_accept_like", flags[0]), like_form(flags), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Accepted 3 suggestions in 3 units at once." in html
    assert 'id="review-head"' in html and 'hx-swap-oob="true"' in html
    # The progress, out of band: units 0 and 2 are decided (unit 1 keeps "attacks" open).
    progress = reading.progress_of(reading.unit_marks(likes))
    assert progress.reviewed >= 2
    assert f"<strong>{progress.reviewed}</strong> / 5 reviewed" in html
    for flag in Flag.objects.filter(pk__in=[f.pk for f in flags]).select_related("unit"):
        assert (flag.status, flag.author, flag.unit.review_state) == (
            "confirmed",
            editor,
            "flagged",
        )
    assert AuditEvent.objects.filter(action="flag.accept").count() == 3


def test_it_works_without_javascript_by_a_form_and_a_redirect(editor_client, likes):
    flags = strikes(likes)
    response = editor_client.post(like_url("flag_accept_like", flags[2]), like_form(flags))
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:step", args=[likes.pk, 2])
    page = editor_client.get(response["Location"]).content.decode()
    assert "Accepted 3 suggestions in 3 units at once." in page


def test_it_refuses_a_stale_version_with_409_and_accepts_nothing(
    editor_client, other_editor, likes
):
    flags = strikes(likes)
    shown = like_form(flags)
    unit = flags[0].unit
    unit.comparison = likes
    dismiss_flag(user=other_editor, unit=unit, flag=flags[0], shown_version=1)
    response = editor_client.post(like_url("flag_accept_like", flags[1]), shown, **HTMX)
    assert response.status_code == 409
    assert "Nothing was decided" in response.content.decode()
    assert not Flag.objects.filter(status="confirmed").exists()


def test_one_undo_takes_the_bulk_acceptance_back_whole(editor_client, likes):
    flags = strikes(likes)
    editor_client.post(like_url("flag_accept_like", flags[0]), like_form(flags), **HTMX)
    response = editor_client.post(reverse("articles:undo", args=[likes.pk]), {}, **HTMX)
    assert "Undone: you accepted 3 suggestions at once." in response.content.decode()
    assert not Flag.objects.filter(status="confirmed").exists()
    assert set(likes.units.values_list("review_state", flat=True)) == {"unreviewed"}


@pytest.mark.parametrize(
    ("who", "answer"),
    [("signed out", 302), ("no role", 403), ("viewer", 403), ("editor", 302), ("importer", 302)],
)
def test_only_editors_may_accept_in_bulk(who, answer, likes, request, django_user_model):
    users = {
        "signed out": None,
        "no role": lambda: django_user_model.objects.create_user("nobody", password="pw"),
        "viewer": lambda: request.getfixturevalue("viewer"),
        "editor": lambda: request.getfixturevalue("editor"),
        "importer": lambda: request.getfixturevalue("importer"),
    }
    client = csrf_client(users[who]() if users[who] else None)
    flags = strikes(likes)
    response = client.post(like_url("flag_accept_like", flags[0]), like_form(flags))
    assert response.status_code == answer
    if who == "signed out":
        assert response["Location"].startswith(reverse("login"))
    accepted = Flag.objects.filter(status="confirmed").count()
    assert accepted == (3 if who in ("editor", "importer") else 0)


def test_it_refuses_a_get_and_a_post_without_the_csrf_token(editor, editor_client, likes):
    from django.test import Client

    flags = strikes(likes)
    assert editor_client.get(like_url("flag_accept_like", flags[0])).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(like_url("flag_accept_like", flags[0]), like_form(flags)).status_code == 403
    assert not Flag.objects.filter(status="confirmed").exists()


def test_it_makes_as_many_queries_for_30_like_suggestions_as_for_3(
    editor_client, django_assert_max_num_queries
):
    counts = []
    for size in (3, 30):
        comparison = build_comparison(
            [("The strikes hit.", "The attack hit.")] * size,
            title=f"{size} strikes",
            flags={n: [STRIKES] for n in range(size)},
        )
        flags = list(
            Flag.objects.filter(unit__comparison=comparison).select_related("unit").order_by("id")
        )
        with django_assert_max_num_queries(40) as captured:
            response = editor_client.post(
                like_url("flag_accept_like", flags[0]), like_form(flags), **HTMX
            )
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
