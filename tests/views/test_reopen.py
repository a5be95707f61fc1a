"""Reopening a done comparison: editors may, it is audited, and undo takes it back."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AuditEvent, Comparison

from .conftest import HTMX


def reopen_url(comparison) -> str:
    return reverse("articles:reopen", args=[comparison.pk])


def make_done(comparison, reason: str = "") -> None:
    Comparison.objects.filter(pk=comparison.pk).update(status="done", closed_open_reason=reason)


def test_it_reopens_a_done_comparison_and_records_it(editor_client, editor, comparison):
    make_done(comparison, reason="deadline")
    response = editor_client.post(reopen_url(comparison))
    assert response.status_code == 302
    comparison.refresh_from_db()
    assert (comparison.status, comparison.closed_open_reason) == ("in_review", "")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == ("comparison.reopen", editor)
    assert event.before["comparison"] == {"status": "done", "closed_open_reason": "deadline"}
    page = editor_client.get(response["Location"]).content.decode()
    assert "Comparison reopened" in page
    assert "Continue review" in page


def test_undo_closes_it_again_with_its_reason(editor_client, comparison):
    make_done(comparison, reason="deadline")
    editor_client.post(reopen_url(comparison), {"from": "step", "position": 0}, **HTMX)
    editor_client.post(reverse("articles:undo", args=[comparison.pk]), {"position": 0}, **HTMX)
    comparison.refresh_from_db()
    assert (comparison.status, comparison.closed_open_reason) == ("done", "deadline")


def test_it_answers_the_step_view_when_reopened_from_there(editor_client, comparison):
    make_done(comparison)
    response = editor_client.post(reopen_url(comparison), {"from": "step", "position": 2}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Comparison reopened: it is in review again." in html
    assert 'data-key="done"' in html  # the head swapped in shows Mark done again


def test_it_refuses_to_reopen_a_comparison_that_is_not_done(editor_client, comparison):
    response = editor_client.post(reopen_url(comparison))
    assert response.status_code == 422
    assert "is not done: nothing to reopen" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_a_viewer_cannot_reopen(viewer_client, comparison):
    make_done(comparison)
    assert viewer_client.post(reopen_url(comparison)).status_code == 403
    comparison.refresh_from_db()
    assert comparison.status == "done"
