"""The unit's history: its audit events (who did what, when), as a panel of the step
view loaded with htmx and as a page of its own without JavaScript."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import AuditEvent
from articles.review.history import unit_history

from .conftest import HTMX, action_url, step_url, suggestion_on, unit_at


def history_url(unit) -> str:
    return reverse("articles:unit_history", args=[unit.comparison_id, unit.pk])


def entries(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".history-entry")]


def test_it_sends_a_signed_out_visitor_to_sign_in(client, comparison):
    response = client.get(history_url(unit_at(comparison, 1)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_lists_who_did_what_to_the_unit_newest_first(
    editor_client, other_editor, client, comparison
):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    editor_client.post(action_url("flag_accept", unit, flag), {"version": 1}, **HTMX)
    client.force_login(other_editor)
    client.post(action_url("unit_mark", unit), {"version": 2, "state": "unreviewed"}, **HTMX)
    # A change to another unit is not in this unit's history.
    client.post(action_url("unit_mark", unit_at(comparison, 0)), {"version": 1, "state": "ok"})

    response = client.get(history_url(unit))

    assert response.status_code == 200
    lines = entries(response)
    assert len(lines) == 2
    assert "otto marked a unit as unreviewed (reopened)" in lines[0]
    assert "edna accepted a suggestion Name: “Maroto” → “Malotto”" in lines[1]
    times = BeautifulSoup(response.content, "html.parser").select(".history-entry time")
    assert all(t["datetime"] for t in times)


def test_it_answers_htmx_with_the_entries_only(editor_client, comparison):
    unit = unit_at(comparison, 0)
    editor_client.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    response = editor_client.get(history_url(unit), **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div class="history-entries"')
    assert "edna marked a unit as OK" in entries(response)[0]


def test_it_shows_an_undone_change_as_undone_and_the_undo(editor_client, comparison):
    unit = unit_at(comparison, 0)
    editor_client.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    editor_client.post(reverse("articles:undo", args=[comparison.pk]), {"position": 0}, **HTMX)
    response = editor_client.get(history_url(unit))
    lines = entries(response)
    assert "undid a change took back: marked a unit" in lines[0]
    assert "(undone)" in lines[1]
    assert BeautifulSoup(response.content, "html.parser").select(".is-undone")


def test_it_includes_a_name_confirmed_from_the_ledger(editor_client, comparison):
    unit = unit_at(comparison, 1)
    editor_client.post(
        reverse("articles:ledger_confirm", args=[comparison.pk, 0]),
        {"versions": f"{unit.pk}:{unit.version}"},
        **HTMX,
    )
    event = AuditEvent.objects.get(action="ledger.confirm")
    assert event.unit_id is None  # found through its snapshot, not its unit
    lines = entries(editor_client.get(history_url(unit)))
    assert lines and "confirmed a name “Maroto” → “Malotto”" in lines[0]


def test_it_says_when_nobody_changed_the_unit(viewer_client, comparison):
    response = viewer_client.get(history_url(unit_at(comparison, 2)))
    assert response.status_code == 200
    assert "Nobody has changed this unit yet." in response.content.decode()


def test_it_escapes_what_editors_wrote(editor_client, db):
    from tests.builders import build_comparison

    hostile = build_comparison([("It said <img src=x onerror=alert(1)> here.", "It said so.")])
    unit = unit_at(hostile, 0)
    response = editor_client.post(
        action_url("flag_add", unit),
        {
            "version": 1,
            "category": "factual.date",
            "severity": "minor",
            "source_span": "<img src=x onerror=alert(1)>",
        },
        **HTMX,
    )
    assert response.status_code == 200
    html = editor_client.get(history_url(unit)).content.decode()
    assert "<img src=x" not in html
    assert "“&lt;img src=x onerror=alert(1)&gt;”" in html


def test_it_refuses_a_unit_of_another_comparison(editor_client, comparison):
    from tests.builders import build_comparison

    other = build_comparison([("One.", "Uno.")])
    url = reverse("articles:unit_history", args=[other.pk, unit_at(comparison, 0).pk])
    assert editor_client.get(url).status_code == 404


def test_it_makes_one_query_for_the_history_however_long(editor_client, comparison):
    unit = unit_at(comparison, 0)
    for version, state in enumerate(["ok", "unreviewed"] * 30, start=1):
        editor_client.post(action_url("unit_mark", unit), {"version": version, "state": state})
    unit.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        history = unit_history(unit, limit=50)
    assert len(queries) == 1
    assert len(history.entries) == 50 and history.more
    response = editor_client.get(history_url(unit))
    assert "Only the latest 50 changes are shown." in response.content.decode()


def test_the_step_view_offers_the_history_collapsed_with_a_real_link(viewer_client, comparison):
    unit = unit_at(comparison, 1)
    soup = BeautifulSoup(viewer_client.get(step_url(comparison, 1)).content, "html.parser")
    panel = soup.select_one("details[data-history]")
    assert not panel.has_attr("open")
    assert panel["hx-get"] == history_url(unit)
    assert panel["hx-trigger"] == "toggle once"
    assert panel.select_one(".history-body a")["href"] == history_url(unit)
