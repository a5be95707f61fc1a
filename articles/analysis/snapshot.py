"""A record of everything the analysis says about a fixed set of pairs, to hold speed
work to the same results.

The pairs are the seed pair and every case of the labelled evaluation set. The record
(`tests/data/analysis_snapshot.json`) lists, pair by pair, every unit (its sentences,
kind, similarity and whether it moved) and every suggestion (category, severity, spans,
reason and rule). `tests/analysis/test_snapshot.py` compares today's analysis with it:
a change made only for speed must leave it as it is. A change that means to alter the
results bumps `pipeline.ANALYSIS_VERSION` and writes the record anew:

    python -m articles.analysis.snapshot --write
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .evaluate import REPO_ROOT, load_cases, segments_of
from .pipeline import ANALYSIS_VERSION, PairAnalysis, analyse_pair

SNAPSHOT_PATH = REPO_ROOT / "tests" / "data" / "analysis_snapshot.json"
SEED_FILES = ("000_7be70c43fb544a5f.txt", "001_bce71628527fee74.txt")


def snapshot_pairs() -> list[tuple[str, str, str]]:
    """(name, source text, target text) of every pair the record covers."""
    seeds = [(REPO_ROOT / "seeds" / name).read_text(encoding="utf-8") for name in SEED_FILES]
    pairs = [("seed", seeds[0], seeds[1])]
    pairs += [(case.id, case.source_text, case.target_text) for case in load_cases()]
    return pairs


def record_of(analysis: PairAnalysis) -> list[dict]:
    """Every unit of one pair with its suggestions, as plain JSON data."""
    return [
        {
            "source": list(result.unit.source),
            "target": list(result.unit.target),
            "kind": result.unit.kind,
            "similarity": result.unit.similarity,
            "moved": result.unit.moved,
            "suggestions": [
                [s.category, s.severity, s.source_span, s.target_span, s.reason, s.rule]
                for s in result.suggestions
            ],
        }
        for result in analysis.units
    ]


def snapshot() -> dict:
    """Today's analysis of every pair the record covers."""
    return {
        "analysis_version": ANALYSIS_VERSION,
        "pairs": {
            name: record_of(analyse_pair(segments_of(source), segments_of(target)))
            for name, source, target in snapshot_pairs()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {SNAPSHOT_PATH.name}")
    args = parser.parse_args(argv)
    today = snapshot()
    if args.write:
        text = json.dumps(today, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        Path(SNAPSHOT_PATH).write_text(text, encoding="utf-8")
        print(f"Wrote {SNAPSHOT_PATH} ({len(today['pairs'])} pairs).")
        return 0
    stored = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
    changed = [name for name in today["pairs"] if stored["pairs"].get(name) != today["pairs"][name]]
    for name in changed:
        print(f"{name}: the analysis differs from the record", file=sys.stderr)
    print(f"{len(today['pairs']) - len(changed)} of {len(today['pairs'])} pairs as recorded.")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
