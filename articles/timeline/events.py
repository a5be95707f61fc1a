"""A comparison's timeline: every audit event of it, and what can be derived from its
rows although no audit event records it (the articles' imports, the last analysis,
the background jobs that imported or re-analysed it).

Four queries whatever the comparison's size: its audit events (with their actors), its
job items (with their jobs' creators), and the two articles' importers are read with
the comparison. The list is merged and filtered in Python, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from articles.agreement.models import DoubleReview
from articles.models import AuditEvent, Comparison, JobItem
from articles.review.history import describe

from .kinds import KINDS, kind_of

_JOB_KINDS = {
    JobItem.Outcome.IMPORTED: ("import", "imported the pair in a bulk import"),
    JobItem.Outcome.REANALYSED: ("analysis", "re-analysed the comparison"),
}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str
    actor: str | None  # a user name; None for the system
    what: str
    detail: str = ""
    undone: bool = False
    unit_number: int | None = None

    @property
    def who(self) -> str:
        return self.actor or "newsdrift"

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _name(user) -> str | None:
    return user.get_username() if user is not None else None


def _event_entry(event: AuditEvent) -> TimelineEntry:
    what, detail = describe(event)
    if event.action.startswith("comment."):
        comment = (event.after or {}).get("comment") or (event.before or {}).get("comment") or {}
        what = {
            "comment.added": "commented" if not comment.get("parent_id") else "replied",
            "comment.edited": "edited a comment",
            "comment.deleted": "deleted a comment",
        }.get(event.action, what)
        if event.action != "comment.deleted":
            detail = " ".join((comment.get("body") or "").split())[:200]
    return TimelineEntry(
        at=event.at,
        kind=kind_of(event.action),
        actor=_name(event.actor) if event.actor_id else None,
        what=what,
        detail=detail,
        undone=event.undone,
        unit_number=event.unit.number if event.unit_id and event.unit else None,
    )


# A blind double review's own steps (decisions, flags, marks) say what each editor
# decided; until both have handed in, nobody reads them here, or the review would not
# be blind. Asking for it, handing in and withdrawing it stay visible. The steps of a
# double review withdrawn before both handed in stay left out: they were discarded,
# and shown they would tell each editor what the other had decided if the same two
# are asked again.
_VISIBLE_WHILE_BLIND = frozenset(
    {"double_review.request", "double_review.done", "double_review.withdraw"}
)


def _blind_double_reviews(comparison: Comparison, events: list[AuditEvent]) -> set[int]:
    """The double reviews whose steps are left out: those under way, and those withdrawn
    (named by the events, no longer in the database)."""
    named = {
        ((event.after or {}).get("double_review") or {}).get("id")
        for event in events
        if event.action.startswith("double_review.")
    }
    kept = dict(DoubleReview.objects.filter(comparison=comparison).values_list("pk", "state"))
    withdrawn = named - kept.keys() - {None}
    under_way = {pk for pk, state in kept.items() if state == DoubleReview.State.OPEN}
    return under_way | withdrawn


def _hidden_while_blind(event: AuditEvent, blind: set[int]) -> bool:
    if not blind or not event.action.startswith("double_review."):
        return False
    if event.action in _VISIBLE_WHILE_BLIND:
        return False
    return ((event.after or {}).get("double_review") or {}).get("id") in blind


def timeline_of(comparison: Comparison) -> list[TimelineEntry]:
    """Every entry of the comparison's timeline, newest first. `comparison` must come
    with its source and retranslation (and their importers) selected."""
    entries = [
        TimelineEntry(
            at=article.imported_at,
            kind="import",
            actor=_name(article.imported_by),
            what=f"imported the {label}",
            detail=article.display_title if article.title else article.origin,
        )
        for label, article in (
            ("source", comparison.source),
            ("retranslation", comparison.retranslation),
        )
    ]
    if comparison.analysed_at:
        entries.append(
            TimelineEntry(
                at=comparison.analysed_at,
                kind="analysis",
                actor=None,
                what="analysed the pair",
                detail=f"analysis {comparison.analysis_version}"
                if comparison.analysis_version
                else "",
            )
        )
    items = (
        JobItem.objects.filter(comparison=comparison, outcome__in=list(_JOB_KINDS))
        .select_related("job__created_by")
        .order_by("-finished_at")
    )
    for item in items:
        kind, what = _JOB_KINDS[item.outcome]
        entries.append(
            TimelineEntry(
                at=item.finished_at or item.job.created_at,
                kind=kind,
                actor=_name(item.job.created_by),
                what=what,
                detail=f"job {item.job_id}: {item.job.title}",
            )
        )
    events = list(AuditEvent.objects.filter(comparison=comparison).select_related("actor", "unit"))
    # Asked only when the comparison has had a double review: no query otherwise.
    has_double_review = any(e.action.startswith("double_review.") for e in events)
    blind = _blind_double_reviews(comparison, events) if has_double_review else set()
    entries.extend(_event_entry(event) for event in events if not _hidden_while_blind(event, blind))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def people_of(entries: list[TimelineEntry]) -> list[str]:
    """The people who appear in the timeline, by name."""
    return sorted({e.actor for e in entries if e.actor}, key=str.casefold)
