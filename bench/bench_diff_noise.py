"""The word diff's noise on the seed pair: the share of words it marks as changed.

Not a test. The seed pair goes through the analysis as the importer runs it (segment,
align), then every unit's two sides through `diff_words`, as the step view shows them.
Prints, per unit and over all units, how many words are underlined (marked changed)
and how many are shown as moved. Deterministic; no database. From the repository root:

    .venv/bin/python bench/bench_diff_noise.py [--units]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.analysis.pipeline import analyse_pair  # noqa: E402
from articles.analysis.segment import segment_article, split_plain_article  # noqa: E402
from articles.analysis.types import MATCH  # noqa: E402
from articles.analysis.worddiff import diff_words  # noqa: E402

SEEDS = ROOT / "seeds"
SOURCE = SEEDS / "000_7be70c43fb544a5f.txt"
TARGET = SEEDS / "001_bce71628527fee74.txt"


def _segments(path: Path):
    return segment_article(*split_plain_article(path.read_text(encoding="utf-8")))


def _counts(tokens) -> tuple[int, int, int]:
    """(words, underlined, moved) of one side."""
    words = [t for t in tokens if t.is_word and any(c.isalnum() for c in t.text)]
    moved = sum(getattr(t, "moved", False) for t in words)
    return len(words), sum(t.changed for t in words), moved


def main(argv: list[str]) -> int:
    show_units = "--units" in argv
    analysis = analyse_pair(_segments(SOURCE), _segments(TARGET))
    totals = {"all": [0, 0, 0], "matched": [0, 0, 0]}
    for number, result in enumerate(analysis.units, start=1):
        diff = diff_words(result.source_text, result.target_text)
        counts = [a + b for a, b in zip(_counts(diff.source), _counts(diff.target), strict=True)]
        groups = ["all"] + (["matched"] if result.unit.kind == MATCH else [])
        for group in groups:
            totals[group] = [a + b for a, b in zip(totals[group], counts, strict=True)]
        if show_units:
            words, underlined, moved = counts
            share = underlined / words if words else 0.0
            print(
                f"unit {number:>2} (position {number - 1:>2}, {result.unit.kind:<8}) "
                f"{underlined:>3}/{words:<3} underlined {share:6.1%}  moved {moved}"
            )
    for group, (words, underlined, moved) in totals.items():
        units = "all units" if group == "all" else "matched units (both sides present)"
        print(
            f"{units}: {underlined}/{words} words underlined = {underlined / words:.1%}; "
            f"{moved} shown as moved = {moved / words:.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
