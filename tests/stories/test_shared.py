"""articles.stories.shared: the same drift in several copies, grouped (no database)."""

from __future__ import annotations

import datetime as dt

from articles.stories.shared import SharedFlagRow, drift_key, group_shared
from tests.stories.test_grid import copy

COPIES = [copy(1, 1), copy(2, 2), copy(3, 3), copy(4, 4)]  # publication order


def flag(fid, cid, category="factual.name", src="Vandersloot", tgt="Fandersloot", **kw):
    values = {"unit_id": cid * 100 + fid, "unit_position": fid, "unit_version": 1}
    values.update(kw)
    return SharedFlagRow(
        fid,
        cid,
        values["unit_id"],
        values["unit_position"],
        values["unit_version"],
        category,
        src,
        tgt,
        kw.get("status", "suggested"),
    )


def test_it_groups_one_respelling_across_copies_with_where_it_first_appeared():
    flags = [
        flag(1, 3),
        flag(2, 2),
        flag(3, 4, tgt="FANDERSLOOT."),
        flag(4, 1, tgt="Van der Sloot"),
    ]
    [group] = group_shared(flags, COPIES)
    assert [c.comparison_id for c in group.copies] == [2, 3, 4]
    assert group.first.outlet == "Outlet 2"
    assert group.first.published_at == dt.datetime(2024, 3, 12, 11, tzinfo=dt.UTC)
    assert (len(group.copies), group.of_copies) == (3, 4)
    assert group.label == "Fandersloot" and group.category_label == "Name"


def test_it_keeps_apart_other_categories_and_drift_in_one_copy_only():
    flags = [
        flag(1, 1),
        flag(2, 1, category="factual.number", src="3,200", tgt="2,300"),
        flag(3, 2, category="factual.number", src="3,200", tgt="2,300"),
        flag(4, 3, category="factual.number", src="3,200", tgt="2,300"),
        flag(5, 2, category="attribution.quote", src="no one has been hurt", tgt="nobody was"),
    ]
    groups = group_shared(flags, COPIES)
    assert [(g.category, len(g.copies)) for g in groups] == [("factual.number", 3)]


def test_it_counts_flags_by_status_and_lists_the_open_units_versions():
    flags = [
        flag(1, 1, unit_id=11, unit_version=4),
        flag(2, 2, unit_id=21, unit_version=2, status="confirmed"),
        flag(3, 3, unit_id=31, unit_version=7),
        flag(4, 4, unit_id=41, unit_version=1, status="dismissed"),
    ]
    [group] = group_shared(flags, COPIES)
    assert (group.open_count, group.confirmed_count, group.dismissed_count) == (2, 1, 1)
    assert group.versions == "11:4,31:7"


def test_it_puts_the_most_widespread_drift_first():
    flags = [
        flag(1, 1, tgt="Brauwersma", src="Brouwersma"),
        flag(2, 2, tgt="Brauwersma", src="Brouwersma"),
    ]
    flags += [flag(3, 2), flag(4, 3), flag(5, 4)]
    assert [g.label for g in group_shared(flags, COPIES)] == ["Fandersloot", "Brauwersma"]


def test_it_names_a_drift_by_the_same_key_whatever_its_spacing_and_case():
    assert drift_key("factual.name", "Vandersloot", " fandersloot ") == drift_key(
        "factual.name", "Vandersloot", "Fandersloot"
    )
    assert drift_key("factual.name", "A", "B") != drift_key("factual.number", "A", "B")
