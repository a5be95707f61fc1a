"""From the tuning's rows to the analysis's plain data, and back to rows.

`tuning_for` gives the pipeline the ignore-list entries and rule settings that apply
to a pair (two queries); `record_effects` stores what they suppressed or lowered, per
comparison and per entry or rule, for the reports; `current_version` and
`stale_comparisons` say which comparisons an analysis today would analyse differently
(`manage.py reanalyse --stale`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from articles.analysis.pipeline import ANALYSIS_VERSION, PairAnalysis
from articles.analysis.tuning import IGNORED, IgnorePair, RuleAdjustment, Tuning
from articles.tuning.models import IgnoreEntry, RuleSetting, TuningEffectCount


def _outlet_filter(outlets: Iterable[str]) -> Q:
    wanted = Q(outlet="")
    for outlet in {o.strip() for o in outlets if o and o.strip()}:
        wanted |= Q(outlet__iexact=outlet)
    return wanted


def tuning_for(*outlets: str) -> Tuning:
    """The tuning that applies to a pair whose articles come from `outlets`: global
    ignore-list entries, those of either outlet, and every rule setting."""
    entries = IgnoreEntry.objects.filter(_outlet_filter(outlets)).order_by("pk")
    rules = RuleSetting.objects.filter(Q(muted=True) | ~Q(severity="")).order_by("rule")
    return Tuning(
        ignore=tuple(IgnorePair(e.pk, e.left, e.right) for e in entries),
        rules=tuple(RuleAdjustment(r.rule, r.muted, r.severity) for r in rules),
    )


def current_version(*outlets: str) -> str:
    """The analysis version an analysis of a pair from `outlets` gets today."""
    return tuning_for(*outlets).version(ANALYSIS_VERSION)


def stale_comparisons(comparisons: QuerySet) -> QuerySet:
    """The comparisons whose stored analysis version is not the one an analysis today
    would give them: the analysis changed, or the tuning that applies to them did.

    Two queries plus two per distinct pair of outlets (the tuning is read per pair).
    """
    pairs = comparisons.order_by().values_list("source__outlet", "retranslation__outlet")
    outdated = Q(pk__in=[])
    for source_outlet, target_outlet in set(pairs.distinct()):
        outdated |= Q(source__outlet=source_outlet, retranslation__outlet=target_outlet) & ~Q(
            analysis_version=current_version(source_outlet, target_outlet)
        )
    return comparisons.filter(outdated)


def record_effects(comparison, analysis: PairAnalysis) -> None:
    """Replace the comparison's tuning counts by those of `analysis` (in the caller's
    transaction)."""
    TuningEffectCount.objects.filter(comparison=comparison).delete()
    if not analysis.tuning_effects:
        return
    entry_ids = {int(e.key) for e in analysis.tuning_effects if e.kind == IGNORED}
    # An entry deleted since the analysis ran keeps its count, without the link.
    entries = IgnoreEntry.objects.in_bulk(entry_ids) if entry_ids else {}
    rules = {
        r.rule: r
        for r in RuleSetting.objects.filter(
            rule__in=[e.key for e in analysis.tuning_effects if e.kind != IGNORED]
        )
    }
    rows = []
    for effect in analysis.tuning_effects:
        if effect.kind == IGNORED:
            entry = entries.get(int(effect.key))
            label = str(entry) if entry else f"ignore-list entry {effect.key} (since deleted)"
            rows.append(
                TuningEffectCount(
                    comparison=comparison,
                    kind=effect.kind,
                    entry=entry,
                    label=label[:500],
                    count=effect.count,
                )
            )
        else:
            setting = rules.get(effect.key)
            label = str(setting) if setting else effect.key
            if setting and setting.reason:
                label = f"{label} ({setting.reason})"
            rows.append(
                TuningEffectCount(
                    comparison=comparison,
                    kind=effect.kind,
                    rule=effect.key,
                    label=label[:500],
                    count=effect.count,
                )
            )
    TuningEffectCount.objects.bulk_create(rows)
