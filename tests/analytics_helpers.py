"""A small archive whose analytics are computed by hand in the tests
(tests/views/test_analytics*.py, tests/browser/test_analytics_page.py).

    comparison  outlet  day         source words  confirmed flags             score
    A           Alpha   2026-01-10  100           name (major), hedge (minor)  6.00
    B           Alpha   2026-02-03  100           omission (minor)             1.00
    C           Beta    2026-01-20  100           none (one suggested)         0.00
    D           Beta    2026-02-15  200           hedge (minor)                0.50

Decisions: edna decided 3 units on 1 March 2026 and 1 on 2 March; otto 3 on 1 March.
"""

from __future__ import annotations

from datetime import UTC, datetime

from articles.analytics.aggregates import rebuild
from articles.models import AlignmentUnit, Comparison
from tests.builders import build_comparison

WORDS = " ".join(f"w{i}" for i in range(19))  # with the unit's number: 20 words


def _comparison(name: str, outlet: str, day: str, units: int, flags: dict) -> Comparison:
    comparison = build_comparison(
        [(f"{name}{i} {WORDS}", f"{name}{i} {WORDS}") for i in range(units)],
        title=f"Story {name}",
        flags=flags,
    )
    published = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
    retranslation = comparison.retranslation
    retranslation.outlet = outlet
    retranslation.published_at = published
    retranslation.save()
    return comparison


def _confirmed(category: str, severity: str) -> dict:
    return {"category": category, "severity": severity, "status": "confirmed"}


def build_archive(edna, otto) -> dict[str, Comparison]:
    archive = {
        "A": _comparison(
            "a",
            "Alpha",
            "2026-01-10",
            5,
            {
                0: [_confirmed("factual.name", "major")],
                1: [_confirmed("attribution.hedge", "minor")],
            },
        ),
        "B": _comparison(
            "b",
            "Alpha",
            "2026-02-03",
            5,
            {
                2: [
                    _confirmed("omission", "minor"),
                    {"category": "factual.number", "severity": "critical", "status": "dismissed"},
                ]
            },
        ),
        "C": _comparison(
            "c",
            "Beta",
            "2026-01-20",
            5,
            {0: [{"category": "factual.name", "severity": "major", "status": "suggested"}]},
        ),
        "D": _comparison(
            "d", "Beta", "2026-02-15", 10, {3: [_confirmed("attribution.hedge", "minor")]}
        ),
    }
    first, second = (datetime(2026, 3, d, 9, tzinfo=UTC) for d in (1, 2))
    units = list(AlignmentUnit.objects.filter(comparison=archive["D"]).order_by("position"))
    for unit, (who, when) in zip(
        units,
        [(edna, first)] * 3 + [(edna, second)] + [(otto, first)] * 3,
        strict=False,
    ):
        AlignmentUnit.objects.filter(pk=unit.pk).update(
            review_state="ok", reviewed_by=who, reviewed_at=when
        )
    rebuild()
    return archive
