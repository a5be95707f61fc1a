"""Re-run the analysis on a stored comparison without losing the editors' work.

After the analysis improves (ANALYSIS_VERSION changes), old comparisons are brought
up to date here: the admin's "Re-run the analysis" action and the `reanalyse` command
both call `reanalyse`. What editors decided survives; what the analysis suggested is
recomputed:

* A unit that pairs the same sentences as before is kept (same row: its review state,
  audit trail and confirmed flags stay), with its texts, kind and similarity renewed
  and its `version` bumped, so that an edit made against the old unit is refused.
* Confirmed flags and flags an editor added are always kept. When their unit is
  gone (the alignment changed), they move to the new unit that carries the same
  sentences (the first that shares a source sentence, else a retranslation sentence).
* Suggestions still waiting for a decision are replaced by the new suggestions.
* A dismissed suggestion stays dismissed when the analysis makes the same suggestion
  again (same category and the same source and retranslation words), so an editor
  never has to dismiss it twice; one the analysis no longer makes is removed.
* A confirmed flag and a new suggestion with the same category and words are one
  drift: the suggestion is not added again.

Everything is written in one transaction and recorded as an AuditEvent with action
"comparison.reanalyse".

A comparison with a blind double review under way (not adjudicated yet) is refused:
its two editors' decisions are kept per suggestion and unit (articles/agreement), and
replacing the suggestions and units would delete them without a word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import F

from articles.analytics.aggregates import refresh_comparison
from articles.importer import analyse_comparison, record_analysis, suggestion_flags, unit_rows
from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag

REANALYSE_ACTION = "comparison.reanalyse"
# A kept unit carries the same sentences; everything else the analysis decides is new.
_REANALYSED_FIELDS = ("position", *AlignmentUnit.ANALYSIS_FIELDS)


@dataclass(frozen=True, slots=True)
class ReanalysisSummary:
    comparison_id: int
    version_before: str
    version_after: str
    units_before: int
    units_after: int
    units_kept: int  # units whose sentences did not change (same rows)
    flags_kept: int  # confirmed flags and editors' flags
    flags_moved: int  # of those, moved to another unit because theirs was re-aligned
    dismissals_kept: int
    suggestions_before: int  # open suggestions before the run
    suggestions_after: int  # open suggestions after it

    def describe(self) -> str:
        return (
            f"comparison {self.comparison_id}: {self.units_after} units "
            f"({self.units_kept} unchanged, was {self.units_before}), "
            f"{self.suggestions_after} suggestions (was {self.suggestions_before}), "
            f"{self.flags_kept} confirmed or editor flags kept ({self.flags_moved} moved), "
            f"{self.dismissals_kept} dismissals kept; analysis version "
            f"{self.version_before or 'none'} → {self.version_after}"
        )


class ReanalysisRefused(ValueError):
    """The comparison may not be re-analysed now; the message says why, in one line."""


def check_no_double_review_under_way(comparison_id: int) -> None:
    from articles.agreement.models import DoubleReview

    under_way = (
        DoubleReview.objects.filter(comparison_id=comparison_id)
        .exclude(state=DoubleReview.State.ADJUDICATED)
        .order_by()
        .first()
    )
    if under_way is not None:
        raise ReanalysisRefused(
            f"comparison {comparison_id}: a blind double review is under way "
            f"({under_way.get_state_display().lower()}, asked "
            f"{under_way.requested_at:%Y-%m-%d}); re-analyse it once it is adjudicated "
            "(or, before both have handed in, withdrawn on the overview), or the two "
            "editors' blind decisions would be lost"
        )


def _key(category: str, source_span: str, target_span: str) -> tuple[str, str, str]:
    return (category, source_span.strip(), target_span.strip())


def _is_decision(flag: Flag) -> bool:
    """Flags the re-run never removes: confirmed ones and those editors added."""
    return flag.status == Flag.Status.CONFIRMED or flag.origin == Flag.Origin.EDITOR


def reanalyse(
    comparison: Comparison,
    *,
    user=None,
    within: Callable[[ReanalysisSummary], None] | None = None,
) -> ReanalysisSummary:
    """Recompute a comparison's alignment and suggestions, keeping editors' decisions.

    `within`, if given, is called with the summary inside the transaction of the
    writes (a background job records its item's result there).
    """
    check_no_double_review_under_way(comparison.pk)  # before the analysis's work
    # The analysis reads only sentences, which never change once imported, so it runs
    # before the transaction: the write lock is held for the writes alone.
    analysis, source, target = analyse_comparison(comparison)
    with transaction.atomic():
        locked = Comparison.objects.select_for_update().get(pk=comparison.pk)
        # Again under the lock: a double review may have been asked for meanwhile.
        check_no_double_review_under_way(locked.pk)
        summary = _replace_units(locked, analysis, source, target)
        refresh_comparison(locked.pk)  # the analytics follow the flags kept and dropped
        AuditEvent.objects.create(
            comparison=locked,
            actor=user if getattr(user, "is_authenticated", False) else None,
            action=REANALYSE_ACTION,
            before={
                "analysis_version": summary.version_before,
                "units": summary.units_before,
                "suggestions": summary.suggestions_before,
            },
            after=asdict(summary),
        )
        if within is not None:
            within(summary)
    comparison.refresh_from_db()
    return summary


def _replace_units(comparison: Comparison, analysis, source, target) -> ReanalysisSummary:
    old_units = list(comparison.units.order_by("position"))
    old_flags = list(Flag.objects.filter(unit__comparison=comparison).order_by("id"))
    suggestions_before = sum(
        f.origin == Flag.Origin.AUTO and f.status == Flag.Status.SUGGESTED for f in old_flags
    )
    version_before = comparison.analysis_version
    fresh = list(unit_rows(comparison, analysis, source, target))
    if not fresh and any(_is_decision(f) for f in old_flags):
        raise ValueError(f"comparison {comparison.pk}: no units left to keep the flags on")

    # Park the old units above every position in use and every position the new
    # alignment uses, so that no step collides with the (comparison, position)
    # constraint, which PostgreSQL checks row by row.
    highest = max((u.position for u in old_units), default=-1)
    offset = max(highest + 1, len(fresh))
    comparison.units.update(position=F("position") + offset)

    by_sentences = {(tuple(u.source_positions), tuple(u.target_positions)): u for u in old_units}
    units: list[AlignmentUnit] = []
    created: list[AlignmentUnit] = []
    for row in fresh:
        old = by_sentences.pop((tuple(row.source_positions), tuple(row.target_positions)), None)
        if old is None:
            created.append(row)
            units.append(row)
            continue
        for field in _REANALYSED_FIELDS:
            setattr(old, field, getattr(row, field))
        old.version = F("version") + 1
        old.save(update_fields=[*_REANALYSED_FIELDS, "version"])
        units.append(old)
    AlignmentUnit.objects.bulk_create(created, batch_size=500)
    gone = {u.pk: u for u in by_sentences.values()}

    # Where each old flag would live now.
    destination: dict[int, AlignmentUnit] = {u.pk: u for u in units}
    for unit in gone.values():
        destination[unit.pk] = _unit_with_same_sentences(unit, units)

    new_suggestions = {
        unit.pk: {_key(s.category, s.source_span, s.target_span): s for s in result.suggestions}
        for unit, result in zip(units, analysis.units, strict=True)
    }
    kept_keys: dict[int, set] = defaultdict(set)
    to_delete: list[int] = []
    to_move: list[Flag] = []
    flags_kept = flags_moved = dismissals_kept = 0
    for flag in old_flags:
        target_unit = destination[flag.unit_id]
        key = _key(flag.category, flag.source_span, flag.target_span)
        if _is_decision(flag):
            keep = True
            flags_kept += 1
        elif flag.status == Flag.Status.DISMISSED:
            keep = key in new_suggestions[target_unit.pk]
            dismissals_kept += keep
        else:
            keep = False  # an open suggestion: recomputed below
        if not keep:
            to_delete.append(flag.pk)
            continue
        kept_keys[target_unit.pk].add(key)
        if flag.unit_id != target_unit.pk:
            flag.unit = target_unit
            to_move.append(flag)
            flags_moved += _is_decision(flag)
    Flag.objects.filter(pk__in=to_delete).delete()
    Flag.objects.bulk_update(to_move, ["unit"], batch_size=500)
    AlignmentUnit.objects.filter(pk__in=gone).delete()

    added = Flag.objects.bulk_create(
        (
            flag
            for unit in units
            for flag in suggestion_flags(
                unit,
                [s for k, s in new_suggestions[unit.pk].items() if k not in kept_keys[unit.pk]],
            )
        ),
        batch_size=500,
    )
    # A unit that received a confirmed flag from a re-aligned unit is flagged.
    confirmed_units = {f.unit_id for f in to_move if f.status == Flag.Status.CONFIRMED}
    AlignmentUnit.objects.filter(
        pk__in=confirmed_units, review_state=AlignmentUnit.ReviewState.UNREVIEWED
    ).update(review_state=AlignmentUnit.ReviewState.FLAGGED)

    record_analysis(comparison, analysis)
    return ReanalysisSummary(
        comparison_id=comparison.pk,
        version_before=version_before,
        version_after=analysis.version,
        units_before=len(old_units),
        units_after=len(units),
        units_kept=len(units) - len(created),
        flags_kept=flags_kept,
        flags_moved=flags_moved,
        dismissals_kept=dismissals_kept,
        suggestions_before=suggestions_before,
        suggestions_after=len(added),
    )


def _unit_with_same_sentences(old: AlignmentUnit, units: list[AlignmentUnit]) -> AlignmentUnit:
    """The new unit carrying the old unit's sentences (source first), else the nearest."""
    source = set(old.source_positions)
    target = set(old.target_positions)
    for unit in units:
        if source & set(unit.source_positions):
            return unit
    for unit in units:
        if target & set(unit.target_positions):
            return unit
    # Only reachable if a sentence stopped being aligned at all: keep the flag close to
    # where it was rather than lose an editor's decision.
    return units[min(old.position, len(units) - 1)]
