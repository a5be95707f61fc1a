"""A newsroom's tuning of the analysis: accepted equivalents and rule settings.

Staff keep an ignore list (pairs of spellings or phrases the newsroom accepts as the
same, e.g. Sayyid ↔ Sayyed) and may mute a rule or lower its severity. The Django side
(articles/tuning/) reads them from the database and hands them to the pipeline as the
plain data below; this module filters the suggestions and counts what it filtered, so
that reports can say how many suggestions were suppressed and by what.

A suggestion is suppressed by an ignore-list entry when its two spans say the same
thing once the entry's two sides are taken as one word: "Sayyid Hassan" against
"Sayyed Hassan" is, "Sayyid Hassan" against "Sayyed Nasrallah" is not.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .categories import SEVERITIES, severity_rank
from .types import LedgerEntry, Suggestion

# What a tuning did to a suggestion (TuningEffect.kind).
IGNORED = "ignored"  # matched an ignore-list entry: not raised
MUTED = "muted"  # its rule is muted: not raised
LOWERED = "lowered"  # raised with its rule's lowered severity
EFFECT_KINDS: tuple[str, ...] = (IGNORED, MUTED, LOWERED)

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The words of a text, case and punctuation aside (how entries are compared)."""
    return tuple(_WORD.findall(text.casefold()))


@dataclass(frozen=True, slots=True)
class IgnorePair:
    """One ignore-list entry: `left` and `right` are accepted equivalents."""

    id: int
    left: str
    right: str

    def canonical(self, text_words: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
        """The words with either side of the pair replaced by one marker, and whether
        anything was replaced."""
        sides = sorted({words(self.left), words(self.right)} - {()}, key=len, reverse=True)
        marker = f"\0{self.id}"
        out: list[str] = []
        replaced = False
        i = 0
        while i < len(text_words):
            for side in sides:
                if text_words[i : i + len(side)] == side:
                    out.append(marker)
                    i += len(side)
                    replaced = True
                    break
            else:
                out.append(text_words[i])
                i += 1
        return tuple(out), replaced

    def makes_equal(self, source: str, target: str) -> bool:
        """Whether the two texts differ only by this pair's two sides."""
        source_words, target_words = words(source), words(target)
        if source_words == target_words:
            return False
        canonical_source, in_source = self.canonical(source_words)
        canonical_target, in_target = self.canonical(target_words)
        return (in_source or in_target) and canonical_source == canonical_target


@dataclass(frozen=True, slots=True)
class RuleAdjustment:
    """A rule muted, or its severity capped (`severity` is the most it may give)."""

    rule: str
    muted: bool = False
    severity: str = ""


@dataclass(frozen=True, slots=True)
class TuningEffect:
    """How many suggestions of one analysis a tuning item changed."""

    kind: str  # IGNORED, MUTED or LOWERED
    key: str  # the ignore-list entry's id (IGNORED), else the rule
    count: int


@dataclass(frozen=True, slots=True)
class Tuning:
    ignore: tuple[IgnorePair, ...] = ()
    rules: tuple[RuleAdjustment, ...] = ()
    _by_rule: dict[str, RuleAdjustment] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for adjustment in self.rules:
            if adjustment.severity and adjustment.severity not in SEVERITIES:
                raise ValueError(f"rule {adjustment.rule}: unknown severity {adjustment.severity}")
        self._by_rule.update({a.rule: a for a in self.rules})

    def __bool__(self) -> bool:
        return bool(self.ignore or self.rules)

    def fingerprint(self) -> str:
        """A short digest of what this tuning does ("" for none): two tunings that
        suppress and lower the same things have the same fingerprint."""
        lines = sorted(
            "ignore\t" + "\t".join(sorted((" ".join(words(p.left)), " ".join(words(p.right)))))
            for p in self.ignore
        )
        lines += sorted(
            f"rule\t{a.rule}\t{int(a.muted)}\t{a.severity}"
            for a in self.rules
            if a.muted or a.severity
        )
        if not lines:
            return ""
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:10]

    def version(self, base: str) -> str:
        """The analysis version of an analysis run with this tuning."""
        fingerprint = self.fingerprint()
        return f"{base}+t{fingerprint}" if fingerprint else base

    def apply(self, suggestions: Iterable[Suggestion], counts: Counter) -> tuple[Suggestion, ...]:
        """The suggestions left once muted rules and ignore-list matches are taken out,
        with lowered severities; what was done is added to `counts` by (kind, key)."""
        kept = []
        for suggestion in suggestions:
            adjustment = self._by_rule.get(suggestion.rule)
            if adjustment is not None and adjustment.muted:
                counts[(MUTED, suggestion.rule)] += 1
                continue
            entry = self.matching_entry(suggestion.source_span, suggestion.target_span)
            if entry is not None:
                counts[(IGNORED, str(entry.id))] += 1
                continue
            if adjustment is not None and adjustment.severity:
                lowered = min(suggestion.severity, adjustment.severity, key=severity_rank)
                if lowered != suggestion.severity:
                    counts[(LOWERED, suggestion.rule)] += 1
                    suggestion = _with_severity(suggestion, lowered)
            kept.append(suggestion)
        return tuple(kept)

    def matching_entry(self, source: str, target: str) -> IgnorePair | None:
        for entry in self.ignore:
            if entry.makes_equal(source, target):
                return entry
        return None

    def filter_ledger(self, ledger: Sequence[LedgerEntry]) -> tuple[LedgerEntry, ...]:
        """The name ledger without names the ignore list accepts as the same."""
        return tuple(e for e in ledger if self.matching_entry(e.source_name, e.target_name) is None)


def effects_of(counts: Counter) -> tuple[TuningEffect, ...]:
    """The counts gathered by `Tuning.apply`, in a stable order."""
    return tuple(
        TuningEffect(kind, key, n)
        for (kind, key), n in sorted(counts.items(), key=lambda item: item[0])
        if n
    )


def _with_severity(suggestion: Suggestion, severity: str) -> Suggestion:
    return Suggestion(
        suggestion.category,
        severity,
        suggestion.source_span,
        suggestion.target_span,
        suggestion.reason,
        suggestion.rule,
    )
