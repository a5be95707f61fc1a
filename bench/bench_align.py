"""Benchmark `align_segments` on articles of 25, 250 and 2,500 sentences a side.

Not a test. The articles are built from the seed pair's sentences and their
retranslations, each given a distinct place name (so that sentences differ as they
do in real copy), with planted drift: reworded sentences, splits, drops, additions
and moves. Generation is deterministic. Run from the repository root:

    .venv/bin/python bench/bench_align.py
"""

from __future__ import annotations

import platform
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.analysis.align import align_segments  # noqa: E402
from articles.analysis.segment import segment_article, split_plain_article  # noqa: E402
from articles.analysis.similarity import sentence_features  # noqa: E402
from articles.analysis.types import BODY, MATCH, Segment  # noqa: E402

SIZES = (25, 250, 2500)
REPEATS = 3
RANDOM_SEED = 20261121

DROP, ADD, MOVE = 0.06, 0.05, 0.03
RESPELL = 0.2
_SYLLABLES = ("ka", "ra", "mo", "ti", "lu", "se", "na", "bo", "di", "fa", "ge", "hu", "zi", "po")
_CLOSING = "”\"'’)"


def _seed_segments(name: str) -> list[Segment]:
    title, body = split_plain_article((ROOT / "seeds" / name).read_text(encoding="utf-8"))
    return segment_article(title, body)


def seed_material() -> tuple[list[tuple[str, list[str]]], list[str]]:
    """(source sentence, its retranslated sentences) pairs, and sentences only added."""
    source = _seed_segments("000_7be70c43fb544a5f.txt")
    target = _seed_segments("001_bce71628527fee74.txt")
    pairs, added = [], []
    for unit in align_segments(source, target):
        texts = [target[j].text for j in unit.target]
        if unit.kind == MATCH and len(unit.source) == 1 and source[unit.source[0]].kind == BODY:
            pairs.append((source[unit.source[0]].text, texts))
        elif not unit.source:
            added += texts
    return pairs, added


# Sentences a republisher adds: new content, unlike any sentence of the source.
_ADDITIONS = (
    "Local officials in {place} said {n} families had left their homes since the weekend.",
    "The {place} governor's office did not respond to a request for comment.",
    "Oil prices rose {n} cents after the reports, traders in {place} said.",
    "A convoy of {n} trucks was seen leaving {place} late on Tuesday, witnesses said.",
    "The United Nations envoy is due to visit {place} next week.",
)


def _added_sentence(seed_additions: list[str], rng: random.Random) -> str:
    if rng.random() < 0.2:
        return _with_place(rng.choice(seed_additions), _place(rng))
    return rng.choice(_ADDITIONS).format(place=_place(rng), n=rng.randint(3, 900))


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).title()


def _respell(name: str, rng: random.Random) -> str:
    k = rng.randrange(1, len(name))
    return name[:k] + rng.choice("aeioulr") + name[k + 1 :]


def _with_place(sentence: str, place: str) -> str:
    """The sentence with " in <place>" before its final punctuation."""
    body = sentence.rstrip(_CLOSING)
    stop = len(body) - 1 if body[-1:] in ".!?" else len(body)
    return f"{sentence[:stop]} in {place}{sentence[stop:]}"


@dataclass
class PlantedPair:
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    # For each source sentence, the target sentence indices it should pair with.
    truth: list[tuple[int, ...]] = field(default_factory=list)
    moves: int = 0


def planted_pair(size: int, rng: random.Random) -> PlantedPair:
    pairs, added = seed_material()
    plant = PlantedPair()
    pending_moves: list[tuple[int, list[str], int]] = []  # (source index, texts, due at)
    expected: dict[int, list[int]] = {}

    def emit(texts: list[str], owner: int | None) -> None:
        start = len(plant.target)
        plant.target.extend(texts)
        if owner is not None:
            expected[owner] = list(range(start, start + len(texts)))

    for k in range(size):
        source_text, retranslated = pairs[k % len(pairs)]
        place = _place(rng)
        target_place = _respell(place, rng) if rng.random() < RESPELL else place
        plant.source.append(_with_place(source_text, place))
        texts = retranslated[:-1] + [_with_place(retranslated[-1], target_place)]
        roll = rng.random()
        if roll < DROP:
            expected[k] = []
        elif roll < DROP + MOVE:
            pending_moves.append((k, texts, k + rng.randint(5, 40)))
            plant.moves += 1
        else:
            emit(texts, k)
        if rng.random() < ADD:
            emit([_added_sentence(added, rng)], None)
        for due in [m for m in pending_moves if m[2] <= k]:
            pending_moves.remove(due)
            emit(due[1], due[0])
    for owner, texts, _ in pending_moves:
        emit(texts, owner)
    plant.truth = [tuple(expected.get(k, ())) for k in range(size)]
    return plant


def _as_article(sentences: list[str], rng: random.Random, title: str = "") -> list[Segment]:
    """Paragraphs of one to three sentences, with the odd line of boilerplate."""
    lines, k = [], 0
    while k < len(sentences):
        n = rng.randint(1, 3)
        lines.append(" ".join(sentences[k : k + n]))
        k += n
        if rng.random() < 0.03:
            lines.append("[ad_1]")
    return segment_article(title, "\n".join(lines))


def _accuracy(plant: PlantedPair, source: list[Segment], target: list[Segment], units) -> float:
    """Share of source sentences paired exactly as planted (omissions included)."""
    body_s = [n for n, s in enumerate(source) if s.kind == BODY]
    body_t = [n for n, s in enumerate(target) if s.kind == BODY]
    if len(body_s) != len(plant.source) or len(body_t) != len(plant.target):
        return float("nan")  # segmentation did not reproduce the planted sentences
    local_s = {n: k for k, n in enumerate(body_s)}
    local_t = {n: k for k, n in enumerate(body_t)}
    got: dict[int, tuple[int, ...]] = {}
    for unit in units:
        for i in unit.source:
            if i in local_s:
                got[local_s[i]] = tuple(local_t[j] for j in unit.target)
    right = sum(1 for k, want in enumerate(plant.truth) if got.get(k) == want)
    return right / len(plant.truth)


def main() -> None:
    print(
        f"Python {platform.python_version()} on {platform.machine()}; best of 3 runs, "
        "sentence-feature cache cleared before each; CPU time of this single-threaded "
        "process, and wall-clock time (which other load on the machine inflates)"
    )
    header = (
        f"{'sentences/side':>14} {'source':>7} {'target':>7} {'CPU time':>10} {'wall':>10} "
        f"{'per sentence':>13} {'x previous':>10} {'planted pairs right':>20}"
    )
    print(header)
    previous = None
    for size in SIZES:
        rng = random.Random(RANDOM_SEED + size)
        plant = planted_pair(size, rng)
        source = _as_article(plant.source, rng, title="Mutual bombing between US forces and Iran")
        target = _as_article(plant.target, rng)
        times: list[float] = []
        walls: list[float] = []
        for _ in range(REPEATS):
            # Features are cached per sentence text; a cold cache times the whole job.
            sentence_features.cache_clear()
            started, wall_started = time.process_time(), time.perf_counter()
            units = align_segments(source, target)
            times.append(time.process_time() - started)
            walls.append(time.perf_counter() - wall_started)
        best = min(times)
        per_sentence = best / (len(plant.source) + len(plant.target)) * 2
        ratio = f"{best / previous:.1f}" if previous else "-"
        accuracy = _accuracy(plant, source, target, units)
        print(
            f"{size:>14} {len(plant.source):>7} {len(plant.target):>7} {best * 1000:>8.1f}ms "
            f"{min(walls) * 1000:>8.1f}ms "
            f"{per_sentence * 1e6:>10.0f} us {ratio:>10} {accuracy:>19.2%}"
        )
        previous = best


if __name__ == "__main__":
    main()
