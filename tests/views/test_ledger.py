"""Confirming a ledger name once for all of its units, from the overview."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AuditEvent, Flag
from tests.builders import build_comparison

from .conftest import HTMX, unit_at


def confirm(client, comparison, versions, index=0, htmx=True):
    url = reverse("articles:ledger_confirm", args=[comparison.pk, index])
    return client.post(url, {"versions": versions}, **(HTMX if htmx else {}))


def versions_of(*units) -> str:
    return ",".join(f"{u.pk}:{u.version}" for u in units)


def test_it_confirms_the_name_on_every_unit_of_the_entry(editor_client, editor, db):
    comparison = build_comparison(
        [
            ("Blinken spoke in Rome.", "Brinken spoke in Rome."),
            ("It rained.", "It rained."),
            ("Blinken told reporters.", "Brinken told reporters."),
        ],
        flags={
            0: [
                {
                    "category": "factual.name",
                    "severity": "major",
                    "source_span": "Blinken",
                    "target_span": "Brinken",
                }
            ]
        },
    )
    comparison.ledger = [{"source": "Blinken", "target": "Brinken", "units": [0, 2]}]
    comparison.save()
    first, third = unit_at(comparison, 0), unit_at(comparison, 2)
    response = confirm(editor_client, comparison, versions_of(first, third))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirmed “Blinken” → “Brinken” on 2 unit(s)." in html
    assert "⚑ Confirmed" in html
    suggested = first.flags.get()
    assert (suggested.status, suggested.origin) == ("confirmed", "auto")
    created = third.flags.get()
    assert (created.status, created.origin, created.author) == ("confirmed", "editor", editor)
    assert (created.source_span, created.target_span) == ("Blinken", "Brinken")
    assert {u.review_state for u in comparison.units.filter(position__in=[0, 2])} == {"flagged"}
    event = AuditEvent.objects.get()
    assert event.action == "ledger.confirm"
    assert event.before["flags"][str(created.pk)] is None
    assert event.before["flags"][str(suggested.pk)]["status"] == "suggested"


def test_it_is_undone_in_one_step(editor_client, comparison):
    unit = unit_at(comparison, 1)
    confirm(editor_client, comparison, versions_of(unit))
    assert unit.flags.get().status == "confirmed"
    editor_client.post(reverse("articles:undo", args=[comparison.pk]), {"position": 1}, **HTMX)
    assert unit.flags.get().status == "suggested"
    assert unit_at(comparison, 1).review_state == "unreviewed"


def test_it_refuses_when_a_unit_changed_since_the_overview_was_shown(editor_client, comparison):
    unit = unit_at(comparison, 1)
    stale = versions_of(unit)
    Flag.objects.filter(unit=unit).update(note="x")
    unit.__class__.objects.filter(pk=unit.pk).update(version=5)
    response = confirm(editor_client, comparison, stale)
    assert response.status_code == 409
    assert "was changed by someone else" in response.content.decode()
    assert unit.flags.get().status == "suggested"
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_form_without_versions(editor_client, comparison):
    response = confirm(editor_client, comparison, "nonsense")
    assert response.status_code == 422
    assert "versions: not a list of unit id:version" in response.content.decode()


def test_it_redirects_the_plain_form_back_to_the_ledger(editor_client, comparison):
    response = confirm(editor_client, comparison, versions_of(unit_at(comparison, 1)), htmx=False)
    assert response.status_code == 302
    assert response["Location"] == f"{comparison.get_absolute_url()}#ledger"


def test_it_answers_422_for_an_entry_that_does_not_exist(editor_client, comparison):
    response = confirm(editor_client, comparison, versions_of(unit_at(comparison, 1)), index=7)
    assert response.status_code == 422
    assert "there is no name number 7" in response.content.decode()
