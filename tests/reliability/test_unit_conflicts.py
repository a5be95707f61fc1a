"""Two editors changing the same unit at once: one wins, the other is refused.

Optimistic locking (AlignmentUnit.version): a change is a conditional update that
only applies while the unit is still at the version the editor saw; it bumps the
version. Tested on the test database in this process (SQLite in the first run,
PostgreSQL in the second) and with two real processes racing on each backend.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from articles.models import AlignmentUnit
from tests.builders import build_comparison
from tests.reliability.figures import record
from tests.reliability.test_url_access import csrf_client


def decide(unit_id: int, seen_version: int, state: str) -> bool:
    """The conditional update an editor's change makes; True when it applied."""
    with transaction.atomic():
        changed = AlignmentUnit.objects.filter(pk=unit_id, version=seen_version).update(
            review_state=state, version=F("version") + 1
        )
    return changed == 1


def test_it_lets_the_first_of_two_editors_win_and_refuses_the_second(db):
    unit = build_comparison([("Maroto spoke.", "Malotto spoke.")]).units.get()
    seen_by_first = seen_by_second = AlignmentUnit.objects.get(pk=unit.pk).version

    first = decide(unit.pk, seen_by_first, AlignmentUnit.ReviewState.FLAGGED)
    second = decide(unit.pk, seen_by_second, AlignmentUnit.ReviewState.OK)

    assert (first, second) == (True, False)
    fresh = AlignmentUnit.objects.get(pk=unit.pk)
    assert fresh.review_state == AlignmentUnit.ReviewState.FLAGGED
    assert fresh.version == seen_by_first + 1
    # With the fresh state in hand, the second editor's retry applies.
    assert decide(unit.pk, fresh.version, AlignmentUnit.ReviewState.OK)


def test_it_lets_exactly_one_of_two_racing_processes_change_a_unit(procs_db):
    unit = procs_db.worker("seed", 1)["units"][0]

    answers = procs_db.together(
        [
            ["decide", unit, 1, "flagged", procs_db.go_file],
            ["decide", unit, 1, "ok", procs_db.go_file],
        ]
    )

    assert sorted(a["changed"] for a in answers) == [0, 1]
    winner = next(a for a in answers if a["changed"])
    loser = next(a for a in answers if not a["changed"])
    # The loser reads the fresh state: the winner's decision, at version 2.
    assert loser["state"] == winner["state"]
    assert {a["version"] for a in answers} == {2}
    record("racing editors on one unit: changes applied", "1 of 2", backend=procs_db.vendor)


def test_it_refuses_the_second_editor_through_the_review_function(db, editor, other_editor):
    from articles.review.errors import Conflict
    from articles.review.units import mark_unit

    unit = build_comparison([("Maroto spoke.", "Malotto spoke.")]).units.get()
    first_copy = AlignmentUnit.objects.get(pk=unit.pk)
    second_copy = AlignmentUnit.objects.get(pk=unit.pk)

    mark_unit(user=editor, unit=first_copy, shown_version=1, state="flagged")
    with pytest.raises(Conflict) as refused:
        mark_unit(user=other_editor, unit=second_copy, shown_version=1, state="ok")

    assert "changed by someone else" in str(refused.value)
    fresh = AlignmentUnit.objects.get(pk=unit.pk)
    assert (fresh.review_state, fresh.reviewed_by, fresh.version) == ("flagged", editor, 2)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain-form", "htmx"])
def test_it_answers_the_second_editor_409_with_the_fresh_state(db, editor, other_editor, htmx):
    comparison = build_comparison([("Maroto spoke.", "Malotto spoke."), ("Then.", "Then.")])
    unit = comparison.units.get(position=0)
    url = reverse("articles:unit_mark", args=[comparison.pk, unit.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    first, second = csrf_client(editor), csrf_client(other_editor)

    won = first.post(url, {"version": 1, "state": "flagged"}, headers=headers)
    lost = second.post(url, {"version": 1, "state": "ok"}, headers=headers)

    assert won.status_code in (200, 302)
    assert lost.status_code == 409
    body = lost.content.decode()
    assert "changed by someone else" in body
    fresh = AlignmentUnit.objects.get(pk=unit.pk)
    assert (fresh.review_state, fresh.reviewed_by, fresh.version) == ("flagged", editor, 2)
    # The refusal carries the unit as it is now, so the second editor can act on it.
    assert 'name="version" value="2"' in body


def test_it_lets_one_of_two_processes_win_through_the_review_function(procs_db):
    unit = procs_db.worker("seed", 1)["units"][0]

    answers = procs_db.together(
        [
            ["mark", unit, 1, "flagged", "edna", procs_db.go_file],
            ["mark", unit, 1, "ok", "otto", procs_db.go_file],
        ]
    )

    assert sorted(a["changed"] for a in answers) == [0, 1]
    loser = next(a for a in answers if not a["changed"])
    winner = next(a for a in answers if a["changed"])
    assert "changed by someone else" in loser["refusal"]
    assert loser["state"] == winner["state"] and loser["version"] == 2
    record(
        "racing editors through the review (mark_unit): changes applied",
        "1 of 2",
        backend=procs_db.vendor,
    )
