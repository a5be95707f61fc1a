"""Fixing the alignment where the analysis got it wrong: merge, split, link.

Each fix changes which sentences a unit pairs, so the units it changes get their text,
kind and similarity again from their sentences, their suggestions are recomputed by the
analysis (`analyse_unit`), and they are unreviewed again. Flags an editor confirmed or
dismissed are kept (a new suggestion that repeats one of them is not added again).
Positions are renumbered in two steps because they are unique per comparison, and the
name ledger's unit positions follow. One fix is one audit event, with the layout of
the whole comparison before and after, so that undo can put it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import F

from articles.analysis.pipeline import analyse_unit, join_sentences
from articles.analysis.similarity import sentence_similarity
from articles.analysis.types import TITLE
from articles.importer import suggestion_flags
from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from articles.stories.names_store import refresh_names
from articles.tuning.applying import tuning_for

from .audit import layout_of, record, snapshot
from .errors import ReviewError
from .locking import claim_unit
from .undo import POSITION_OFFSET
from .units import touch_comparison

Kind = AlignmentUnit.Kind
# A re-laid unit is unreviewed again: its review state is saved with its layout.
LAYOUT_FIELDS = [*AlignmentUnit.ANALYSIS_FIELDS, "review_state", "reviewed_by", "reviewed_at"]


class _Sentences:
    """The sentence texts and kinds of both articles for the positions a fix touches."""

    def __init__(self, comparison: Comparison, units: Iterable[AlignmentUnit]) -> None:
        units = list(units)
        wanted = {p for u in units for p in u.source_positions + u.target_positions}
        rows = Sentence.objects.filter(
            article_id__in=[comparison.source_id, comparison.retranslation_id],
            position__in=wanted,
        ).values_list("article_id", "position", "text", "kind")
        self.source_id = comparison.source_id
        self.rows = {(article, position): (text, kind) for article, position, text, kind in rows}
        self.target_id = comparison.retranslation_id
        # The newsroom's ignore list and rule settings apply to re-laid units too.
        outlets = Article.objects.filter(pk__in=[self.source_id, self.target_id])
        self.tuning = tuning_for(*outlets.values_list("outlet", flat=True))

    def texts(self, article_id: int, positions: list[int]) -> list[str]:
        return [self.rows[(article_id, p)][0] for p in positions if (article_id, p) in self.rows]

    def has_title(self, article_id: int, positions: list[int]) -> bool:
        return any(self.rows.get((article_id, p), ("", ""))[1] == TITLE for p in positions)


def _rebuild(
    unit: AlignmentUnit, source: list[int], target: list[int], sentences: _Sentences
) -> list[Flag]:
    """Give the unit these sentences; recompute its text, kind, similarity, suggestions.

    Returns the flags it has afterwards; its recomputed suggestions replace the old ones.
    """
    source_texts = sentences.texts(sentences.source_id, source)
    target_texts = sentences.texts(sentences.target_id, target)
    unit.source_positions, unit.target_positions = sorted(source), sorted(target)
    unit.source_text = join_sentences(source_texts)
    unit.target_text = join_sentences(target_texts)
    unit.kind = Kind.MATCH if source and target else (Kind.OMISSION if source else Kind.ADDITION)
    similarity = (
        sentence_similarity(unit.source_text, unit.target_text) if unit.kind == Kind.MATCH else 0
    )
    unit.similarity = min(1.0, max(0.0, round(float(similarity), 4)))
    unit.is_title = sentences.has_title(sentences.source_id, source) or sentences.has_title(
        sentences.target_id, target
    )
    unit.review_state, unit.reviewed_by, unit.reviewed_at = "unreviewed", None, None
    unit.save(update_fields=LAYOUT_FIELDS)
    unit.flags.filter(origin=Flag.Origin.AUTO, status=Flag.Status.SUGGESTED).delete()
    kept = list(unit.flags.all())
    known = {(f.category, f.source_span, f.target_span) for f in kept}
    suggestions = [
        s
        for s in analyse_unit(
            source_texts, target_texts, is_title=unit.is_title, tuning=sentences.tuning
        )
        if (s.category, s.source_span, s.target_span) not in known
    ]
    return kept + Flag.objects.bulk_create(suggestion_flags(unit, suggestions))


def _shift(comparison: Comparison, *, after: int, by: int) -> None:
    """Move every unit after `after` by `by` positions (in two steps: unique positions)."""
    later = comparison.units.filter(position__gt=after, position__lt=POSITION_OFFSET)
    later.update(position=F("position") + POSITION_OFFSET)
    comparison.units.filter(position__gte=POSITION_OFFSET).update(
        position=F("position") - POSITION_OFFSET + by
    )


def _remap_ledger(comparison: Comparison, mapping: Callable[[dict, int], list[int]]) -> None:
    ledger = [
        {**entry, "units": sorted({n for p in entry.get("units", []) for n in mapping(entry, p)})}
        for entry in comparison.ledger or []
    ]
    comparison.ledger = ledger
    Comparison.objects.filter(pk=comparison.pk).update(ledger=ledger)
    refresh_names([comparison.pk])  # its occurrences' unit positions moved too


def _before(comparison: Comparison, units: list[AlignmentUnit]) -> dict:
    flags = Flag.objects.filter(unit__in=units)
    state = snapshot(units=units, flags=flags, layout=True)
    state["layout"] = layout_of(comparison)
    state["ledger"] = comparison.ledger
    return state


def _finish(
    action: str,
    *,
    user,
    comparison: Comparison,
    before: dict,
    units: list[AlignmentUnit],
    flags: list[Flag],
    gone_units: Iterable[int] = (),
) -> None:
    for unit in units:
        unit.refresh_from_db(fields=["position", "version"])
    kept = {str(f.pk) for f in flags}
    after = snapshot(
        units=units,
        flags=flags,
        layout=True,
        gone_units=gone_units,
        gone_flags=[int(pk) for pk in before["flags"] if pk not in kept],
    )
    after["layout"] = layout_of(comparison)
    after["ledger"] = comparison.ledger
    for pk in after["flags"]:
        before["flags"].setdefault(pk, None)  # created by the fix: undo removes it
    record(comparison, user, action, unit=units[0], before=before, after=after)
    touch_comparison(comparison, user)


@transaction.atomic
def merge_with_next(
    *, user, unit: AlignmentUnit, shown_version: int, next_version: int
) -> AlignmentUnit:
    """Merge a unit with the one after it (their sentences become one unit)."""
    comparison = unit.comparison
    following = comparison.units.filter(position=unit.position + 1).first()
    if following is None:
        raise ReviewError(f"Unit {unit.number} is the last one: there is no next unit.")
    sentences = _Sentences(comparison, [unit, following])
    before = _before(comparison, [unit, following])
    claim_unit(unit, shown_version)
    claim_unit(following, next_version)
    Flag.objects.filter(unit=following).update(unit=unit)
    gone, position = following.pk, unit.position
    following.delete()
    _shift(comparison, after=position + 1, by=-1)
    flags = _rebuild(
        unit,
        unit.source_positions + following.source_positions,
        unit.target_positions + following.target_positions,
        sentences,
    )
    unit.moved = unit.moved or following.moved
    unit.save(update_fields=["moved"])
    _remap_ledger(comparison, lambda _e, p: [p if p <= position else p - 1])
    _finish(
        "unit.merge",
        user=user,
        comparison=comparison,
        before=before,
        units=[unit],
        flags=flags,
        gone_units=[gone],
    )
    return unit


@transaction.atomic
def split_unit(
    *, user, unit: AlignmentUnit, shown_version: int, source_at: int, target_at: int
) -> tuple[AlignmentUnit, AlignmentUnit]:
    """Split a unit in two: its first `source_at` source sentences and `target_at`
    retranslation sentences stay, the rest become a new unit right after it."""
    source, target = list(unit.source_positions), list(unit.target_positions)
    if not (0 <= source_at <= len(source) and 0 <= target_at <= len(target)):
        raise ReviewError(
            f"split: unit {unit.number} has {len(source)} source and {len(target)} "
            "retranslation sentence(s); the split point is outside them"
        )
    first = (source[:source_at], target[:target_at])
    second = (source[source_at:], target[target_at:])
    if not any(first) or not any(second):
        raise ReviewError(
            "split: both parts need at least one sentence; choose where to split each side"
        )
    comparison = unit.comparison
    sentences = _Sentences(comparison, [unit])
    before = _before(comparison, [unit])
    claim_unit(unit, shown_version)
    position = unit.position
    _shift(comparison, after=position, by=1)
    new = AlignmentUnit.objects.create(
        comparison=comparison,
        position=position + 1,
        kind=unit.kind,
        moved=unit.moved,
    )
    # Kept flags go with the part whose text holds their words.
    kept = list(unit.flags.exclude(origin=Flag.Origin.AUTO, status=Flag.Status.SUGGESTED))
    flags_first = _rebuild(unit, *first, sentences)
    flags_second = _rebuild(new, *second, sentences)
    moving = [f.pk for f in kept if not _holds(unit, f) and _holds(new, f)]
    Flag.objects.filter(pk__in=moving).update(unit=new)
    flags = list(flags_first + flags_second)
    for flag in flags:
        if flag.pk in moving:
            flag.unit_id = new.pk

    def place(entry: dict, p: int) -> list[int]:
        if p < position:
            return [p]
        if p > position:
            return [p + 1]
        parts = [u.position for u in (unit, new) if _mentions(u, entry)]
        return parts or [position, position + 1]

    _remap_ledger(comparison, place)
    before["units"][str(new.pk)] = None
    _finish(
        "unit.split",
        user=user,
        comparison=comparison,
        before=before,
        units=[unit, new],
        flags=flags,
    )
    return unit, new


def _holds(unit: AlignmentUnit, flag: Flag) -> bool:
    return bool(
        flag.source_span
        and flag.source_span.casefold() in unit.source_text.casefold()
        or flag.target_span
        and flag.target_span.casefold() in unit.target_text.casefold()
    )


def _mentions(unit: AlignmentUnit, entry: dict) -> bool:
    return bool(
        entry.get("source")
        and entry["source"].casefold() in unit.source_text.casefold()
        or entry.get("target")
        and entry["target"].casefold() in unit.target_text.casefold()
    )


@transaction.atomic
def link_unit(
    *,
    user,
    unit: AlignmentUnit,
    shown_version: int,
    into: AlignmentUnit,
    into_version: int,
) -> AlignmentUnit:
    """Move the sentences of an omission (or addition) unit into another unit.

    Linking an omission into an addition pairs them; linking it into a match adds the
    sentence to that match. The linked unit disappears.
    """
    if unit.kind == Kind.MATCH:
        raise ReviewError(
            f"Unit {unit.number} pairs sentences on both sides: only an omission or an "
            "addition can be linked into another unit (merge or split this one instead)."
        )
    if into.pk == unit.pk or into.comparison_id != unit.comparison_id:
        raise ReviewError("into: choose another unit of this comparison")
    comparison = unit.comparison
    sentences = _Sentences(comparison, [unit, into])
    before = _before(comparison, [unit, into])
    claim_unit(unit, shown_version)
    claim_unit(into, into_version)
    Flag.objects.filter(unit=unit).update(unit=into)
    gone, position = unit.pk, unit.position
    unit.delete()
    _shift(comparison, after=position, by=-1)
    into.refresh_from_db(fields=["position"])
    flags = _rebuild(
        into,
        into.source_positions + unit.source_positions,
        into.target_positions + unit.target_positions,
        sentences,
    )
    target = into.position

    def place(_entry: dict, p: int) -> list[int]:
        if p == position:
            return [target]
        return [p - 1] if p > position else [p]

    _remap_ledger(comparison, place)
    _finish(
        "unit.link",
        user=user,
        comparison=comparison,
        before=before,
        units=[into],
        flags=flags,
        gone_units=[gone],
    )
    return into
