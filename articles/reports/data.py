"""Collect what a review report carries: one comparison, its articles, units and flags.

Every format (JSON, CSV, Markdown, HTML, PDF) is written from these plain records, so
the formats agree with each other and none of them touches the database. Collecting
costs a constant number of queries: three for one comparison, three per chunk of a
selection, whatever the number of units and flags.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from articles.analysis.categories import CATEGORY_CODES, SEVERITIES, category_label, severity_rank
from articles.models import AlignmentUnit, Article, Comparison, Flag
from articles.scoring import drift_score, penalty_points

SCHEMA = "newsdrift.report/1"

# Comparisons per chunk when a selection is streamed: large enough that the three
# queries per chunk are few, small enough that a chunk's units stay light in memory.
CHUNK_SIZE = 50

_TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    title: str
    outlet: str
    byline: str
    url: str
    published_at: datetime | None
    sha256: str
    word_count: int


@dataclass(frozen=True, slots=True)
class FlagInfo:
    id: int
    category: str
    category_label: str
    severity: str
    origin: str
    status: str
    source_span: str
    target_span: str
    reason: str
    note: str
    author: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def is_confirmed(self) -> bool:
        return self.status == Flag.Status.CONFIRMED


@dataclass(frozen=True, slots=True)
class UnitInfo:
    position: int
    kind: str
    source_text: str
    target_text: str
    source_positions: list[int]
    target_positions: list[int]
    similarity: float
    moved: bool
    is_title: bool
    review_state: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    flags: list[FlagInfo]

    @property
    def confirmed_flags(self) -> list[FlagInfo]:
        return [f for f in self.flags if f.is_confirmed]

    @property
    def suggested_flags(self) -> list[FlagInfo]:
        return [f for f in self.flags if f.status == Flag.Status.SUGGESTED]

    @property
    def is_flagged(self) -> bool:
        """What a desk chief must correct: marked flagged, or holding a confirmed flag."""
        return self.review_state == AlignmentUnit.ReviewState.FLAGGED or bool(self.confirmed_flags)

    @property
    def worst_severity(self) -> str | None:
        """The worst severity among the confirmed flags, None without one."""
        confirmed = self.confirmed_flags
        if not confirmed:
            return None
        return max((f.severity for f in confirmed), key=severity_rank)

    @property
    def strip_state(self) -> str:
        """The drift strip's colour key: the worst confirmed severity, else the state."""
        if worst := self.worst_severity:
            return worst
        if self.review_state == AlignmentUnit.ReviewState.FLAGGED:
            return "flagged"
        if self.review_state == AlignmentUnit.ReviewState.OK:
            return "ok"
        return "suggested" if self.suggested_flags else "unreviewed"


@dataclass(frozen=True, slots=True)
class Summary:
    units: int
    reviewed_units: int
    flagged_units: int
    # Confirmed flags: category -> severity -> count (every category and severity present).
    confirmed_by_category: dict[str, dict[str, int]]
    flags_by_status: dict[str, int]
    flags_by_origin: dict[str, int]
    penalty_points: int
    source_words: int
    drift_score: float

    @property
    def confirmed_flags(self) -> int:
        return sum(sum(row.values()) for row in self.confirmed_by_category.values())

    def confirmed_by_severity(self) -> dict[str, int]:
        return {
            severity: sum(row[severity] for row in self.confirmed_by_category.values())
            for severity in SEVERITIES
        }

    def chart_rows(self) -> list[tuple[str, str, dict[str, int], int]]:
        """(code, label, counts by severity, total) for categories with confirmed flags."""
        rows = []
        for code, counts in self.confirmed_by_category.items():
            total = sum(counts.values())
            if total:
                rows.append((code, category_label(code), counts, total))
        return rows


@dataclass(frozen=True, slots=True)
class ComparisonReport:
    id: int
    title: str
    status: str
    status_label: str
    created_at: datetime
    analysed_at: datetime | None
    last_activity_at: datetime | None
    last_editor: str | None
    source: ArticleInfo
    retranslation: ArticleInfo
    summary: Summary
    units: list[UnitInfo] = field(default_factory=list)

    @property
    def flagged_units(self) -> list[UnitInfo]:
        return [u for u in self.units if u.is_flagged]

    @property
    def units_with_open_suggestions(self) -> list[UnitInfo]:
        """Units not flagged yet whose analysis suggestions still await a decision."""
        return [u for u in self.units if not u.is_flagged and u.suggested_flags]


def _comparisons_with_everything(comparisons: QuerySet[Comparison]) -> QuerySet[Comparison]:
    """The comparisons with their articles, units and flags: three queries in all."""
    flags = Flag.objects.select_related("author").order_by("unit_id", "id")
    units = (
        AlignmentUnit.objects.select_related("reviewed_by")
        .prefetch_related(Prefetch("flags", queryset=flags))
        .order_by("comparison_id", "position")
    )
    return comparisons.select_related("source", "retranslation", "last_editor").prefetch_related(
        Prefetch("units", queryset=units)
    )


def report_for(comparison_id: int) -> ComparisonReport:
    """One comparison's report (three queries). Raises Comparison.DoesNotExist."""
    comparison = _comparisons_with_everything(Comparison.objects.filter(pk=comparison_id)).get()
    return build_report(comparison)


def iter_reports(
    comparisons: QuerySet[Comparison], chunk_size: int = CHUNK_SIZE
) -> Iterator[ComparisonReport]:
    """The reports of a selection in id order, fetched a chunk at a time.

    Keyset pagination on the primary key: each chunk is three queries, and only one
    chunk's rows are in memory at once, however large the archive.
    """
    ordered = comparisons.order_by("pk")
    last_pk = 0
    while True:
        chunk = list(_comparisons_with_everything(ordered.filter(pk__gt=last_pk))[:chunk_size])
        if not chunk:
            return
        for comparison in chunk:
            yield build_report(comparison)
        last_pk = chunk[-1].pk
        if len(chunk) < chunk_size:
            return


def build_report(comparison: Comparison) -> ComparisonReport:
    """The report of a comparison fetched with its units and flags prefetched."""
    units = [_unit_info(unit) for unit in comparison.units.all()]
    source = _article_info(comparison.source, [u.source_text for u in units if not u.is_title])
    retranslation = _article_info(
        comparison.retranslation, [u.target_text for u in units if not u.is_title]
    )
    return ComparisonReport(
        id=comparison.pk,
        title=source.title,
        status=comparison.status,
        status_label=comparison.get_status_display(),
        created_at=comparison.created_at,
        analysed_at=comparison.analysed_at,
        last_activity_at=comparison.last_activity_at,
        last_editor=_username(comparison.last_editor),
        source=source,
        retranslation=retranslation,
        summary=summarise(units, comparison.source.word_count),
        units=units,
    )


def summarise(units: list[UnitInfo], source_words: int) -> Summary:
    by_category = {code: dict.fromkeys(SEVERITIES, 0) for code in CATEGORY_CODES}
    statuses: Counter[str] = Counter(dict.fromkeys(Flag.Status.values, 0))
    origins: Counter[str] = Counter(dict.fromkeys(Flag.Origin.values, 0))
    all_flags = [flag for unit in units for flag in unit.flags]
    for flag in all_flags:
        statuses[flag.status] += 1
        origins[flag.origin] += 1
        if flag.is_confirmed:
            by_category.setdefault(flag.category, dict.fromkeys(SEVERITIES, 0))
            by_category[flag.category][flag.severity] += 1
    points = penalty_points(all_flags)
    return Summary(
        units=len(units),
        reviewed_units=sum(
            1 for u in units if u.review_state != AlignmentUnit.ReviewState.UNREVIEWED
        ),
        flagged_units=sum(1 for u in units if u.is_flagged),
        confirmed_by_category=by_category,
        flags_by_status=dict(statuses),
        flags_by_origin=dict(origins),
        penalty_points=points,
        source_words=source_words,
        drift_score=drift_score(points, source_words),
    )


def _unit_info(unit: AlignmentUnit) -> UnitInfo:
    return UnitInfo(
        position=unit.position,
        kind=unit.kind,
        source_text=unit.source_text,
        target_text=unit.target_text,
        source_positions=list(unit.source_positions or []),
        target_positions=list(unit.target_positions or []),
        similarity=round(float(unit.similarity), 4),
        moved=unit.moved,
        is_title=unit.is_title,
        review_state=unit.review_state,
        reviewed_by=_username(unit.reviewed_by),
        reviewed_at=unit.reviewed_at,
        flags=[_flag_info(flag) for flag in unit.flags.all()],
    )


def _flag_info(flag: Flag) -> FlagInfo:
    return FlagInfo(
        id=flag.pk,
        category=flag.category,
        category_label=_label(flag.category),
        severity=flag.severity,
        origin=flag.origin,
        status=flag.status,
        source_span=flag.source_span,
        target_span=flag.target_span,
        reason=flag.reason,
        note=flag.note,
        author=_username(flag.author),
        created_at=flag.created_at,
        updated_at=flag.updated_at,
    )


def _article_info(article: Article, unit_texts: list[str]) -> ArticleInfo:
    return ArticleInfo(
        title=article.title or _untitled(unit_texts),
        outlet=article.outlet,
        byline=article.byline,
        url=article.url,
        published_at=article.published_at,
        sha256=article.sha256,
        word_count=article.word_count,
    )


def _untitled(unit_texts: list[str]) -> str:
    # As Article.display_title, but from the units already fetched: asking each
    # article for its lead sentence would cost a query per comparison.
    lead = next((text for text in unit_texts if text), "")
    words = " ".join(lead.split()[:_TITLE_WORDS])
    return f"(untitled) {words}…" if words else "(untitled)"


def _label(code: str) -> str:
    try:
        return category_label(code)
    except KeyError:
        return code


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def generated_at() -> datetime:
    return timezone.now()
