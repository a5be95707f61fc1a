"""Find the words at issue in a sentence, for the formats that mark them.

A flag records the words at issue (`source_span`, `target_span`) as text, not as
offsets; they are looked up in the unit's sentence, first exactly, then ignoring case.
Words that cannot be found are not marked (the flag's spans are still listed).
"""

from __future__ import annotations

from collections.abc import Iterable


def segments(text: str, spans: Iterable[str]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_marked) pieces, overlapping marks merged."""
    ranges = sorted(r for span in spans if (r := _find(text, span)) is not None)
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in merged:
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces


def _find(text: str, span: str) -> tuple[int, int] | None:
    needle = (span or "").strip()
    if not needle or not text:
        return None
    at = text.find(needle)
    if at < 0:
        at = text.lower().find(needle.lower())
    if at < 0:
        return None
    return at, at + len(needle)
