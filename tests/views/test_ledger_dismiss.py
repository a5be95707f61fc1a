"""Dismissing a ledger name on all its units at once, from the overview (ledger.dismiss)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import AuditEvent, Flag
from articles.review.flags import dismiss_flag
from tests.builders import build_comparison
from tests.csrf import csrf_client

from .conftest import HTMX

NAME = {
    "category": "factual.name",
    "severity": "major",
    "source_span": "Blinken",
    "target_span": "Brinken",
    "rule": "name.respelled",
}


@pytest.fixture
def blinken(db):
    """Blinken became Brinken in units 0 and 2 (each with a suggestion), and unit 1 says
    nothing of him."""
    comparison = build_comparison(
        [
            ("Blinken spoke in Rome.", "Brinken spoke in Rome."),
            ("It rained.", "It rained."),
            ("Blinken told reporters.", "Brinken told reporters."),
        ],
        flags={0: [NAME], 2: [NAME]},
    )
    comparison.ledger = [{"source": "Blinken", "target": "Brinken", "units": [0, 2]}]
    comparison.save()
    return comparison


def versions(comparison) -> str:
    units = comparison.units.filter(position__in=[0, 2]).order_by("position")
    return ",".join(f"{u.pk}:{u.version}" for u in units)


def dismiss(client, comparison, shown, htmx=True):
    url = reverse("articles:ledger_dismiss", args=[comparison.pk, 0])
    return client.post(url, {"versions": shown}, **(HTMX if htmx else {}))


def test_the_overview_offers_to_dismiss_beside_confirm_with_unambiguous_labels(
    editor_client, blinken
):
    html = editor_client.get(blinken.get_absolute_url()).content.decode()
    hidden = '<span class="visually-hidden">'
    assert f"Confirm{hidden} Blinken → Brinken as a name flag</span> in both units" in html
    assert f"Dismiss{hidden} the suggestions about Blinken → Brinken</span> in both units" in html
    assert reverse("articles:ledger_dismiss", args=[blinken.pk, 0]) in html


def test_a_name_in_one_unit_says_its_unit_not_all_1(editor_client, db):
    comparison = build_comparison([("Blinken spoke.", "Brinken spoke.")], flags={0: [NAME]})
    comparison.ledger = [{"source": "Blinken", "target": "Brinken", "units": [0]}]
    comparison.save()
    html = editor_client.get(comparison.get_absolute_url()).content.decode()
    assert "all 1" not in html
    assert "</span> in its unit</button>" in html


def test_it_dismisses_the_name_on_all_its_units(editor_client, editor, blinken):
    response = dismiss(editor_client, blinken, versions(blinken))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dismissed “Blinken” → “Brinken” in 2 units at once." in html
    assert "✕ Dismissed" in html
    assert set(Flag.objects.values_list("status", flat=True)) == {"dismissed"}
    events = AuditEvent.objects.order_by("id")
    assert [e.action for e in events] == ["flag.dismiss", "flag.dismiss"]
    assert events[0].after["bulk"]["ledger"] == {"source": "Blinken", "target": "Brinken"}


def test_it_works_without_javascript_by_a_form_and_a_redirect(editor_client, blinken):
    response = dismiss(editor_client, blinken, versions(blinken), htmx=False)
    assert response.status_code == 302
    assert response["Location"] == f"{blinken.get_absolute_url()}#ledger"
    page = editor_client.get(response["Location"]).content.decode()
    assert "Dismissed “Blinken” → “Brinken” in 2 units at once." in page


def test_one_undo_takes_it_back(editor_client, blinken):
    dismiss(editor_client, blinken, versions(blinken))
    response = editor_client.post(reverse("articles:undo", args=[blinken.pk]), {}, **HTMX)
    assert "Undone: you dismissed 2 suggestions at once." in response.content.decode()
    assert set(Flag.objects.values_list("status", flat=True)) == {"suggested"}


def test_it_refuses_a_stale_version_with_409_and_dismisses_nothing(
    editor_client, other_editor, blinken
):
    shown = versions(blinken)
    unit = blinken.units.get(position=2)
    unit.comparison = blinken
    dismiss_flag(user=other_editor, unit=unit, flag=unit.flags.get(), shown_version=1)
    response = dismiss(editor_client, blinken, shown)
    assert response.status_code == 409
    assert "Unit 3 was changed by someone else" in response.content.decode()
    assert blinken.units.get(position=0).flags.get().status == "suggested"


def test_it_refuses_when_nothing_is_open_about_the_name(editor_client, blinken):
    Flag.objects.update(status="dismissed")
    response = dismiss(editor_client, blinken, versions(blinken))
    assert response.status_code == 422
    assert "No suggestion about this name is open" in response.content.decode()


def test_it_refuses_a_malformed_form_with_one_line(editor_client, blinken):
    response = dismiss(editor_client, blinken, "1-1")
    assert response.status_code == 422
    assert "versions: not a list of unit id:version" in response.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("who", "answer"),
    [("signed out", 302), ("no role", 403), ("viewer", 403), ("editor", 302), ("importer", 302)],
)
def test_only_editors_may_dismiss_a_name(who, answer, blinken, request, django_user_model):
    users = {
        "signed out": None,
        "no role": lambda: django_user_model.objects.create_user("nobody", password="pw"),
        "viewer": lambda: request.getfixturevalue("viewer"),
        "editor": lambda: request.getfixturevalue("editor"),
        "importer": lambda: request.getfixturevalue("importer"),
    }
    client = csrf_client(users[who]() if users[who] else None)
    response = dismiss(client, blinken, versions(blinken), htmx=False)
    assert response.status_code == answer
    dismissed = Flag.objects.filter(status="dismissed").count()
    assert dismissed == (2 if who in ("editor", "importer") else 0)


def test_it_refuses_a_get_and_a_post_without_the_csrf_token(editor, editor_client, blinken):
    from django.test import Client

    url = reverse("articles:ledger_dismiss", args=[blinken.pk, 0])
    assert editor_client.get(url).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url, {"versions": versions(blinken)}).status_code == 403
