"""Dismissing a ledger name on all its units, in the domain layer."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Flag
from articles.review.errors import ReviewError
from articles.review.ledger import dismiss_ledger_entry, is_dismissed, open_about
from articles.review.undo import undo_last


def flags_by_position(comparison) -> dict[int, list[Flag]]:
    return {u.position: list(u.flags.all()) for u in comparison.units.prefetch_related("flags")}


def versions(comparison) -> dict[int, int]:
    return dict(comparison.units.values_list("id", "version"))


def test_it_knows_what_is_open_and_when_a_name_is_dismissed(likes):
    entry = likes.ledger[0]
    assert [f.source_span for f in open_about(entry, flags_by_position(likes))] == ["Maroto"]
    assert not is_dismissed(entry, flags_by_position(likes))
    Flag.objects.filter(category="factual.name").update(status="dismissed")
    assert open_about(entry, flags_by_position(likes)) == []
    assert is_dismissed(entry, flags_by_position(likes))


def test_it_dismisses_the_names_suggestions_as_one_undoable_decision(likes, editor):
    result = dismiss_ledger_entry(user=editor, comparison=likes, index=0, versions=versions(likes))
    assert (result.flags, result.units) == (1, 1)
    name = Flag.objects.get(category="factual.name")
    assert name.status == "dismissed"
    event = AuditEvent.objects.get()
    assert (event.action, event.flag, event.after["bulk"]["ledger"]["source"]) == (
        "flag.dismiss",
        name,
        "Maroto",
    )
    undo_last(user=editor, comparison=likes)
    name.refresh_from_db()
    assert name.status == "suggested"


def test_it_refuses_an_entry_that_is_not_in_the_ledger(likes, editor):
    with pytest.raises(ReviewError, match="there is no name number 3"):
        dismiss_ledger_entry(user=editor, comparison=likes, index=3, versions=versions(likes))
