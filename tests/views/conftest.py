"""Fixtures of the review view tests: a small hand-built comparison and request helpers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import AlignmentUnit, Comparison, Flag
from tests.builders import build_comparison
from tests.names_helpers import set_ledger

HTMX = {"HTTP_HX_REQUEST": "true"}

UNITS = [
    (
        "US forces came under missile fire in Syria on Monday.",
        "U.S. troops were hit by rockets in Syria on Monday.",
    ),
    (
        "“We are assessing the damage,” Colonel Wayne Maroto said.",
        "“Damage is being assessed,” said Colonel Wayne Malotto.",
    ),
    ("She vowed revenge.", "They vowed to retaliate."),
    ("The strikes killed four members of the brigade.", ""),
    ("", "But it is not yet clear who launched the latest salvo."),
]

FLAGS = {
    1: [
        {
            "category": "factual.name",
            "severity": "major",
            "source_span": "Maroto",
            "target_span": "Malotto",
            "reason": "The name Maroto became Malotto.",
            "rule": "name.respelled",
        }
    ],
    2: [
        {
            "category": "attribution.pronoun",
            "severity": "minor",
            "source_span": "She",
            "target_span": "They",
            "reason": "“She” became “They”.",
            "rule": "pronoun.changed",
        }
    ],
}


@pytest.fixture
def comparison(db) -> Comparison:
    comparison = build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)
    set_ledger(comparison, [{"source": "Maroto", "target": "Malotto", "units": [1]}])
    return comparison


def unit_at(comparison: Comparison, position: int) -> AlignmentUnit:
    return comparison.units.get(position=position)


def suggestion_on(comparison: Comparison, position: int) -> Flag:
    return Flag.objects.get(unit__comparison=comparison, unit__position=position)


def step_url(comparison: Comparison, position: int) -> str:
    return reverse("articles:step", args=[comparison.pk, position])


def action_url(name: str, unit: AlignmentUnit, flag: Flag | None = None) -> str:
    args = [unit.comparison_id, unit.pk] + ([flag.pk] if flag else [])
    return reverse(f"articles:{name}", args=args)
