"""The analysis says exactly what its record says about the seed pair and every case of
the evaluation set (units and suggestions, reasons included): speed work must not
change a result (articles/analysis/snapshot.py says how the record is made)."""

from __future__ import annotations

import json

import pytest

from articles.analysis import snapshot
from articles.analysis.pipeline import ANALYSIS_VERSION


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(snapshot.SNAPSHOT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def today() -> dict:
    return snapshot.snapshot()


def test_it_records_the_analysis_version_of_today(recorded):
    # A deliberate change of results bumps the version and writes the record anew.
    assert recorded["analysis_version"] == ANALYSIS_VERSION


def test_it_covers_the_seed_pair_and_every_evaluation_case(recorded):
    names = [name for name, _, _ in snapshot.snapshot_pairs()]
    assert sorted(recorded["pairs"]) == sorted(names)
    assert "seed" in names and len(names) > 10


@pytest.mark.parametrize("name", [name for name, _, _ in snapshot.snapshot_pairs()])
def test_it_gives_the_recorded_units_and_suggestions(recorded, today, name):
    assert today["pairs"][name] == recorded["pairs"][name]


def test_it_still_suggests_something_on_the_seed_pair(today):
    # The record is not vacuous: the seed pair has drift to find.
    assert sum(len(unit["suggestions"]) for unit in today["pairs"]["seed"]) >= 5
