"""Marking a comparison done: refused while anything is open (listing it, with links),
closed anyway by staff with a written reason, and then the next comparison offered."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AuditEvent, Comparison, Flag
from tests.builders import build_comparison

from .conftest import HTMX, step_url


def done_url(comparison) -> str:
    return reverse("articles:done", args=[comparison.pk])


def decide_everything(comparison) -> None:
    comparison.units.update(review_state="ok")
    Flag.objects.filter(unit__comparison=comparison).update(status="dismissed")


def test_it_refuses_done_while_suggestions_are_open_and_lists_them(editor_client, comparison):
    comparison.units.update(review_state="ok")  # marked, but two suggestions open
    response = editor_client.post(done_url(comparison), {"position": 0}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Not done: 2 units are not reviewed yet (2 open suggestions)" in html
    assert f'<a href="{step_url(comparison, 1)}">Unit 2</a>: 1 open suggestion' in html
    assert f'<a href="{step_url(comparison, 2)}">Unit 3</a>: 1 open suggestion' in html
    assert 'name="reason"' not in html  # an editor who is not staff cannot override
    comparison.refresh_from_db()
    assert comparison.status == "new"
    assert not AuditEvent.objects.exists()


def test_it_lists_unmarked_units_too_on_the_overview(editor_client, comparison):
    response = editor_client.post(done_url(comparison), {"from": "overview"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Not done: 5 units are not reviewed yet (2 open suggestions)" in html
    assert "Unit 1</a>: not marked OK or flagged" in html
    assert "Unit 2</a>: 1 open suggestion, not marked OK or flagged" in html


def test_it_marks_the_comparison_done_once_every_suggestion_is_decided(editor_client, comparison):
    decide_everything(comparison)
    response = editor_client.post(done_url(comparison), {"position": 4}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == comparison.get_absolute_url()
    comparison.refresh_from_db()
    assert (comparison.status, comparison.closed_open_reason) == ("done", "")
    event = AuditEvent.objects.get()
    assert (event.action, event.after) == ("comparison.done", {"comparison": {"status": "done"}})


def test_it_marks_it_done_through_the_plain_form_of_the_overview(editor_client, comparison):
    decide_everything(comparison)
    response = editor_client.post(done_url(comparison), {"from": "overview"})
    assert response.status_code == 302
    assert response["Location"] == comparison.get_absolute_url()
    page = editor_client.get(response["Location"]).content.decode()
    assert "Comparison marked done." in page


def test_staff_may_close_with_things_open_giving_a_reason(client, importer, comparison):
    client.force_login(importer)
    refused = client.post(done_url(comparison), {"from": "overview"})
    assert 'name="reason"' in refused.content.decode()
    reason = "Desk chief: <b>deadline</b>, suggestions checked by phone."
    response = client.post(
        done_url(comparison), {"from": "overview", "override": "1", "reason": reason}
    )
    assert response.status_code == 302
    comparison.refresh_from_db()
    assert (comparison.status, comparison.closed_open_reason) == ("done", reason)
    event = AuditEvent.objects.get()
    assert event.after["comparison"]["closed_open_reason"] == reason
    assert event.after["open_units"] == [1, 2, 3, 4, 5]
    page = client.get(comparison.get_absolute_url()).content.decode()
    assert "Desk chief: &lt;b&gt;deadline&lt;/b&gt;" in page


def test_staff_must_write_the_reason(client, importer, comparison):
    client.force_login(importer)
    response = client.post(
        done_url(comparison), {"from": "overview", "override": "1", "reason": "  "}
    )
    assert response.status_code == 422
    assert "Reason: write why the comparison is closed" in response.content.decode()
    comparison.refresh_from_db()
    assert comparison.status == "new"


def test_an_editor_who_is_not_staff_cannot_override(editor_client, comparison):
    response = editor_client.post(
        done_url(comparison), {"from": "overview", "override": "1", "reason": "late"}
    )
    assert response.status_code == 422
    assert "Only staff may close a comparison" in response.content.decode()


def test_a_done_comparison_offers_reopen_the_next_comparison_and_the_reports(
    editor_client, comparison
):
    waiting = build_comparison([("One.", "Un.")], title="Waiting story")
    decide_everything(comparison)
    editor_client.post(done_url(comparison), {"from": "overview"})
    html = editor_client.get(comparison.get_absolute_url()).content.decode()
    assert "Continue review" not in html
    assert reverse("articles:reopen", args=[comparison.pk]) in html
    assert f'href="{reverse("articles:start", args=[waiting.pk])}" id="next-comparison"' in html
    assert "Waiting story" in html
    assert 'class="downloads"' in html


def test_the_overview_says_when_nothing_else_waits(editor_client, comparison):
    decide_everything(comparison)
    Comparison.objects.filter(pk=comparison.pk).update(status="done")
    html = editor_client.get(comparison.get_absolute_url()).content.decode()
    assert "No other comparison is waiting for review." in html
