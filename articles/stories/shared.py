"""Shared drift: the same change found in several copies of one story.

Plain Python (no Django). A flag's drift is its category and the words at issue on
each side ("Vandersloot" → "Fandersloot", "3,200" → "2,300", a quote's wording); the
same drift in two or more copies is one group, with the copies it is in, in order of
publication, and the first copy that had it: the likely origin of the others.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from articles.analysis.categories import category_label
from articles.stories.grid import CopyRow

SUGGESTED, CONFIRMED, DISMISSED = "suggested", "confirmed", "dismissed"

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# Spans longer than this are cut in the group's label (an omitted sentence is a span).
LABEL_CHARS = 90


@dataclass(frozen=True, slots=True)
class SharedFlagRow:
    flag_id: int
    comparison_id: int
    unit_id: int
    unit_position: int
    unit_version: int
    category: str
    source_span: str
    target_span: str
    status: str


@dataclass(slots=True)
class SharedGroup:
    key: str  # stable across requests: the form names the group by it
    category: str
    source_span: str
    target_span: str
    copies: list[CopyRow]  # the copies it is in, by publication time
    of_copies: int  # copies in the story
    flags: list[SharedFlagRow] = field(default_factory=list)

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    @property
    def first(self) -> CopyRow:
        return self.copies[0]

    @property
    def label(self) -> str:
        return _cut(self.target_span or self.source_span)

    @property
    def open_flags(self) -> list[SharedFlagRow]:
        return [f for f in self.flags if f.status == SUGGESTED]

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.flags)

    @property
    def open_count(self) -> int:
        return self.count(SUGGESTED)

    @property
    def confirmed_count(self) -> int:
        return self.count(CONFIRMED)

    @property
    def dismissed_count(self) -> int:
        return self.count(DISMISSED)

    @property
    def versions(self) -> str:
        """unit id:version of every unit with an open flag of the group, for the form."""
        seen = {f.unit_id: f.unit_version for f in self.open_flags}
        return ",".join(f"{unit}:{version}" for unit, version in sorted(seen.items()))


def normal_span(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", text).strip(" .,;:")


def drift_key(category: str, source_span: str, target_span: str) -> str:
    raw = "\x1f".join((category, normal_span(source_span), normal_span(target_span)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def group_shared(
    flags: Iterable[SharedFlagRow], copies: Sequence[CopyRow], *, least: int = 2
) -> list[SharedGroup]:
    """Groups of the same drift in at least `least` copies, the most widespread first
    (then the earliest to appear). `copies` are in publication order."""
    order = {copy.comparison_id: n for n, copy in enumerate(copies)}
    by_id = {copy.comparison_id: copy for copy in copies}
    found: dict[str, list[SharedFlagRow]] = {}
    for flag in flags:
        if flag.comparison_id in order and (flag.source_span or flag.target_span):
            key = drift_key(flag.category, flag.source_span, flag.target_span)
            found.setdefault(key, []).append(flag)
    groups = []
    for key, members in found.items():
        ids = sorted({f.comparison_id for f in members}, key=order.__getitem__)
        if len(ids) < least:
            continue
        members.sort(key=lambda f: (order[f.comparison_id], f.unit_position, f.flag_id))
        head = members[0]
        groups.append(
            SharedGroup(
                key=key,
                category=head.category,
                source_span=head.source_span,
                target_span=head.target_span,
                copies=[by_id[i] for i in ids],
                of_copies=len(copies),
                flags=members,
            )
        )
    groups.sort(key=lambda g: (-len(g.copies), order[g.first.comparison_id], g.label))
    return groups


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
