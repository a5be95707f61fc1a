"""Two editors on one unit: a change against a version someone else changed is refused."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Flag
from articles.review.errors import Conflict
from articles.review.locking import claim_unit

from .conftest import HTMX, action_url, step_url, suggestion_on, unit_at


@pytest.fixture
def two_clients(client, django_user_model, editor, other_editor):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other_editor)
    return first, second


def test_it_refuses_a_change_against_a_unit_changed_since_and_shows_it_fresh(
    two_clients, comparison
):
    edna, otto = two_clients
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    # Both open the unit at version 1; Edna accepts first.
    assert edna.get(step_url(comparison, 1)).status_code == 200
    assert otto.get(step_url(comparison, 1)).status_code == 200
    edna.post(action_url("flag_accept", unit, flag), {"version": 1}, **HTMX)
    response = otto.post(action_url("flag_dismiss", unit, flag), {"version": 1}, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Unit 2 was changed by someone else since you opened it." in html
    assert "Your change was not saved" in html
    assert "Confirmed by edna" in html  # the fresh unit
    assert 'name="version" value="2"' in html
    flag.refresh_from_db()
    assert flag.status == Flag.Status.CONFIRMED
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["flag.accept"]


def test_it_refuses_a_stale_plain_form_with_the_whole_page(two_clients, comparison):
    edna, otto = two_clients
    unit = unit_at(comparison, 0)
    edna.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"})
    response = otto.post(action_url("unit_mark", unit), {"version": 1, "state": "flagged"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "<html" in html and "was changed by someone else" in html
    assert unit_at(comparison, 0).review_state == "ok"


def test_it_refuses_a_stale_new_flag(two_clients, comparison):
    edna, otto = two_clients
    unit = unit_at(comparison, 0)
    edna.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    response = otto.post(
        action_url("flag_add", unit),
        {"version": 1, "category": "factual.date", "severity": "minor"},
        **HTMX,
    )
    assert response.status_code == 409
    assert not unit.flags.exists()


def test_the_conditional_update_lets_only_one_of_two_changes_of_a_version_through(comparison):
    first, second = unit_at(comparison, 0), unit_at(comparison, 0)
    claim_unit(first, 1, review_state="ok")
    with pytest.raises(Conflict):
        claim_unit(second, 1, review_state="flagged")
    assert unit_at(comparison, 0).review_state == "ok"
    assert unit_at(comparison, 0).version == 2


def test_a_conflict_shows_the_unit_where_someone_elses_fix_moved_it(two_clients, comparison):
    edna, otto = two_clients
    first, second = unit_at(comparison, 0), unit_at(comparison, 2)
    # Otto merges units 0 and 1: unit 2 becomes unit 1. Edna, still at version 1 of it:
    otto.post(action_url("unit_merge", first), {"version": 1, "next_version": 1})
    other = unit_at(comparison, 1)
    assert other.pk == second.pk
    otto.post(action_url("unit_mark", other), {"version": 1, "state": "ok"})
    response = edna.post(
        action_url("unit_mark", second), {"version": 1, "state": "flagged", "position": 2}, **HTMX
    )
    assert response.status_code == 409
    assert 'id="unit-title" class="unit-title">Unit 2 ' in response.content.decode()
