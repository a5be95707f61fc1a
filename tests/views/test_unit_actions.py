"""Marking units OK or flagged, moving on, and finishing the comparison."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AlignmentUnit, AuditEvent, Flag

from .conftest import HTMX, action_url, step_url, unit_at


def mark(client, unit, state, htmx=True, show="all"):
    return client.post(
        action_url("unit_mark", unit),
        {"version": unit.version, "state": state, "show": show},
        **(HTMX if htmx else {}),
    )


def test_it_marks_a_unit_ok_and_shows_the_next_one(editor_client, editor, comparison):
    unit = unit_at(comparison, 0)
    response = mark(editor_client, unit, "ok")
    assert response.status_code == 200
    assert response["HX-Replace-Url"] == step_url(comparison, 1)
    assert 'id="unit-title" class="unit-title">Unit 2 ' in response.content.decode()
    unit.refresh_from_db()
    assert (unit.review_state, unit.reviewed_by, unit.version) == ("ok", editor, 2)
    assert unit.reviewed_at is not None
    event = AuditEvent.objects.get()
    assert event.action == "unit.mark"
    assert event.before["units"][str(unit.pk)]["review_state"] == "unreviewed"
    assert event.after["units"][str(unit.pk)]["review_state"] == "ok"


def test_it_updates_the_progress_bar_out_of_band(editor_client, comparison):
    html = mark(editor_client, unit_at(comparison, 0), "ok").content.decode()
    assert 'hx-swap-oob="true"' in html
    assert '<progress id="progress" max="5" value="1"' in html


def test_it_moves_on_to_the_next_unit_the_filter_shows(editor_client, comparison):
    response = mark(editor_client, unit_at(comparison, 0), "ok", show="suggested")
    assert response["HX-Replace-Url"] == step_url(comparison, 1) + "?show=suggested"


def test_it_marks_a_unit_ok_through_the_plain_form(editor_client, comparison):
    response = mark(editor_client, unit_at(comparison, 3), "flagged", htmx=False)
    assert response.status_code == 302
    assert response["Location"] == step_url(comparison, 4)
    assert unit_at(comparison, 3).review_state == "flagged"


def test_it_refuses_ok_for_a_unit_with_confirmed_flags(editor_client, comparison):
    unit = unit_at(comparison, 1)
    Flag.objects.filter(unit=unit).update(status="confirmed")
    response = mark(editor_client, unit, "ok")
    assert response.status_code == 422
    assert "has 1 confirmed flag(s)" in response.content.decode()
    assert unit_at(comparison, 1).review_state == "unreviewed"


def test_it_reopens_a_reviewed_unit(editor_client, comparison):
    AlignmentUnit.objects.filter(comparison=comparison, position=0).update(review_state="ok")
    response = mark(editor_client, unit_at(comparison, 0), "unreviewed")
    assert response["HX-Replace-Url"] == step_url(comparison, 0)
    unit = unit_at(comparison, 0)
    assert (unit.review_state, unit.reviewed_by) == ("unreviewed", None)


def test_it_moves_a_new_comparison_to_in_review_once_an_editor_decides(editor_client, comparison):
    editor_client.get(step_url(comparison, 0))
    comparison.refresh_from_db()
    assert comparison.status == "new"
    mark(editor_client, unit_at(comparison, 0), "ok")
    comparison.refresh_from_db()
    assert comparison.status == "in_review"


def test_a_done_comparison_goes_back_to_review_when_a_unit_is_reopened(editor_client, comparison):
    AlignmentUnit.objects.filter(comparison=comparison).update(review_state="ok")
    comparison.status = "done"
    comparison.save()
    mark(editor_client, unit_at(comparison, 2), "unreviewed")
    comparison.refresh_from_db()
    assert comparison.status == "in_review"


def test_ok_dismisses_the_open_suggestions_in_one_undoable_step(editor_client, editor, comparison):
    unit = unit_at(comparison, 1)
    response = mark(editor_client, unit, "ok")
    assert response.status_code == 200
    assert "Marked OK; dismissed its 1 open suggestion" in response.content.decode()
    assert Flag.objects.get(unit=unit).status == "dismissed"
    event = AuditEvent.objects.get()
    assert event.action == "unit.mark"
    assert list(event.before["flags"].values())[0]["status"] == "suggested"
    editor_client.post(reverse("articles:undo", args=[comparison.pk]), {"position": 2}, **HTMX)
    assert Flag.objects.get(unit=unit).status == "suggested"
    assert unit_at(comparison, 1).review_state == "unreviewed"


def test_accepting_one_of_two_suggestions_leaves_the_unit_not_reviewed(editor_client, comparison):
    unit = unit_at(comparison, 1)
    Flag.objects.create(unit=unit, category="factual.number", origin="auto", status="suggested")
    first = Flag.objects.filter(unit=unit).order_by("id").first()
    html = editor_client.post(
        action_url("flag_accept", unit, first), {"version": 1}, **HTMX
    ).content.decode()
    assert unit_at(comparison, 1).review_state == "flagged"
    assert '<progress id="progress" max="5" value="0"' in html
    assert "Unit 2, flagged, worst flag major, 1 open suggestion(s)" in html
