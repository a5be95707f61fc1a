"""Bulk decisions: accept or dismiss every open suggestion like one in a comparison.

Two suggestions are *like* each other when the same rule raised them on the same
evidence: the same words at issue in the source and in the retranslation, compared
without case, punctuation or spacing ("strikes" → "attack" in units 11 and 12 of a
story). This module is the one place that rule is written; the step view counts with
it ("Dismiss all 4 like this") and the actions decide with it.

A bulk decision is the single-flag decision of articles.review.flags made for many
flags at once, against the versions the editor was shown: every unit it touches is
claimed at that version (articles.review.locking.claim_units) or nothing is changed,
and every flag gets its own audit event ("flag.accept" / "flag.dismiss", as if decided
one by one). The events share a `bulk` mark in their `after`, so that one undo
(articles.review.undo) takes the whole decision back. It costs the same number of
queries for 2 flags or 200.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag

from .audit import flag_row, unit_row
from .errors import Conflict, ReviewError
from .locking import claim_units
from .units import review_changes, touch_comparison

Status = Flag.Status

ACCEPT, DISMISS = "accept", "dismiss"
DECISIONS = {ACCEPT: Status.CONFIRMED, DISMISS: Status.DISMISSED}

# Words of a span: letters and digits, with apostrophes inside a word kept ("Iraq's").
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def normalised(span: str) -> str:
    """The words of a span as compared for likeness: case, punctuation, quote shapes
    and spacing do not count ("Strikes," and "strikes" are the same evidence)."""
    text = unicodedata.normalize("NFKC", span).casefold().replace("’", "'")
    return " ".join(_WORD.findall(text))


def like_key(flag: Flag) -> tuple[str, str, str] | None:
    """What makes suggestions like each other: the rule (the category for a flag that
    no rule raised) and both spans' words. None for a flag with no words at issue:
    without evidence nothing is "the same evidence"."""
    source, target = normalised(flag.source_span), normalised(flag.target_span)
    if not source and not target:
        return None
    return (f"rule:{flag.rule}" if flag.rule else f"category:{flag.category}", source, target)


@dataclass(frozen=True, slots=True)
class Likeness:
    """The open suggestions like one suggestion (itself included), as the step view
    shows them and its bulk forms send them back."""

    flag_ids: tuple[int, ...]
    versions: Mapping[int, int]  # unit id → version

    @property
    def count(self) -> int:
        return len(self.flag_ids)

    @property
    def units(self) -> int:
        return len(self.versions)

    @property
    def flags_field(self) -> str:
        return ",".join(map(str, self.flag_ids))

    @property
    def versions_field(self) -> str:
        return ",".join(f"{pk}:{version}" for pk, version in sorted(self.versions.items()))


def _open_suggestions(comparison: Comparison, rules: Iterable[str]) -> list[Flag]:
    """The open suggestions of the comparison raised by these rules, with their units
    (one query)."""
    return list(
        Flag.objects.filter(
            unit__comparison=comparison, status=Status.SUGGESTED, rule__in=set(rules)
        )
        .select_related("unit")
        .order_by("unit__position", "id")
    )


def _likeness(flags: Sequence[Flag]) -> Likeness:
    return Likeness(
        flag_ids=tuple(sorted(f.pk for f in flags)),
        versions={f.unit_id: f.unit.version for f in flags},
    )


def likes_of(comparison: Comparison, flag: Flag) -> list[Flag]:
    """The open suggestions of the comparison like `flag` (it included, when open), in
    unit order, each with its unit (one query)."""
    key = like_key(flag)
    if key is None:
        return [flag] if flag.status == Status.SUGGESTED else []
    return [f for f in _open_suggestions(comparison, [flag.rule]) if like_key(f) == key]


def annotate_likes(comparison: Comparison, suggestions: Sequence[Flag]) -> None:
    """Set `likes` (a Likeness) on each of a unit's suggestions that has others like it
    in the comparison, None on the rest (one query, none without suggestions)."""
    for flag in suggestions:
        flag.likes = None
    keyed = [(f, like_key(f)) for f in suggestions]
    keyed = [(f, key) for f, key in keyed if key is not None]
    if not keyed:
        return
    groups: dict[tuple[str, str, str], list[Flag]] = {}
    for other in _open_suggestions(comparison, {f.rule for f, _ in keyed}):
        key = like_key(other)
        if key is not None:
            groups.setdefault(key, []).append(other)
    for flag, key in keyed:
        like = groups.get(key, [])
        flag.likes = _likeness(like) if len(like) > 1 else None


@dataclass(frozen=True, slots=True)
class BulkResult:
    decision: str
    flags: int
    units: int

    def __str__(self) -> str:
        done = "Accepted" if self.decision == ACCEPT else "Dismissed"
        flags = f"{self.flags} suggestion{'s' if self.flags != 1 else ''}"
        units = f"{self.units} unit{'s' if self.units != 1 else ''}"
        return f"{done} {flags} in {units} at once."


@transaction.atomic
def decide_like(
    *,
    user,
    comparison: Comparison,
    flag: Flag,
    decision: str,
    shown_flags: Iterable[int],
    versions: Mapping[int, int],
) -> BulkResult:
    """Accept or dismiss every open suggestion like `flag`, as the editor was shown them.

    `shown_flags` are the ids the editor's button counted and `versions` the versions
    of their units it was shown; when either differs from the comparison as it is now
    (a like suggestion decided, a unit changed), nothing is decided (Conflict).
    """
    if decision not in DECISIONS:
        raise ReviewError(f"decision: “{decision}” is not accept or dismiss")
    likes = likes_of(comparison, flag)
    shown = set(shown_flags)
    if {f.pk for f in likes} != shown:
        raise Conflict(
            f"The suggestions like this one changed since you opened the unit: "
            f"{len(likes)} {'is' if len(likes) == 1 else 'are'} open now, not {len(shown)}. "
            "Nothing was decided: here they are as they are now.",
            unit_id=flag.unit_id,
        )
    return decide_flags(
        user=user,
        comparison=comparison,
        flags=likes,
        decision=decision,
        versions=versions,
        about={"unit": flag.unit_id, "like": flag.pk},
    )


def decide_flags(
    *,
    user,
    comparison: Comparison,
    flags: Sequence[Flag],
    decision: str,
    versions: Mapping[int, int],
    about: Mapping[str, object] | None = None,
) -> BulkResult:
    """Accept or dismiss these flags (each with its `unit` loaded) as one decision.

    Call inside a transaction. `versions` maps each unit's id to the version the editor
    was shown; `about` is kept in the audit events' bulk mark (e.g. a ledger entry).
    The same rules as one flag's decision: accepting marks the unit flagged and keeps
    the flag's author, a flag is not decided twice.
    """
    status = DECISIONS[decision]
    if not flags:
        raise ReviewError("There is no open suggestion to decide.")
    if any(f.status == status for f in flags):
        raise ReviewError(f"A flag of these is {status} already.")
    units: dict[int, AlignmentUnit] = {f.unit_id: f.unit for f in flags}
    missing = sorted(u.number for pk, u in units.items() if pk not in versions)
    if missing:
        raise ReviewError(f"versions: the form did not say which version of unit {missing[0]}")
    before_units = {pk: unit_row(u) for pk, u in units.items()}
    before_flags = {f.pk: flag_row(f) for f in flags}
    changes = review_changes("flagged", user) if decision == ACCEPT else {}
    claim_units(list(units.values()), versions, **changes)
    now = timezone.now()
    ids = [f.pk for f in flags]
    Flag.objects.filter(pk__in=ids).update(status=status, updated_at=now)
    if decision == ACCEPT:
        # As one accept does: the flag is the accepting editor's unless it had an author.
        Flag.objects.filter(pk__in=ids, author__isnull=True).update(author=user)
    for flag in flags:
        flag.status, flag.updated_at = status, now
        if decision == ACCEPT and flag.author_id is None:
            flag.author = user
    mark = {"id": uuid.uuid4().hex, "size": len(flags), "units": len(units), **(about or {})}
    AuditEvent.objects.bulk_create(
        AuditEvent(
            comparison=comparison,
            unit_id=flag.unit_id,
            flag=flag,
            actor=user,
            action=f"flag.{decision}",
            before={
                "units": {str(flag.unit_id): before_units[flag.unit_id]},
                "flags": {str(flag.pk): before_flags[flag.pk]},
            },
            after={
                "units": {str(flag.unit_id): unit_row(units[flag.unit_id])},
                "flags": {str(flag.pk): flag_row(flag)},
                "bulk": mark,
            },
        )
        for flag in flags
    )
    touch_comparison(comparison, user)
    return BulkResult(decision, len(flags), len(units))
