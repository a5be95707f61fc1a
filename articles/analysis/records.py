"""One pair's analysis as plain data: the JSON record and the text `manage.py analyse`
prints, and the reading of a JSON Lines file of pairs.

Plain Python without Django, so that a newsroom's own pipeline, the public-set
evaluation (`public_eval.py`) and the command all analyse a pair the same way: each
side is read as a pasted plain-text article is (the first line is the headline when
it reads as one, a one-line text is all story), then segmented, aligned and checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from .pipeline import PairAnalysis, analyse_pair
from .segment import segment_article

# The fields of each line of a pairs file, and of each suggestion in a record.
PAIR_FIELDS = ("id", "source", "retranslation")
SUGGESTION_FIELDS = ("category", "severity", "rule", "source_span", "target_span", "reason")


class PairsFileError(ValueError):
    """A line of a pairs file that cannot be analysed; the message names the line."""


@dataclass(frozen=True, slots=True)
class TextPair:
    id: str
    source: str
    retranslation: str
    line: int = 0  # where it was read, for messages


def analyse_texts(
    source: tuple[str, str] | str, retranslation: tuple[str, str] | str
) -> PairAnalysis:
    """Analyse two articles given as (title, body), or as body text without a title."""
    sides = []
    for side in (source, retranslation):
        title, body = side if isinstance(side, tuple) else ("", side)
        sides.append(segment_article(title, body))
    return analyse_pair(*sides)


def has_suggestion(analysis: PairAnalysis) -> bool:
    return any(unit.suggestions for unit in analysis.units)


def pair_record(pair_id: str, analysis: PairAnalysis) -> dict:
    """The JSON record of one analysed pair (the `--pairs` output line; `--format json`)."""
    return {
        "id": pair_id,
        "units": [
            {
                "kind": unit.unit.kind,
                "source_text": unit.source_text,
                "target_text": unit.target_text,
                "suggestions": [
                    {name: getattr(s, name) for name in SUGGESTION_FIELDS} for s in unit.suggestions
                ],
            }
            for unit in analysis.units
        ],
    }


def format_text(analysis: PairAnalysis) -> str:
    """The units and suggestions of a pair as an editor reads them in a terminal."""
    lines: list[str] = []
    suggestions = 0
    for number, unit in enumerate(analysis.units, start=1):
        kind = unit.unit.kind + (" (moved)" if unit.unit.moved else "")
        lines.append(f"Unit {number}: {kind}, similarity {unit.unit.similarity:.2f}")
        lines.append(f"  source:        {unit.source_text or '—'}")
        lines.append(f"  retranslation: {unit.target_text or '—'}")
        for s in unit.suggestions:
            suggestions += 1
            spans = f"{s.source_span or '—'!r} → {s.target_span or '—'!r}"
            lines.append(f"  ! {s.severity} {s.category} [{s.rule}] {spans}")
            lines.append(f"    {s.reason}")
        lines.append("")
    for entry in analysis.ledger:
        lines.append(
            f"Name ledger: {entry.source_name!r} → {entry.target_name!r} "
            f"in {len(entry.units)} unit(s)"
        )
    lines.append(
        f"{len(analysis.units)} unit(s), {suggestions} suggestion(s), "
        f"analysis version {analysis.version}."
    )
    return "\n".join(lines)


def read_pairs(stream: TextIO, name: str) -> Iterator[TextPair]:
    """The pairs of a JSON Lines file, one object per line; blank lines are skipped.

    Each object has a string (or integer) `id` and `source` and `retranslation` texts.
    A line that is not such an object raises PairsFileError naming the file and line.
    """
    seen: set[str] = set()
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            data = json.loads(line)
        except ValueError as error:  # JSONDecodeError, and integers too long to read
            raise PairsFileError(f"{where}: not valid JSON ({_first_line(error)})") from error
        if not isinstance(data, dict):
            raise PairsFileError(f"{where}: must be a JSON object with {_fields()}")
        missing = [f for f in PAIR_FIELDS if f not in data]
        if missing:
            raise PairsFileError(f"{where}: has no {', '.join(repr(f) for f in missing)} field")
        pair_id = data["id"]
        if isinstance(pair_id, bool) or not isinstance(pair_id, str | int):
            raise PairsFileError(f"{where}: 'id' must be a string or an integer")
        pair_id = str(pair_id)
        if pair_id in seen:
            raise PairsFileError(f"{where}: the id {pair_id[:80]!r} was used on an earlier line")
        seen.add(pair_id)
        for side in ("source", "retranslation"):
            if not isinstance(data[side], str):
                raise PairsFileError(f"{where}: '{side}' must be a string")
        yield TextPair(pair_id, data["source"], data["retranslation"], number)


def file_problem(path: object, error: OSError | UnicodeDecodeError) -> str:
    """The one-line reason a text file given by path could not be read."""
    if isinstance(error, FileNotFoundError):
        return f"{path}: no such file"
    if isinstance(error, IsADirectoryError):
        return f"{path}: is a directory, not a file"
    if isinstance(error, UnicodeDecodeError):
        return f"{path}: not UTF-8 (byte {error.start})"
    return f"{path}: cannot be read ({error.strerror})"


def _fields() -> str:
    return ", ".join(f"'{f}'" for f in PAIR_FIELDS)


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:120]
