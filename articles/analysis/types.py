"""The data the analysis passes between its steps and to its callers.

Plain, immutable dataclasses: the analysis never imports Django, and the importer,
views and commands translate these into model rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Segment kinds. Only TITLE and BODY segments are aligned; the others are article
# metadata that editors see apart from the alignment.
TITLE = "title"
BODY = "body"
BOILERPLATE = "boilerplate"
CAPTION = "caption"
BYLINE = "byline"
CREDIT = "credit"
SEGMENT_KINDS: tuple[str, ...] = (TITLE, BODY, BOILERPLATE, CAPTION, BYLINE, CREDIT)
ALIGNABLE_KINDS: frozenset[str] = frozenset({TITLE, BODY})

# Alignment unit kinds.
MATCH = "match"
OMISSION = "omission"  # source sentence(s), nothing in the retranslation
ADDITION = "addition"  # retranslation sentence(s), nothing in the source
UNIT_KINDS: tuple[str, ...] = (MATCH, OMISSION, ADDITION)


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or one metadata line) of an article.

    `start`/`end` are character offsets: into the title for TITLE segments, into the
    body for every other kind, so that `text == source[start:end]`.
    """

    text: str
    kind: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AlignedUnit:
    """A step of the alignment: indices into the source and target segment lists.

    Either side may be empty (omission, addition). `moved` marks a pair whose target
    left its place in the running order of the article.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    kind: str
    similarity: float
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A drift the analysis suggests, with the evidence an editor needs to judge it."""

    category: str
    severity: str
    source_span: str
    target_span: str
    reason: str  # one line an editor can read
    rule: str  # the rule that fired, e.g. "name.respelled"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """A name spelled one way in the source and another way in the retranslation."""

    source_name: str
    target_name: str
    # Indices into the list of units given to the ledger builder.
    units: tuple[int, ...] = field(default_factory=tuple)
