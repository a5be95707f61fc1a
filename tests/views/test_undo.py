"""Undo: an editor's own last change on a comparison, put back from the audit trail."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AuditEvent, Flag

from .conftest import HTMX, action_url, suggestion_on, unit_at


def undo(client, comparison, position=0, htmx=True):
    url = reverse("articles:undo", args=[comparison.pk])
    return client.post(url, {"position": position}, **(HTMX if htmx else {}))


def test_it_undoes_an_accepted_suggestion(editor_client, editor, comparison):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    editor_client.post(action_url("flag_accept", unit, flag), {"version": 1}, **HTMX)
    response = undo(editor_client, comparison, position=3)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Undone: you accepted a suggestion." in html
    assert response["HX-Replace-Url"].endswith(f"/step/{unit.position}/")
    flag.refresh_from_db()
    unit.refresh_from_db()
    assert flag.status == Flag.Status.SUGGESTED
    assert (unit.review_state, unit.reviewed_by) == ("unreviewed", None)
    assert unit.version == 3  # a new version: a form showing the undone state is refused
    accepted, undone = AuditEvent.objects.order_by("id")
    assert accepted.undone
    assert (undone.action, undone.actor, undone.after["undid"]) == ("undo", editor, accepted.pk)


def test_each_undo_takes_back_the_change_before(editor_client, comparison):
    first, second = unit_at(comparison, 0), unit_at(comparison, 3)
    for unit in (first, second):
        editor_client.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    undo(editor_client, comparison)
    assert unit_at(comparison, 3).review_state == "unreviewed"
    assert unit_at(comparison, 0).review_state == "ok"
    undo(editor_client, comparison)
    assert unit_at(comparison, 0).review_state == "unreviewed"
    response = undo(editor_client, comparison)
    assert response.status_code == 422
    assert "There is nothing of yours to undo on this comparison." in response.content.decode()


def test_it_undoes_an_added_flag_by_removing_it(editor_client, comparison):
    unit = unit_at(comparison, 0)
    editor_client.post(
        action_url("flag_add", unit),
        {"version": 1, "category": "factual.date", "severity": "minor"},
        **HTMX,
    )
    assert unit.flags.count() == 1
    undo(editor_client, comparison)
    assert unit.flags.count() == 0


def test_it_undoes_only_the_editors_own_changes(client, editor, other_editor, comparison):
    client.force_login(other_editor)
    unit = unit_at(comparison, 0)
    client.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    client.force_login(editor)
    response = undo(client, comparison)
    assert response.status_code == 422
    assert unit_at(comparison, 0).review_state == "ok"


def test_it_refuses_to_undo_over_another_editors_later_change(
    client, editor, other_editor, comparison
):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    client.force_login(editor)
    client.post(action_url("flag_accept", unit, flag), {"version": 1}, **HTMX)
    client.force_login(other_editor)
    client.post(
        action_url("flag_edit", unit, flag),
        {"version": 2, "category": "factual.name", "severity": "critical", "note": ""},
        **HTMX,
    )
    client.force_login(editor)
    response = undo(client, comparison)
    assert response.status_code == 409
    assert "Cannot undo (you accepted a suggestion): someone changed that unit since." in (
        response.content.decode()
    )
    flag.refresh_from_db()
    assert (flag.status, flag.severity) == ("confirmed", "critical")
    assert not AuditEvent.objects.filter(action="undo").exists()


def test_it_undoes_marking_the_comparison_done(editor_client, comparison):
    comparison.units.update(review_state="ok")
    Flag.objects.filter(unit__comparison=comparison).update(status="dismissed")
    editor_client.post(reverse("articles:done", args=[comparison.pk]), {"position": 0}, **HTMX)
    comparison.refresh_from_db()
    assert comparison.status == "done"
    undo(editor_client, comparison)
    comparison.refresh_from_db()
    assert comparison.status == "in_review"


def test_it_undoes_through_the_plain_form(editor_client, comparison):
    unit = unit_at(comparison, 2)
    editor_client.post(action_url("unit_mark", unit), {"version": 1, "state": "flagged"})
    response = undo(editor_client, comparison, htmx=False)
    assert response.status_code == 302
    assert response["Location"].endswith("/step/2/")
    assert "Undone: you marked a unit." in editor_client.get(response["Location"]).content.decode()


def test_it_undoes_two_changes_to_one_unit_in_a_row(editor_client, comparison):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    editor_client.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    editor_client.post(action_url("unit_mark", unit), {"version": 2, "state": "flagged"}, **HTMX)
    assert undo(editor_client, comparison).status_code == 200
    assert unit_at(comparison, 1).review_state == "ok"
    # The first undo gave the unit a new version; that is no one else's change.
    assert undo(editor_client, comparison).status_code == 200
    assert unit_at(comparison, 1).review_state == "unreviewed"
    flag.refresh_from_db()
    assert flag.status == Flag.Status.SUGGESTED
