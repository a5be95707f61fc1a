"""Dismissing every open suggestion like one from the step view (bulk_actions.dismiss_like)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import AuditEvent, Flag
from articles.review.flags import dismiss_flag
from tests.builders import build_comparison
from tests.csrf import csrf_client
from tests.like_suggestions import STRIKES, build_likes, like_form, like_url, strikes

from .conftest import HTMX


@pytest.fixture
def likes(db):
    return build_likes()


def statuses(flags) -> set[str]:
    return set(Flag.objects.filter(pk__in=[f.pk for f in flags]).values_list("status", flat=True))


def test_the_step_view_says_how_many_the_button_dismisses(editor_client, likes):
    flags = strikes(likes)
    html = editor_client.get(reverse("articles:step", args=[likes.pk, 1])).content.decode()
    assert html.count("Dismiss all 3 like this") == 1  # "attacks" in the same unit has none
    assert "Accept all 3 like this" in html
    assert "same rule and words, in 3 units" in html
    assert like_url("flag_dismiss_like", flags[1]) in html
    assert f'name="flags" value="{",".join(str(f.pk) for f in flags)}"' in html


def test_a_suggestion_like_no_other_has_no_bulk_buttons(editor_client, likes):
    html = editor_client.get(reverse("articles:step", args=[likes.pk, 3])).content.decode()
    assert "like this" not in html


def test_it_dismisses_them_all_and_updates_the_counters_out_of_band(editor_client, likes):
    flags = strikes(likes)
    response = editor_client.post(
        like_url("flag_dismiss_like", flags[0]), like_form(flags, show="all", position=0), **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dismissed 3 suggestions in 3 units at once." in html
    assert 'id="review-head"' in html and 'hx-swap-oob="true"' in html  # progress, strip
    assert "Dismissed (1)" in html
    assert statuses(flags) == {"dismissed"}
    assert AuditEvent.objects.filter(action="flag.dismiss").count() == 3


def test_it_works_without_javascript_by_a_form_and_a_redirect(editor_client, likes):
    flags = strikes(likes)
    response = editor_client.post(like_url("flag_dismiss_like", flags[1]), like_form(flags))
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:step", args=[likes.pk, 1])
    page = editor_client.get(response["Location"]).content.decode()
    assert "Dismissed 3 suggestions in 3 units at once." in page
    assert statuses(flags) == {"dismissed"}


def test_it_refuses_a_stale_version_with_409_and_changes_nothing(
    editor_client, other_editor, likes
):
    flags = strikes(likes)
    shown = like_form(flags)
    unit = flags[2].unit
    unit.comparison = likes
    dismiss_flag(user=other_editor, unit=unit, flag=flags[2], shown_version=1)
    response = editor_client.post(like_url("flag_dismiss_like", flags[0]), shown, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "2 are open now, not 3. Nothing was decided" in html
    assert "Dismiss all 2 like this" in html  # the buttons count anew
    assert statuses(flags[:2]) == {"suggested"}
    assert AuditEvent.objects.count() == 1


def test_it_refuses_a_unit_changed_since_with_409(editor_client, other_editor, likes):
    flags = strikes(likes)
    shown = like_form(flags)
    other = flags[1].unit.flags.exclude(pk=flags[1].pk).get()
    other.unit.comparison = likes
    dismiss_flag(user=other_editor, unit=other.unit, flag=other, shown_version=1)
    response = editor_client.post(like_url("flag_dismiss_like", flags[0]), shown, **HTMX)
    assert response.status_code == 409
    assert "Unit 2 was changed by someone else" in response.content.decode()
    assert statuses(flags) == {"suggested"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"flags": "1,x", "versions": "1:1"}, "flags: not a list of flag ids"),
        ({"flags": "1", "versions": "1-1"}, "versions: not a list of unit id:version"),
        ({"versions": "1:1"}, "This field is required."),
    ],
)
def test_it_refuses_a_malformed_form_with_one_line(editor_client, likes, data, message):
    flag = strikes(likes)[0]
    response = editor_client.post(like_url("flag_dismiss_like", flag), data, **HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_one_undo_takes_the_bulk_dismissal_back_whole(editor_client, likes):
    flags = strikes(likes)
    editor_client.post(like_url("flag_dismiss_like", flags[1]), like_form(flags), **HTMX)
    response = editor_client.post(
        reverse("articles:undo", args=[likes.pk]), {"position": 4}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Undone: you dismissed 3 suggestions at once." in html
    assert response["HX-Replace-Url"].endswith(f"/step/{flags[1].unit.position}/")
    assert statuses(flags) == {"suggested"}
    assert "Dismiss all 3 like this" in html


def test_the_undo_refuses_with_409_when_one_of_its_units_changed_since(
    editor_client, other_editor, likes
):
    flags = strikes(likes)
    editor_client.post(like_url("flag_dismiss_like", flags[0]), like_form(flags), **HTMX)
    other = flags[1].unit.flags.exclude(pk=flags[1].pk).get()
    other.unit.refresh_from_db()
    other.unit.comparison = likes
    dismiss_flag(user=other_editor, unit=other.unit, flag=other, shown_version=2)
    response = editor_client.post(reverse("articles:undo", args=[likes.pk]), {}, **HTMX)
    assert response.status_code == 409
    assert "Cannot undo (you dismissed 3 suggestions at once)" in response.content.decode()
    assert statuses(flags) == {"dismissed"}


def test_it_answers_404_for_a_flag_of_another_unit(editor_client, likes):
    flags = strikes(likes)
    url = reverse("articles:flag_dismiss_like", args=[likes.pk, flags[0].unit_id, flags[1].pk])
    assert editor_client.post(url, like_form(flags)).status_code == 404


def test_it_refuses_a_get(editor_client, likes):
    assert editor_client.get(like_url("flag_dismiss_like", strikes(likes)[0])).status_code == 405


def test_it_refuses_a_post_without_the_csrf_token(editor, likes):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    flags = strikes(likes)
    assert client.post(like_url("flag_dismiss_like", flags[0]), like_form(flags)).status_code == 403
    assert statuses(flags) == {"suggested"}


@pytest.mark.parametrize(
    ("who", "answer"),
    [("signed out", 302), ("no role", 403), ("viewer", 403), ("editor", 302), ("importer", 302)],
)
def test_only_editors_may_dismiss_in_bulk(who, answer, likes, request, django_user_model):
    users = {
        "signed out": None,
        "no role": lambda: django_user_model.objects.create_user("nobody", password="pw"),
        "viewer": lambda: request.getfixturevalue("viewer"),
        "editor": lambda: request.getfixturevalue("editor"),
        "importer": lambda: request.getfixturevalue("importer"),
    }
    client = csrf_client(users[who]() if users[who] else None)
    flags = strikes(likes)
    response = client.post(like_url("flag_dismiss_like", flags[0]), like_form(flags))
    assert response.status_code == answer
    if who == "signed out":
        assert response["Location"].startswith(reverse("login"))
    changed = who in ("editor", "importer")
    assert statuses(flags) == ({"dismissed"} if changed else {"suggested"})


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
                like_url("flag_dismiss_like", flags[0]), like_form(flags), **HTMX
            )
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_bulk_buttons_name_their_keys_and_hide_the_hints(editor_client, likes):
    from bs4 import BeautifulSoup

    html = editor_client.get(reverse("articles:step", args=[likes.pk, 1])).content
    buttons = BeautifulSoup(html, "html.parser").select(".bulk-like button")
    assert [(b["aria-keyshortcuts"], b.kbd.get_text(), b.kbd["aria-hidden"]) for b in buttons] == [
        ("Shift+A", "Shift+A", "true"),
        ("Shift+X", "Shift+X", "true"),
    ]
