"""A comparison with several suggestions like one another ("strikes" → "attack"), for the
tests of bulk decisions."""

from __future__ import annotations

from articles.models import Comparison, Flag
from tests.builders import build_comparison

STRIKES = {
    "category": "factual.number",
    "severity": "minor",
    "source_span": "strikes",
    "target_span": "attack",
    "rule": "number.plural",
}

UNITS = [
    ("The strikes hit Syria.", "The attack hit Syria."),
    ("Iraq condemned the strikes.", "Iraq condemned the attack."),
    ("Two strikes, officials said.", "An attack, officials said."),
    ("Maroto spoke.", "Malotto spoke."),
    ("Strikes resumed on Monday.", "Attack resumed on Monday."),
]

LIKE_FLAGS = {
    0: [STRIKES],
    1: [STRIKES, {**STRIKES, "source_span": "strikes", "target_span": "attacks"}],
    2: [{**STRIKES, "source_span": "strikes,", "target_span": "attack"}],
    3: [
        {
            "category": "factual.name",
            "severity": "major",
            "source_span": "Maroto",
            "target_span": "Malotto",
            "rule": "name.respelled",
        }
    ],
    4: [{**STRIKES, "source_span": "Strikes", "target_span": "Attack", "rule": "other.rule"}],
}


def build_likes() -> Comparison:
    """Units 0-2 hold three suggestions like one another (one with a comma); unit 1
    also holds one with other words (attacks), unit 4 one raised by another rule."""
    comparison = build_comparison(UNITS, title="Strikes in Syria", flags=LIKE_FLAGS)
    comparison.ledger = [{"source": "Maroto", "target": "Malotto", "units": [3]}]
    comparison.save(update_fields=["ledger"])
    return comparison


def strikes(comparison: Comparison) -> list[Flag]:
    """The three suggestions like one another, in unit order."""
    return list(
        Flag.objects.filter(
            unit__comparison=comparison, rule="number.plural", target_span="attack"
        ).order_by("unit__position", "id")
    )


def versions_of(flags: list[Flag]) -> dict[int, int]:
    return {f.unit_id: f.unit.version for f in flags}


def like_form(flags: list[Flag], **extra) -> dict:
    """What the step view's bulk form posts for these flags, as shown."""
    versions = versions_of(flags)
    return {
        "flags": ",".join(str(f.pk) for f in flags),
        "versions": ",".join(f"{pk}:{v}" for pk, v in sorted(versions.items())),
        "version": flags[0].unit.version,
        **extra,
    }


def like_url(name: str, flag: Flag) -> str:
    from django.urls import reverse

    return reverse(f"articles:{name}", args=[flag.unit.comparison_id, flag.unit_id, flag.pk])
