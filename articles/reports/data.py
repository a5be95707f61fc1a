"""Collect what a review report carries: one comparison, its articles, units and flags.

Every format (JSON, CSV, Markdown, HTML, PDF) is written from these plain records, so
the formats agree with each other and none of them touches the database. Collecting
costs a constant number of queries: five for one comparison, five per chunk of a
selection, whatever the number of units, flags and comments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from articles.analysis.categories import CATEGORY_CODES, SEVERITIES, category_label, severity_rank
from articles.models import (
    AlignmentUnit,
    Approval,
    Article,
    AuditEvent,
    Comment,
    Comparison,
    Flag,
    SendBack,
    title_or_lead,
)
from articles.review.states import unit_is_reviewed
from articles.scoring import drift_score, penalty_points
from articles.tuning.models import TuningEffectCount

# 1.1 adds the comments (docs/report-format.md, "Versions"): a reader of version 1
# reads a 1.1 report unchanged.
SCHEMA = "newsdrift.report/1.1"

# Comparisons per chunk when a selection is streamed: large enough that the three
# queries per chunk are few, small enough that a chunk's units stay light in memory.
CHUNK_SIZE = 50

# Read once: iterating a choices enum on every comparison shows in a large export.
_FLAG_STATUSES = tuple(Flag.Status.values)
_FLAG_ORIGINS = tuple(Flag.Origin.values)


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
class CommentInfo:
    """A comment of the discussion (articles/discussion): on a unit, or on the whole
    comparison when `unit_position` is None; a reply names the comment it answers."""

    id: int
    unit_position: int | None
    reply_to: int | None
    author: str | None
    text: str  # "" once deleted
    mentions: list[str]
    created_at: datetime
    edited_at: datetime | None
    deleted: bool

    @property
    def unit_number(self) -> int | None:
        return None if self.unit_position is None else self.unit_position + 1

    @property
    def where(self) -> str:
        """ "unit 3" or "the comparison", for people."""
        return f"unit {self.unit_number}" if self.unit_position is not None else "the comparison"


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
    def number(self) -> int:
        """The unit's number as people see it (from 1; `position` counts from 0)."""
        return self.position + 1

    @property
    def is_reviewed(self) -> bool:
        return unit_is_reviewed(self.review_state, len(self.suggested_flags))

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
class TuningInfo:
    """What one tuning item did to the comparison's last analysis (docs/tuning.md)."""

    kind: str  # "ignored", "muted" (both suppressed) or "lowered"
    label: str  # the ignore-list entry or rule setting, as it was at the analysis
    rule: str | None
    ignore_entry_id: int | None
    count: int

    @property
    def kind_label(self) -> str:
        return TuningEffectCount.Kind(self.kind).label


@dataclass(frozen=True, slots=True)
class SendBackInfo:
    at: datetime
    by: str | None  # the approver who sent it back
    reviewer: str | None  # the reviewer it went back to
    note: str


@dataclass(frozen=True, slots=True)
class StagesInfo:
    """The review and approval stages (articles.assignments.stages): when review began
    (the first change anyone made), who marked the comparison done and when, who
    approved it and when, and every time an approver sent it back."""

    review_started_at: datetime | None = None
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    approver: str | None = None
    approved_at: datetime | None = None
    send_backs: list[SendBackInfo] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.review_started_at or self.reviewer or self.approver or self.send_backs)

    def lines(self) -> list[str]:
        """The stages in words, one line each, as plain text (each format escapes it)."""
        lines = []
        if self.review_started_at:
            lines.append(f"Review started {_when(self.review_started_at)}")
        if self.reviewer:
            lines.append(f"Reviewed by {self.reviewer}, marked done {_when(self.reviewed_at)}")
        for sent in self.send_backs:
            to = f" to {sent.reviewer}" if sent.reviewer else ""
            lines.append(f"Sent back {_when(sent.at)} by {sent.by or '—'}{to}: {sent.note}")
        if self.approver:
            lines.append(f"Approved by {self.approver}, {_when(self.approved_at)}")
        return lines


def _when(value: datetime | None) -> str:
    return f"{value.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if value else "—"


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
    # Why staff marked it done with suggestions or units still open ("" otherwise).
    closed_open_reason: str = ""
    analysis_version: str = ""
    tuning: list[TuningInfo] = field(default_factory=list)
    stages: StagesInfo = field(default_factory=StagesInfo)
    # Every comment, oldest first: the comparison's and its units' (version 1.1).
    comments: list[CommentInfo] = field(default_factory=list)

    def comments_on(self, position: int | None) -> list[CommentInfo]:
        """The comments on the unit at `position` (None: on the comparison itself)."""
        return [c for c in self.comments if c.unit_position == position]

    @property
    def suggestions_suppressed(self) -> int:
        """Suggestions the tuning kept from being raised (ignore list, muted rules)."""
        return sum(t.count for t in self.tuning if t.kind != TuningEffectCount.Kind.LOWERED)

    @property
    def suggestions_lowered(self) -> int:
        return sum(t.count for t in self.tuning if t.kind == TuningEffectCount.Kind.LOWERED)

    @property
    def flagged_units(self) -> list[UnitInfo]:
        return [u for u in self.units if u.is_flagged]

    @property
    def units_with_open_suggestions(self) -> list[UnitInfo]:
        """Units not flagged yet whose analysis suggestions still await a decision."""
        return [u for u in self.units if not u.is_flagged and u.suggested_flags]


_UNIT_FIELDS = (
    "id",
    "comparison_id",
    "position",
    "kind",
    "source_text",
    "target_text",
    "source_positions",
    "target_positions",
    "similarity",
    "moved",
    "is_title",
    "review_state",
    "reviewed_by__username",
    "reviewed_at",
)
_FLAG_FIELDS = (
    "id",
    "unit_id",
    "category",
    "severity",
    "origin",
    "status",
    "source_span",
    "target_span",
    "reason",
    "note",
    "author__username",
    "created_at",
    "updated_at",
)


def _with_articles(comparisons: QuerySet[Comparison]) -> QuerySet[Comparison]:
    first_change = (
        AuditEvent.objects.filter(comparison=OuterRef("pk"))
        .exclude(action__startswith="assignment.")
        .order_by("at", "id")
        .values("at")[:1]
    )
    send_backs = SendBack.objects.filter(comparison=OuterRef("pk")).values("pk")[:1]
    return comparisons.select_related(
        "source", "retranslation", "last_editor", "approval__reviewer", "approval__approved_by"
    ).annotate(
        # The stages come with the comparison's row; send-backs, rare, are read in a
        # query of their own only when a comparison of the chunk has any.
        review_started_at=Subquery(first_change),
        was_sent_back=Exists(send_backs),
    )


def report_for(comparison_id: int) -> ComparisonReport:
    """One comparison's report (five queries). Raises Comparison.DoesNotExist."""
    comparison = _with_articles(Comparison.objects.filter(pk=comparison_id)).get()
    return _collect([comparison])[0]


def iter_reports(
    comparisons: QuerySet[Comparison], chunk_size: int | None = None
) -> Iterator[ComparisonReport]:
    """The reports of a selection in id order, fetched a chunk at a time.

    Keyset pagination on the primary key: each chunk is five queries, and only one
    chunk's rows are in memory at once, however large the archive.
    """
    size = chunk_size or CHUNK_SIZE
    ordered = _with_articles(comparisons.order_by("pk"))
    last_pk = 0
    while True:
        chunk = list(ordered.filter(pk__gt=last_pk)[:size])
        if not chunk:
            return
        yield from _collect(chunk)
        last_pk = chunk[-1].pk
        if len(chunk) < size:
            return


def _collect(comparisons: list[Comparison]) -> list[ComparisonReport]:
    """The reports of comparisons fetched with their articles: four more queries.

    Units and flags are read as plain rows (values()), not model instances: a report
    only reads them, and building tens of thousands of instances through
    prefetch_related costs several times the time of the queries.
    """
    ids = [c.pk for c in comparisons]
    flags_by_unit: dict[int, list[FlagInfo]] = {}
    flag_rows = (
        Flag.objects.filter(unit__comparison_id__in=ids)
        .order_by("unit_id", "id")
        .values_list(*_FLAG_FIELDS)
    )
    for row in flag_rows:
        flags_by_unit.setdefault(row[1], []).append(_flag_info(row))
    units_by_comparison: dict[int, list[UnitInfo]] = {pk: [] for pk in ids}
    unit_rows = (
        AlignmentUnit.objects.filter(comparison_id__in=ids)
        .order_by("comparison_id", "position")
        .values_list(*_UNIT_FIELDS)
    )
    for row in unit_rows:
        units_by_comparison[row[1]].append(_unit_info(row, flags_by_unit.get(row[0], [])))
    tuning_by_comparison: dict[int, list[TuningInfo]] = {pk: [] for pk in ids}
    tuning_rows = (
        TuningEffectCount.objects.filter(comparison_id__in=ids)
        .order_by("comparison_id", "kind", "label", "id")
        .values_list("comparison_id", "kind", "label", "rule", "entry_id", "count")
    )
    for comparison_id, kind, label, rule, entry_id, count in tuning_rows:
        tuning_by_comparison[comparison_id].append(
            TuningInfo(kind, label, rule or None, entry_id, count)
        )
    send_backs = _send_backs([c.pk for c in comparisons if getattr(c, "was_sent_back", False)])
    comments = _comments_of(ids)
    return [
        build_report(
            c,
            units_by_comparison[c.pk],
            tuning_by_comparison[c.pk],
            comments.get(c.pk, []),
            stages=_stages(c, send_backs.get(c.pk, [])),
        )
        for c in comparisons
    ]


def _send_backs(ids: list[int]) -> dict[int, list[SendBackInfo]]:
    found: dict[int, list[SendBackInfo]] = {}
    if not ids:
        return found
    rows = (
        SendBack.objects.filter(comparison_id__in=ids)
        .order_by("comparison_id", "at", "id")
        .values_list("comparison_id", "at", "by__username", "reviewer__username", "note")
    )
    for comparison_id, at, by, reviewer, note in rows:
        found.setdefault(comparison_id, []).append(SendBackInfo(at, by, reviewer, note))
    return found


def _stages(comparison: Comparison, send_backs: list[SendBackInfo]) -> StagesInfo:
    try:
        approval = comparison.approval
    except Approval.DoesNotExist:
        approval = None
    return StagesInfo(
        review_started_at=getattr(comparison, "review_started_at", None),
        reviewer=_username(approval.reviewer) if approval else None,
        reviewed_at=approval.reviewed_at if approval else None,
        approver=_username(approval.approved_by) if approval else None,
        approved_at=approval.approved_at if approval else None,
        send_backs=send_backs,
    )


def _comments_of(ids: list[int]) -> dict[int, list[CommentInfo]]:
    """The comments of these comparisons, oldest first (one query)."""
    rows = (
        Comment.objects.filter(comparison_id__in=ids)
        .order_by("comparison_id", "created_at", "id")
        .values_list(
            "comparison_id",
            "id",
            "unit__position",
            "parent_id",
            "author__username",
            "body",
            "mentions",
            "created_at",
            "edited_at",
            "deleted_at",
        )
    )
    found: dict[int, list[CommentInfo]] = {}
    for comparison_id, pk, position, parent, author, body, named, created, edited, gone in rows:
        found.setdefault(comparison_id, []).append(
            CommentInfo(
                id=pk,
                unit_position=position,
                reply_to=parent,
                author=author,
                text=body,
                mentions=list(named or []),
                created_at=created,
                edited_at=edited,
                deleted=gone is not None,
            )
        )
    return found


def build_report(
    comparison: Comparison,
    units: list[UnitInfo],
    tuning: list[TuningInfo] | None = None,
    comments: list[CommentInfo] | None = None,
    stages: StagesInfo | None = None,
) -> ComparisonReport:
    """The report of a comparison (its articles fetched), its units and what the
    tuning suppressed or lowered in its analysis."""
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
        closed_open_reason=comparison.closed_open_reason,
        analysis_version=comparison.analysis_version,
        tuning=tuning or [],
        comments=comments or [],
        stages=stages or StagesInfo(),
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
        reviewed_units=sum(1 for u in units if u.is_reviewed),
        flagged_units=sum(1 for u in units if u.is_flagged),
        confirmed_by_category=by_category,
        flags_by_status=dict(statuses),
        flags_by_origin=dict(origins),
        penalty_points=points,
        source_words=source_words,
        drift_score=drift_score(points, source_words),
    )


def _unit_info(row: tuple, flags: list[FlagInfo]) -> UnitInfo:
    (_, _, position, kind, source_text, target_text, source_positions, target_positions,
     similarity, moved, is_title, review_state, reviewed_by, reviewed_at) = row  # fmt: skip
    return UnitInfo(
        position=position,
        kind=kind,
        source_text=source_text,
        target_text=target_text,
        source_positions=list(source_positions or []),
        target_positions=list(target_positions or []),
        similarity=round(float(similarity), 4),
        moved=moved,
        is_title=is_title,
        review_state=review_state,
        reviewed_by=reviewed_by,
        reviewed_at=reviewed_at,
        flags=flags,
    )


def _flag_info(row: tuple) -> FlagInfo:
    (flag_id, _, category, severity, origin, status, source_span, target_span, reason, note,
     author, created_at, updated_at) = row  # fmt: skip
    return FlagInfo(
        id=flag_id,
        category=category,
        category_label=_label(category),
        severity=severity,
        origin=origin,
        status=status,
        source_span=source_span,
        target_span=target_span,
        reason=reason,
        note=note,
        author=author,
        created_at=created_at,
        updated_at=updated_at,
    )


def _article_info(article: Article, unit_texts: list[str]) -> ArticleInfo:
    return ArticleInfo(
        title=title_or_lead(article.title, next((text for text in unit_texts if text), "")),
        outlet=article.outlet,
        byline=article.byline,
        url=article.url,
        published_at=article.published_at,
        sha256=article.sha256,
        word_count=article.word_count,
    )


def _label(code: str) -> str:
    try:
        return category_label(code)
    except KeyError:
        return code


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def generated_at() -> datetime:
    return timezone.now()
