"""Suggest the drift between the two sides of one aligned unit.

`detect_drift` is called once per unit by the pipeline. A side that is empty makes
the unit a whole-sentence omission or addition, and nothing else is said about it;
otherwise every check in `checks.ALL_CHECKS` reads both sides, and the results are
de-duplicated so that one change gives one suggestion:

* a speaker swap (attribution.speaker) absorbs the name-replacement flag of the same
  name, since both would describe the one change;
* a suggestion with the same category and the same spans as an earlier one is dropped.
"""

from __future__ import annotations

from .categories import MAJOR
from .checks import ALL_CHECKS
from .checks.text import facts_of
from .types import Suggestion


def detect_drift(
    source_text: str, target_text: str, context: tuple[str, str] = ("", "")
) -> list[Suggestion]:
    """The drift suggestions for one unit, in the order the checks run.

    `context` is the text just before the unit on each side (the unit before it), for
    the checks that read a pronoun with its referent.
    """
    source_text, target_text = source_text.strip(), target_text.strip()
    if not source_text and not target_text:
        return []
    if not target_text:
        return [
            Suggestion(
                "omission",
                MAJOR,
                source_text,
                "",
                "This sentence of the source is missing from the retranslation.",
                "sentence.omitted",
            )
        ]
    if not source_text:
        return [
            Suggestion(
                "addition",
                MAJOR,
                "",
                target_text,
                "This sentence of the retranslation is not in the source.",
                "sentence.added",
            )
        ]
    if source_text == target_text:
        return []
    source, target = facts_of(source_text), facts_of(target_text)
    found: list[Suggestion] = []
    for check in ALL_CHECKS:
        if getattr(check, "uses_context", False):
            found.extend(check.run(source, target, context))
        else:
            found.extend(check.run(source, target))
    return _without_duplicates(found)


def _without_duplicates(found: list[Suggestion]) -> list[Suggestion]:
    speaker_names = {
        name
        for s in found
        if s.category == "attribution.speaker"
        for name in (s.source_span, s.target_span)
    }
    kept: list[Suggestion] = []
    seen: set[tuple[str, str, str]] = set()
    for s in found:
        if s.rule == "name.replaced" and any(
            s.source_span in name or s.target_span in name for name in speaker_names
        ):
            continue
        key = (s.category, s.source_span, s.target_span)
        if key in seen:
            continue
        seen.add(key)
        kept.append(s)
    return kept
