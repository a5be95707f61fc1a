"""What the review pages show, fetched in a fixed number of queries.

The overview and the step view each make the same number of queries whatever the
number of units (tests/views assert it): flags come from one prefetch, the strip of unit
marks from one query. The dashboard's rows are read by `dashboard_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from django.db.models import Q

from articles.analysis.categories import severity_rank
from articles.analysis.types import ALIGNABLE_KINDS
from articles.analysis.worddiff import WordDiff, diff_words
from articles.models import AlignmentUnit, Comparison, Flag, Sentence
from articles.scoring import drift_score, penalty_points
from newsdrift.prepared_queries import prepared

from . import states
from .filters import SHOW_CHOICES, Scope
from .ledger import is_confirmed, is_dismissed, open_about

SEVERITY_ORDER = ("", "minor", "major", "critical")
OPEN = (Flag.Status.SUGGESTED, Flag.Status.CONFIRMED)


def parse_show(value: str | None) -> str:
    return value if value in SHOW_CHOICES else "all"


# --- The strip of unit marks, progress and navigation -----------------------------


@dataclass(frozen=True, slots=True)
class UnitMark:
    pk: int
    position: int
    state: str
    kind: str
    version: int
    open: int  # suggestions not decided yet
    confirmed: int
    worst: str  # the worst severity among suggested and confirmed flags, or ""

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def reviewed(self) -> bool:
        return states.unit_is_reviewed(self.state, self.open)

    def matches(self, show: str) -> bool:
        if show == "unreviewed":
            return not self.reviewed
        if show == "suggested":
            return self.open > 0
        if show == "flagged":
            return self.state == AlignmentUnit.ReviewState.FLAGGED or self.confirmed > 0
        return True

    @property
    def label(self) -> str:
        parts = [f"Unit {self.number}", self.state]
        if self.kind != "match":
            parts.append(self.kind)
        if self.worst:
            parts.append(f"worst flag {self.worst}")
        if self.open:
            parts.append(f"{self.open} open suggestion(s)")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class FlagFacet:
    category: str
    severity: str
    rule: str


_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITY_ORDER)}


@prepared
def _unit_and_flag_rows(comparison_pk: int):
    return (
        AlignmentUnit.objects.filter(comparison_id=comparison_pk)
        .order_by("position", "flags__id")
        .values_list(
            "id",
            "position",
            "review_state",
            "kind",
            "version",
            "flags__status",
            "flags__severity",
            "flags__category",
            "flags__rule",
        )
    )


def marks_and_facets(
    comparison: Comparison,
) -> tuple[list[UnitMark], list[tuple[int, FlagFacet]]]:
    """One mark per unit, in order, and the facets of the flags not dismissed (one
    query: the units with their flags, counted here).

    The step view needs both; one row per unit and flag costs less than two queries
    with their grouping (issue 18: a query costs the view more to build than to run).
    """
    rows = _unit_and_flag_rows(comparison.pk)
    marks: list[UnitMark] = []
    facets: list[tuple[int, FlagFacet]] = []
    suggested, confirmed = Flag.Status.SUGGESTED, Flag.Status.CONFIRMED
    for (pk, position, state, kind, version), flags in groupby(rows, key=itemgetter(0, 1, 2, 3, 4)):
        open_ = confirmed_ = worst = 0
        for *_, status, severity, category, rule in flags:
            if status is None or status == Flag.Status.DISMISSED:
                continue  # a unit without flags, or a dismissed one
            facets.append((position, FlagFacet(category, severity, rule)))
            if status == suggested:
                open_ += 1
            elif status == confirmed:
                confirmed_ += 1
            else:
                continue
            worst = max(worst, _SEVERITY_RANK.get(severity, 0))
        marks.append(
            UnitMark(pk, position, state, kind, version, open_, confirmed_, SEVERITY_ORDER[worst])
        )
    return marks, facets


def unit_marks(comparison: Comparison) -> list[UnitMark]:
    """One mark per unit, in order (one query)."""
    return marks_and_facets(comparison)[0]


@dataclass(frozen=True, slots=True)
class Progress:
    reviewed: int
    total: int

    @property
    def percent(self) -> int:
        return round(self.reviewed * 100 / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.reviewed == self.total


def progress_of(marks: Sequence[UnitMark]) -> Progress:
    """Units reviewed (marked, every suggestion decided: `states`) of all units."""
    return Progress(sum(m.reviewed for m in marks), len(marks))


def _scope(scope: Scope | str) -> Scope:
    return Scope(show=scope) if isinstance(scope, str) else scope


def neighbours(
    marks: Sequence[UnitMark], position: int, scope: Scope | str
) -> tuple[int | None, int | None]:
    """The previous and next unit positions that the filter shows."""
    scope = _scope(scope)
    before = [m.position for m in marks if m.position < position and scope.matches(m)]
    after = [m.position for m in marks if m.position > position and scope.matches(m)]
    return (before[-1] if before else None, after[0] if after else None)


def next_after_decision(marks: Sequence[UnitMark], position: int, scope: Scope | str) -> int:
    """Where an editor goes after deciding: the next unit the filter shows, wrapping
    round to the start; their own unit if none is left."""
    scope = _scope(scope)
    after = [m.position for m in marks if m.position > position and scope.matches(m)]
    wrapped = [m.position for m in marks if m.position < position and scope.matches(m)]
    return (after or wrapped or [position])[0]


def next_undecided(marks: Sequence[UnitMark], position: int, scope: Scope | str) -> int | None:
    """The next unit after `position` (wrapping round) with an open suggestion that the
    flag filter keeps; None when no other unit has one."""
    scope = _scope(scope)
    positions = scope.positions
    candidates = [
        m.position
        for m in marks
        if m.open and m.position != position and (positions is None or m.position in positions)
    ]
    after = [p for p in candidates if p > position]
    return (after or candidates or [None])[0]


def first_to_review(marks: Sequence[UnitMark]) -> int:
    """The first unit not reviewed yet, or the first unit when all are reviewed."""
    for mark in marks:
        if not mark.reviewed:
            return mark.position
    return marks[0].position if marks else 0


def flag_facets(comparison: Comparison) -> list[tuple[int, FlagFacet]]:
    """(unit position, facet) of every flag not dismissed, for the filters (one query)."""
    rows = (
        Flag.objects.filter(unit__comparison=comparison)
        .exclude(status=Flag.Status.DISMISSED)
        .order_by()
        .values_list("unit__position", "category", "severity", "rule")
    )
    return [(position, FlagFacet(c, s, r)) for position, c, s, r in rows]


def rules_of(facets: Iterable[tuple[int, FlagFacet]]) -> list[str]:
    """The analysis rules of a comparison's flags, for the rule filter's choices."""
    return sorted({facet.rule for _, facet in facets if facet.rule})


# --- The step view ------------------------------------------------------------------

# How far around a unit the link targets are offered (an omitted sentence is usually
# rendered a few sentences away, if at all).
LINK_RANGE = 6


@dataclass
class StepData:
    unit: AlignmentUnit
    suggestions: list[Flag]
    confirmed: list[Flag]
    dismissed: list[Flag]
    diff: WordDiff
    source_sentences: list[str]
    target_sentences: list[str]
    following: AlignmentUnit | None
    link_targets: list[AlignmentUnit] = field(default_factory=list)
    # The unit before, shown as context (the one after is `following`).
    preceding: AlignmentUnit | None = None
    # Open suggestions the flag filter hides (still open: the unit is not reviewed).
    hidden_suggestions: int = 0

    @property
    def can_split(self) -> bool:
        return len(self.source_sentences) + len(self.target_sentences) > 1

    @staticmethod
    def _options(sentences: list[str]) -> list[tuple[int, str]]:
        """Split points: how many sentences stay, named by the last one that stays."""
        options = [(0, "none (all go to the new unit)")]
        for count, sentence in enumerate(sentences, start=1):
            words = " ".join(sentence.split()[:6])
            if count == len(sentences):
                label = f"all {count}" if count > 1 else "its only sentence"
            else:
                label = f"sentences 1–{count}" if count > 1 else "sentence 1"
            options.append((count, f"{label} (“{words}…”)"))
        return options

    @property
    def source_split_options(self) -> list[tuple[int, str]]:
        return self._options(self.source_sentences)

    @property
    def target_split_options(self) -> list[tuple[int, str]]:
        return self._options(self.target_sentences)

    @property
    def default_source_at(self) -> int:
        return 1 if len(self.source_sentences) > 1 else len(self.source_sentences)

    @property
    def default_target_at(self) -> int:
        return 1 if len(self.target_sentences) > 1 else len(self.target_sentences)


def units_around(
    comparison: Comparison, position: int, reach: int = LINK_RANGE
) -> list[AlignmentUnit]:
    """The unit at `position` and those up to `reach` before and after it, in order,
    with who reviewed them (one query). A unit that is not a match needs LINK_RANGE
    (its link targets), a match only 1 (its context)."""
    units = list(_units_between(comparison.pk, position - reach, position + reach))
    for unit in units:
        unit.comparison = comparison
    return units


@prepared
def _units_between(comparison_pk: int, first: int, last: int):
    return (
        AlignmentUnit.objects.filter(
            comparison_id=comparison_pk, position__gte=first, position__lte=last
        )
        .select_related("reviewed_by")
        .order_by("position")
    )


@prepared
def _flags_of(unit_pk: int):
    return Flag.objects.filter(unit_id=unit_pk).select_related("author").order_by("id")


def step_data(
    comparison: Comparison,
    unit: AlignmentUnit,
    scope: Scope | None = None,
    *,
    around: list[AlignmentUnit] | None = None,
) -> StepData:
    """The unit with its flags, diff, sentences and neighbours (three queries; one less
    when `around` gives the units around it, as `units_around` without the unit, and
    one less for a unit of at most one sentence a side)."""
    scope = scope or Scope()
    flags = list(_flags_of(unit.pk))
    for flag in flags:
        flag.unit = unit
    open_ = [f for f in flags if f.status == Flag.Status.SUGGESTED]
    listed = [f for f in open_ if scope.matches_flag(f)]
    shown = [f for f in flags if f.status in OPEN]
    if len(unit.source_positions) <= 1 and len(unit.target_positions) <= 1:
        # A side of one sentence is that sentence (pipeline.join_sentences): most
        # units need no query for their split options (issue 18).
        source_sentences = [unit.source_text] if unit.source_positions else []
        target_sentences = [unit.target_text] if unit.target_positions else []
    else:
        sentences = Sentence.objects.filter(
            Q(article_id=comparison.source_id, position__in=unit.source_positions)
            | Q(article_id=comparison.retranslation_id, position__in=unit.target_positions)
        ).order_by("position")
        source_sentences = [s.text for s in sentences if s.article_id == comparison.source_id]
        target_sentences = [s.text for s in sentences if s.article_id != comparison.source_id]
    if around is None:
        around = [u for u in units_around(comparison, unit.position) if u.pk != unit.pk]
    following = next((u for u in around if u.position == unit.position + 1), None)
    preceding = next((u for u in around if u.position == unit.position - 1), None)
    return StepData(
        unit=unit,
        suggestions=listed,
        hidden_suggestions=len(open_) - len(listed),
        confirmed=[f for f in flags if f.status == Flag.Status.CONFIRMED],
        dismissed=[f for f in flags if f.status == Flag.Status.DISMISSED],
        diff=diff_words(
            unit.source_text,
            unit.target_text,
            source_spans=[(f"flag-{f.pk}", f.source_span) for f in shown],
            target_spans=[(f"flag-{f.pk}", f.target_span) for f in shown],
        ),
        source_sentences=source_sentences,
        target_sentences=target_sentences,
        following=following,
        link_targets=around if unit.kind != AlignmentUnit.Kind.MATCH else [],
        preceding=preceding,
    )


# --- The overview -------------------------------------------------------------------


@dataclass
class OverviewUnit:
    unit: AlignmentUnit
    flags: list[Flag]

    @property
    def shown_flags(self) -> list[Flag]:
        return [f for f in self.flags if f.status in OPEN]

    @property
    def worst(self) -> str:
        ranks = [severity_rank(f.severity) for f in self.shown_flags]
        return ("minor", "major", "critical")[max(ranks)] if ranks else ""


@dataclass
class LedgerRow:
    index: int
    source: str
    target: str
    positions: list[int]
    confirmed: bool
    versions: str  # "unit id:version,…" for the confirm and dismiss forms
    open_units: int = 0  # units with an open suggestion about the name (to dismiss)
    dismissed: bool = False  # every flag about the name is dismissed


@dataclass
class Overview:
    units: list[OverviewUnit]
    source_meta: list[Sentence]
    target_meta: list[Sentence]
    ledger: list[LedgerRow]
    score: float
    marks: list[UnitMark]
    rules: list[str] = field(default_factory=list)
    total_units: int = 0


def overview(comparison: Comparison, scope: Scope | None = None) -> Overview:
    """Units with their flags, the metadata lines, the ledger and the score (3 queries).

    `rows` are the units the scope shows; `units` every unit (the strip, the score).
    """
    scope = scope or Scope()
    units = list(comparison.units.order_by("position").prefetch_related("flags"))
    rows = [OverviewUnit(u, list(u.flags.all())) for u in units]
    meta = list(
        Sentence.objects.filter(article_id__in=[comparison.source_id, comparison.retranslation_id])
        .exclude(kind__in=ALIGNABLE_KINDS)
        .order_by("position")
    )
    by_position = {r.unit.position: r for r in rows}
    flags_by_position = {p: r.flags for p, r in by_position.items()}
    ledger = []
    for index, entry in enumerate(comparison.ledger or []):
        positions = [p for p in entry.get("units", []) if p in by_position]
        ledger.append(
            LedgerRow(
                index=index,
                source=entry.get("source", ""),
                target=entry.get("target", ""),
                positions=positions,
                confirmed=is_confirmed(entry, flags_by_position),
                versions=",".join(
                    f"{by_position[p].unit.pk}:{by_position[p].unit.version}" for p in positions
                ),
                open_units=len({f.unit_id for f in open_about(entry, flags_by_position)}),
                dismissed=is_dismissed(entry, flags_by_position),
            )
        )
    all_flags = [f for r in rows for f in r.flags]
    marks = [
        UnitMark(
            r.unit.pk,
            r.unit.position,
            r.unit.review_state,
            r.unit.kind,
            r.unit.version,
            sum(f.status == Flag.Status.SUGGESTED for f in r.flags),
            sum(f.status == Flag.Status.CONFIRMED for f in r.flags),
            r.worst,
        )
        for r in rows
    ]
    scope = scope.with_positions(
        (r.unit.position, f) for r in rows for f in r.flags if f.status in OPEN
    )
    shown = {m.position for m in marks if scope.matches(m)}
    return Overview(
        units=[r for r in rows if r.unit.position in shown],
        source_meta=[s for s in meta if s.article_id == comparison.source_id],
        target_meta=[s for s in meta if s.article_id == comparison.retranslation_id],
        ledger=ledger,
        score=drift_score(penalty_points(all_flags), comparison.source.word_count),
        marks=marks,
        rules=sorted({f.rule for f in all_flags if f.rule and f.status in OPEN}),
        total_units=len(rows),
    )
