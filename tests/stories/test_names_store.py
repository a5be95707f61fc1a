"""The stored names index equals the index computed from scratch after every write of
a ledger: import, re-analysis, alignment fix and its undo, an article's outlet
changed, deletion; and `rebuild_names_index` rebuilds it."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Comparison
from articles.reanalysis import reanalyse
from articles.review.alignment import merge_with_next
from articles.review.undo import undo_last
from articles.stories.names_models import NameOccurrence, NameSpelling
from articles.stories.names_store import refresh_names, refresh_names_of_article
from articles.tuning.models import IgnoreEntry
from tests.builders import build_comparison
from tests.names_helpers import recomputed_index, set_ledger, stored_index
from tests.stories_helpers import import_seed_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def comparison() -> Comparison:
    return build_comparison([(f"Maroto spoke {n}.", f"Malotto spoke {n}.") for n in range(4)])


def _story_copies() -> list[Comparison]:
    source = import_seed_story()
    return list(
        Comparison.objects.filter(source=source).select_related("retranslation").order_by("pk")
    )


def test_it_holds_what_the_imported_ledgers_say():
    _story_copies()
    stored = stored_index()
    assert stored == recomputed_index()
    comparisons, occurrences, outlets, first, last, _ = stored[("Vandersloot", "Fandersloot")]
    assert comparisons == 4 and occurrences >= 4
    assert outlets == ["Coastal Times", "Evening Courier", "Harbour Daily", "Riverside Post"]
    assert first == dt.datetime(2024, 3, 12, 9, 40, tzinfo=dt.UTC)
    assert last == dt.datetime(2024, 3, 12, 14, 2, tzinfo=dt.UTC)


def test_it_follows_a_reanalysis_that_drops_an_ignored_pair():
    copies = _story_copies()
    IgnoreEntry.objects.create(left="Vandersloot", right="Fandersloot")
    reanalyse(copies[0])
    stored = stored_index()
    assert stored == recomputed_index()
    assert stored[("Vandersloot", "Fandersloot")][0] == 3
    for copy in copies[1:]:
        reanalyse(copy)
    assert ("Vandersloot", "Fandersloot") not in stored_index()
    assert stored_index() == recomputed_index()


def test_it_forgets_a_deleted_comparison_and_a_pair_left_nowhere():
    copies = _story_copies()
    lone = [c for c in copies if c.retranslation.outlet == "Metro Wire Digest"][0]
    lone_pairs = {(e["source"], e["target"]) for e in lone.ledger}
    assert lone_pairs
    lone.delete()
    stored = stored_index()
    assert stored == recomputed_index()
    assert not NameOccurrence.objects.filter(comparison_id=lone.pk).exists()
    # Its own misspelling occurred nowhere else: the pair is gone with it.
    assert any(pair not in stored for pair in lone_pairs)


def test_it_deletes_many_comparisons_at_once():
    _story_copies()
    Comparison.objects.all().delete()
    assert not NameSpelling.objects.exists() and not NameOccurrence.objects.exists()


def test_it_follows_the_unit_positions_through_a_merge_and_its_undo(editor):
    comparison = _story_copies()[0]
    entry = comparison.ledger[0]
    position = entry["units"][0]
    assert position > 0
    unit = comparison.units.get(position=position - 1)
    following = comparison.units.get(position=position)
    merge_with_next(
        user=editor, unit=unit, shown_version=unit.version, next_version=following.version
    )
    comparison.refresh_from_db()
    assert comparison.ledger[0]["units"][0] == position - 1
    assert stored_index() == recomputed_index()
    assert NameOccurrence.objects.filter(
        comparison=comparison, unit_position=position - 1, spelling__source=entry["source"]
    ).exists()
    undo_last(user=editor, comparison=comparison)
    assert stored_index() == recomputed_index()
    assert NameOccurrence.objects.filter(
        comparison=comparison, unit_position=position, spelling__source=entry["source"]
    ).exists()


def test_it_counts_under_an_outlet_and_time_changed_afterwards():
    copy = _story_copies()[0]
    article = copy.retranslation
    article.outlet = "Renamed Gazette"
    article.published_at = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    article.save()
    refresh_names_of_article(article.pk)
    stored = stored_index()
    assert stored == recomputed_index()
    assert any("Renamed Gazette" in figures[2] for figures in stored.values())


def test_it_keeps_occurrences_of_every_unit_and_entries_without_units(comparison):
    set_ledger(
        comparison,
        [
            {"source": "Maroto", "target": "Malotto", "units": [1, 3]},
            {"source": "Blinken", "target": "Brinken", "units": []},
            "not an entry",
        ],
    )
    places = sorted(
        NameOccurrence.objects.filter(comparison=comparison).values_list(
            "spelling__source", "unit_position"
        ),
        key=repr,
    )
    assert places == [("Blinken", None), ("Maroto", 1), ("Maroto", 3)]
    assert stored_index() == recomputed_index()


def test_it_refreshes_in_as_many_queries_for_sixty_names_as_for_one(comparison):
    counts = []
    for size in (1, 60):
        comparison.ledger = [
            {"source": f"Name{n}", "target": f"Nane{n}", "units": [n % 4]} for n in range(size)
        ]
        comparison.save(update_fields=["ledger"])
        with CaptureQueriesContext(connection) as queries:
            refresh_names([comparison.pk])
        counts.append(len(queries))
        assert stored_index() == recomputed_index()
    assert counts[0] == counts[1]


def test_the_command_rebuilds_an_index_gone_wrong_and_says_what_it_did():
    _story_copies()
    NameSpelling.objects.filter(source="Vandersloot").update(comparisons=99, outlets=["Nowhere"])
    NameOccurrence.objects.filter(spelling__source="Brouwersma").delete()
    Comparison.objects.filter(pk=Comparison.objects.first().pk).update(
        ledger=[{"source": "Hand", "target": "Made", "units": [0]}]
    )
    out = StringIO()
    call_command("rebuild_names_index", stdout=out)
    assert stored_index() == recomputed_index()
    assert ("Hand", "Made") in stored_index()
    text = out.getvalue()
    assert text.startswith("Names index rebuilt from 5 comparison(s)")
    assert "spelling pair(s)" in text and "occurrence(s)" in text


def test_the_command_has_help_text():
    from articles.management.commands.rebuild_names_index import Command

    assert "stored ledger" in Command.help


def test_an_outlet_changed_in_the_admin_moves_the_names_with_it(rf, admin_user):
    from types import SimpleNamespace

    from django.contrib import admin

    from articles.admin.articles import ArticleAdmin

    article = _story_copies()[0].retranslation
    article.outlet = "Renamed Gazette"
    request = rf.post("/")
    request.user = admin_user
    ArticleAdmin(type(article), admin.site).save_model(
        request, article, SimpleNamespace(changed_data=["outlet"]), change=True
    )
    assert stored_index() == recomputed_index()
    assert any("Renamed Gazette" in figures[2] for figures in stored_index().values())
