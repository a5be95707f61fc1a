"""Benchmark the whole analysis of a pair: segmentation, alignment and detection.

Not a test. Three measurements, in CPU time of this single-threaded process:

* the seed pair, analysed from its text with every analysis cache cleared first
  (best of REPEATS): ms per pair, per sentence and per unit;
* the public sentence-pair sets, when their paths are given (`--public PATH ...`):
  ms per pair over every pair of each set (each pair is new text, so caches do not
  help);
* `--worst [MIB ...]`: the worst case the article limits allow, two sides of MIB MiB
  each (default 10, the byte limit) in 4,900 sentences (under the 5,000-sentence
  limit), half of the words capitalised (every one a candidate name) and a fifth of
  the target's words changed, and the same with two unrelated sides. Generation is
  deterministic.

Run from the repository root:

    .venv/bin/python bench/bench_analysis.py [--public ../shared/eval/*.tsv] [--worst [MIB ...]]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import articles.analysis as analysis_package  # noqa: E402
from articles.analysis.align import align_segments  # noqa: E402
from articles.analysis.detect import detect_drift  # noqa: E402
from articles.analysis.pipeline import analyse_pair  # noqa: E402
from articles.analysis.segment import segment_article, split_plain_article  # noqa: E402
from articles.analysis.types import ALIGNABLE_KINDS  # noqa: E402

REPEATS = 5
RANDOM_SEED = 20261129
WORST_SENTENCES = 4_900
_SYLLABLES = ("ka", "ra", "mo", "ti", "lu", "se", "na", "bo", "di", "fa", "ge", "hu", "zi", "po")


def clear_caches() -> None:
    """Empty every functools cache of the analysis, so a run reads all text anew."""
    for info in pkgutil.walk_packages(analysis_package.__path__, "articles.analysis."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def cpu(function, *args):
    start = time.process_time()
    result = function(*args)
    return time.process_time() - start, result


def seed_pair() -> list[str]:
    segments = []
    for name in ("000_7be70c43fb544a5f.txt", "001_bce71628527fee74.txt"):
        text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        segments.append(text)
    best = float("inf")
    units = sentences = 0
    for _ in range(REPEATS):
        clear_caches()
        start = time.process_time()
        sides = [segment_article(*split_plain_article(t)) for t in segments]
        result = analyse_pair(*sides)
        best = min(best, time.process_time() - start)
        units = len(result.units)
        sentences = sum(1 for side in sides for s in side if s.kind in ALIGNABLE_KINDS)
    # Detection alone, unit by unit, every cache cleared first (issue 18's measure).
    pairs = [(u.source_text, u.target_text) for u in result.units]
    detect_best = float("inf")
    for _ in range(REPEATS):
        clear_caches()
        start = time.process_time()
        for source_text, target_text in pairs:
            detect_drift(source_text, target_text)
        detect_best = min(detect_best, time.process_time() - start)
    return [
        f"| seed pair, detection only | 1 | {detect_best * 1000:.1f} ms | – | "
        f"{detect_best * 1000 / units:.2f} ms ({units} units) |",
        "| seed pair | 1 | "
        f"{best * 1000:.1f} ms | {best * 1000 / sentences:.2f} ms ({sentences} sentences) | "
        f"{best * 1000 / units:.2f} ms ({units} units) |",
    ]


def public_sets(paths: list[Path]) -> list[str]:
    from articles.analysis.public_eval import read_public_set
    from articles.analysis.records import analyse_texts

    rows = []
    for path in paths:
        kind, pairs = read_public_set(path)
        clear_caches()
        start = time.process_time()
        for pair in pairs:
            analyse_texts(pair.source, pair.target)
        total = time.process_time() - start
        rows.append(
            f"| {path.name} ({kind.upper()}) | {len(pairs):,} | "
            f"{total * 1000 / len(pairs):.2f} ms a pair | "
            f"{total * 1000 / (2 * len(pairs)):.2f} ms a sentence | total {total:.1f} s |"
        )
    return rows


def _sentence(rng: random.Random, vocabulary: list[str], chars: int) -> str:
    words, length = [], 0
    while length < chars:
        word = rng.choice(vocabulary)
        if rng.random() < 0.5:
            word = word.capitalize()
        words.append(word)
        length += len(word) + 1
    return " ".join(words) + "."


def worst_case(mib: float) -> list[str]:
    """Two sides of `mib` MiB each in WORST_SENTENCES sentences."""
    chars = int(mib * 2**20 / WORST_SENTENCES)
    rng = random.Random(RANDOM_SEED)
    vocabulary = [
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(20_000)
    ]
    source = [_sentence(rng, vocabulary, chars) for _ in range(WORST_SENTENCES)]
    related = [
        " ".join(w if rng.random() > 0.2 else rng.choice(vocabulary) for w in s.split())
        for s in source
    ]
    unrelated = [_sentence(rng, vocabulary, chars) for _ in range(WORST_SENTENCES)]
    rows = []
    for label, target in (("related sides", related), ("unrelated sides", unrelated)):
        clear_caches()
        body_s, body_t = "\n".join(source), "\n".join(target)
        seg_time, sides = cpu(
            lambda s, t: (segment_article("", s), segment_article("", t)), body_s, body_t
        )
        align_time, units = cpu(align_segments, *sides)
        clear_caches()
        total_time, result = cpu(analyse_pair, *sides)
        suggestions = sum(len(u.suggestions) for u in result.units)
        rows.append(
            f"| {label} | {len(body_s.encode()) / 2**20:.1f} + {len(body_t.encode()) / 2**20:.1f}"
            f" MiB | {len(sides[0]):,} + {len(sides[1]):,} | {seg_time:.1f} s | "
            f"{align_time:.1f} s | {total_time - align_time:.1f} s | "
            f"{seg_time + total_time:.1f} s | {len(units):,} units, {suggestions:,} suggestions |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--public", nargs="*", type=Path, default=[], help="PAWS/MRPC .tsv files")
    parser.add_argument(
        "--worst",
        type=float,
        nargs="*",
        metavar="MIB",
        help="the worst case at these sizes a side, in MiB (default: 10, the byte limit)",
    )
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, CPU time")
    print()
    print("| input | pairs | per pair | per sentence | per unit / total |")
    print("|---|---:|---:|---:|---:|")
    for row in seed_pair() + public_sets(args.public):
        print(row)
    if args.worst is not None:
        print()
        print(
            "| worst case | size | sentences | segmentation | alignment | detection | "
            "whole analysis | result |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        for mib in args.worst or [10.0]:
            for row in worst_case(mib):
                print(row)


if __name__ == "__main__":
    main()
