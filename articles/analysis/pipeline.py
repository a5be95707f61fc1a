"""From two segmented articles to aligned units, suggested flags and a name ledger.

This is the one entry point the Django side calls: the importer after a pair is read,
the re-analysis admin action, and the review views after an editor fixes the alignment
(`analyse_unit` for the units that changed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .align import align_segments
from .detect import detect_drift
from .ledger import build_entity_ledger
from .tuning import Tuning, TuningEffect, effects_of
from .types import ADDITION, OMISSION, TITLE, AlignedUnit, LedgerEntry, Segment, Suggestion

# Stored on every comparison; bump it whenever a change to the analysis would change
# the units or suggestions it produces, so that stale comparisons can be found. A
# comparison analysed with a newsroom's tuning (ignore list, rule settings) stores this
# version followed by the tuning's fingerprint ("2+t1a2b3c4d5e"; Tuning.version).
ANALYSIS_VERSION = "3"
# How much of the unit before is passed on as context: a sentence or two.
_CONTEXT_CHARS = 600


@dataclass(frozen=True, slots=True)
class UnitAnalysis:
    unit: AlignedUnit
    source_text: str
    target_text: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class PairAnalysis:
    units: tuple[UnitAnalysis, ...]
    ledger: tuple[LedgerEntry, ...]
    version: str = ANALYSIS_VERSION
    # What the newsroom's tuning suppressed or lowered (articles.analysis.tuning).
    tuning_effects: tuple[TuningEffect, ...] = ()


def join_sentences(texts: Sequence[str]) -> str:
    """The text of a unit side: its sentences joined by a space."""
    return " ".join(t.strip() for t in texts if t.strip())


def analyse_unit(
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    *,
    is_title: bool = False,
    context: tuple[str, str] = ("", ""),
    tuning: Tuning | None = None,
) -> tuple[Suggestion, ...]:
    """The suggestions for one unit, given the sentences on each side (and the text of
    the unit before it on each side, where pronouns find their referents). `tuning`
    filters them, as `analyse_pair` does (an alignment fix re-analyses one unit)."""
    source_text, target_text = join_sentences(source_texts), join_sentences(target_texts)
    # A scraped retranslation often lost its headline; that is not drift in the story.
    if is_title and (not source_text or not target_text):
        return ()
    found = tuple(detect_drift(source_text, target_text, context))
    return tuning.apply(found, Counter()) if tuning else found


def analyse_pair(
    source: Sequence[Segment], target: Sequence[Segment], tuning: Tuning | None = None
) -> PairAnalysis:
    """Align two articles' segments and suggest drift for every unit.

    Only title and body segments take part; indices in the returned units refer to
    positions in the `source` and `target` sequences as given. `tuning` (the ignore
    list and rule settings that apply) filters the suggestions once they are made.
    """
    tuning = tuning or Tuning()
    tuned: Counter = Counter()
    results = []
    # The last sentences read on each side, for pronouns whose referent came before.
    context = ("", "")
    for unit in align_segments(source, target):
        src = [source[i].text for i in unit.source]
        tgt = [target[i].text for i in unit.target]
        is_title = any(source[i].kind == TITLE for i in unit.source) or any(
            target[i].kind == TITLE for i in unit.target
        )
        suggestions = analyse_unit(src, tgt, is_title=is_title, context=context)
        context = (
            join_sentences(src)[-_CONTEXT_CHARS:] or context[0],
            join_sentences(tgt)[-_CONTEXT_CHARS:] or context[1],
        )
        if unit.kind in (OMISSION, ADDITION) and is_title:
            suggestions = ()
        if tuning:
            suggestions = tuning.apply(suggestions, tuned)
        results.append(UnitAnalysis(unit, join_sentences(src), join_sentences(tgt), suggestions))
    ledger = build_entity_ledger([(r.source_text, r.target_text) for r in results])
    return PairAnalysis(
        units=tuple(results),
        ledger=tuning.filter_ledger(ledger),
        version=tuning.version(ANALYSIS_VERSION),
        tuning_effects=effects_of(tuned),
    )
