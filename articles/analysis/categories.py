"""The fixed vocabulary of drift: categories, severities and their weights.

Every part of newsdrift (analysis, models, views, reports) uses these codes, so they
live here, in plain Python, where the analysis can import them without Django.
"""

from __future__ import annotations

# Code -> (short label, what it means). The order is the order editors see.
CATEGORIES: dict[str, tuple[str, str]] = {
    "factual.name": ("Name", "A person, organisation or place spelled differently or replaced."),
    "factual.number": ("Number", "A number, amount, percentage or count changed."),
    "factual.date": ("Date", "A date, month, weekday or time reference changed."),
    "factual.place": ("Place / direction", "A place or direction swapped."),
    "factual.negation": ("Negation", "A statement flipped between affirmative and negative."),
    "factual.meaning": ("Meaning", "A key content word changed the meaning."),
    "attribution.speaker": ("Speaker", "A quote or claim given to someone else."),
    "attribution.quote": ("Quote wording", "The words inside quotation marks changed."),
    "attribution.source": ("Sourcing", "How the claim is sourced changed."),
    "attribution.pronoun": ("Pronoun", "A pronoun now refers to another gender or number."),
    "attribution.hedge": ("Hedge", "A hedge such as 'reportedly' added or lost."),
    "omission": ("Omission", "A sentence or clause of the source is missing."),
    "addition": ("Addition", "A sentence or clause appears only in the retranslation."),
}

CATEGORY_CODES: tuple[str, ...] = tuple(CATEGORIES)

MINOR, MAJOR, CRITICAL = "minor", "major", "critical"
SEVERITIES: tuple[str, ...] = (MINOR, MAJOR, CRITICAL)

# MQM-style penalty points per confirmed flag (see docs/drift-score.md).
SEVERITY_POINTS: dict[str, int] = {MINOR: 1, MAJOR: 5, CRITICAL: 25}


def category_label(code: str) -> str:
    """The short human label of a category code ("factual.name" -> "Name")."""
    return CATEGORIES[code][0]


def severity_rank(severity: str) -> int:
    """0 for minor, 1 for major, 2 for critical: for sorting by the worst flag."""
    return SEVERITIES.index(severity)
