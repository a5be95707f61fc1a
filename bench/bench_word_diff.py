"""The word diff's speed: what drawing one unit's two sides costs (`diff_words`).

    python bench/bench_word_diff.py [--rounds 7]

No database. The seed pair and 20 generated pairs (bench/pairgen.py, the benchmark
newsroom's generator) go through the analysis as the importer runs it (segment,
align); then every unit's two sides through `diff_words`, as the step view draws them:
once to warm up, then `--rounds` times, printing the best round's time a unit. "warm"
keeps the word functions' answers from round to round, as a worker does from one
request to the next; "cold" clears them before each round (a worker's first units).
Issue 18's figures for the word diff (docs/PERFORMANCE.md) come from here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pairgen  # noqa: E402

from articles.analysis import worddiff  # noqa: E402
from articles.analysis.pipeline import analyse_pair  # noqa: E402
from articles.analysis.segment import segment_article, split_plain_article  # noqa: E402

SEEDS = ROOT / "seeds"
SEED_PAIR = (SEEDS / "000_7be70c43fb544a5f.txt", SEEDS / "001_bce71628527fee74.txt")


def _units(source: str, target: str) -> list[tuple[str, str]]:
    analysis = analyse_pair(
        segment_article(*split_plain_article(source)),
        segment_article(*split_plain_article(target)),
    )
    return [(unit.source_text, unit.target_text) for unit in analysis.units]


def _forget_words() -> None:
    for function in vars(worddiff).values():
        if hasattr(function, "cache_clear"):
            function.cache_clear()


def _best(units: list[tuple[str, str]], rounds: int, *, cold: bool) -> float:
    best = float("inf")
    for _ in range(rounds):
        if cold:
            _forget_words()
        started = time.process_time()
        for source, target in units:
            worddiff.diff_words(source, target)
        best = min(best, time.process_time() - started)
    return best / len(units) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    sets = {
        "the seed pair": _units(*(path.read_text(encoding="utf-8") for path in SEED_PAIR)),
        "20 generated pairs": [
            unit
            for pair in pairgen.make_pairs(20)
            for unit in _units(pair.source, pair.retranslation)
        ],
    }
    print(f"{'units':28} {'warm ms a unit':>15} {'cold ms a unit':>15}")
    for name, units in sets.items():
        for source, target in units:  # warm up
            worddiff.diff_words(source, target)
        warm = _best(units, options.rounds, cold=False)
        cold = _best(units, options.rounds, cold=True)
        print(f"{name + f' ({len(units)})':28} {warm:>15.3f} {cold:>15.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
