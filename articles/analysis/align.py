"""Pair the sentences of a source article with those of its retranslation.

The alignment is monotonic, like the articles: a dynamic programme over sentence
similarities with steps 1-1, 1-2, 2-1, 2-2 (a sentence split or merged by the
translator), 1-0 (omission) and 0-1 (addition). A sentence that left its place shows
up as an omission plus an addition; those are then linked as one MATCH unit marked
`moved`.

Cost stays close to linear in the length of the articles: high-confidence pairs found
through rare shared words ("anchors") pin the path, and the programme only looks at a
band of cells around the line through them, never the full n x m matrix. Similarity
is computed lazily for the cells the band holds, from features read once per sentence.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .similarity import (
    SentenceFeatures,
    features_similarity,
    join_features,
    sentence_features,
    sentence_similarity,
)
from .types import ADDITION, BODY, MATCH, OMISSION, TITLE, AlignedUnit, Segment

# A pair scores its similarity minus this: below it, leaving both sentences unpaired
# (an omission and an addition) beats pairing them. Retranslated pairs score about
# 0.4-0.9 and unrelated sentences of one article mostly below 0.3.
_MATCH_THRESHOLD = 0.3
# What a 1-2 or 2-1 unit must gain over the 1-1 it extends, and a 2-2 over two 1-1s
# (in total), so that a merge is chosen only when the joined text scores clearly
# better: joining sentences raises their score a little anyway.
_MERGE_PENALTY = 0.08
_DOUBLE_MERGE_PENALTY = 0.2
# A merge is only tried when each part alone shares something with the other side.
_MERGE_PART_FLOOR = 0.15
# An omission and an addition this alike are one sentence that moved.
_MOVE_THRESHOLD = 0.45
_MOVE_CANDIDATES = 8
_MOVE_MAX_STEM_FREQUENCY = 32  # a stem in more added sentences does not vote

# Anchors: a pair found through rare shared words, mutually best and this alike.
_ANCHOR_THRESHOLD = 0.5
_ANCHOR_MAX_STEM_FREQUENCY = 8  # a stem in more target sentences is not rare
_ANCHOR_STEMS_PER_SENTENCE = 8
_ANCHOR_CANDIDATES = 3
# Half-width of the band around the anchor line, in sentences; a gap between anchors
# with at most this many cells is searched whole.
_BAND_HALF_WIDTH = 8
_FULL_GAP_CELLS = 600

_NEG_INF = float("-inf")
# Steps as (source sentences, target sentences) consumed.
_STEPS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2))


@dataclass(frozen=True, slots=True)
class _Pair:
    """A unit in local indices (positions among the aligned segments of one kind)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    similarity: float
    moved: bool = False


def align_segments(source: Sequence[Segment], target: Sequence[Segment]) -> list[AlignedUnit]:
    """Align two segmented articles into units in reading order.

    Titles align only with titles and body sentences with body sentences; other
    segments (boilerplate, captions, bylines, credits) never appear in a unit. Indices
    in the units refer to positions in `source` and `target` as given.
    """
    units: list[AlignedUnit] = []
    for kind in (TITLE, BODY):
        src_positions = [n for n, s in enumerate(source) if s.kind == kind]
        tgt_positions = [n for n, s in enumerate(target) if s.kind == kind]
        if kind == TITLE and len(src_positions) == len(tgt_positions) == 1:
            # A headline is its article's headline however much it was rewritten;
            # pairing the two lets detection judge the change.
            similarity = sentence_similarity(
                source[src_positions[0]].text, target[tgt_positions[0]].text
            )
            pairs = [_Pair((0,), (0,), similarity)]
        else:
            pairs = _align_sentences(
                [source[n].text for n in src_positions], [target[n].text for n in tgt_positions]
            )
        units += [_to_unit(p, src_positions, tgt_positions) for p in pairs]
    return units


def align_texts(source: Sequence[str], target: Sequence[str]) -> list[AlignedUnit]:
    """Align two lists of sentences; unit indices are positions in the lists."""
    positions_s, positions_t = list(range(len(source))), list(range(len(target)))
    return [_to_unit(p, positions_s, positions_t) for p in _align_sentences(source, target)]


def _to_unit(pair: _Pair, src_positions: list[int], tgt_positions: list[int]) -> AlignedUnit:
    if pair.source and pair.target:
        kind, similarity = MATCH, pair.similarity
    else:
        kind, similarity = (OMISSION if pair.source else ADDITION), 0.0
    return AlignedUnit(
        source=tuple(src_positions[i] for i in pair.source),
        target=tuple(tgt_positions[j] for j in pair.target),
        kind=kind,
        similarity=round(max(0.0, min(1.0, similarity)), 4),
        moved=pair.moved,
    )


def _align_sentences(source: Sequence[str], target: Sequence[str]) -> list[_Pair]:
    scorer = _Scorer(source, target)
    if scorer.n == scorer.m == 1:
        # A one-sentence text is the counterpart of the one-sentence text it was given
        # with if they share anything at all (a company and its initials score low:
        # "Northern Grain Cooperative" / "NGC"); detection then judges the change.
        similarity = scorer.score(0, 1, 0, 1)
        if similarity >= _MERGE_PART_FLOOR:
            return [_Pair((0,), (0,), similarity)]
    lo, hi = _band(_find_anchors(scorer), scorer.n, scorer.m)
    pairs = _best_path(scorer, lo, hi)
    pairs = _link_moves(pairs, scorer)
    return _reading_order(pairs)


class _Scorer:
    """Similarities of runs of source and target sentences, computed once each."""

    def __init__(self, source: Sequence[str], target: Sequence[str]) -> None:
        self.source = [sentence_features(t) for t in source]
        self.target = [sentence_features(t) for t in target]
        self.n, self.m = len(self.source), len(self.target)
        self._joined: dict[tuple[str, int, int], SentenceFeatures] = {}
        self._scores: dict[tuple[int, int, int, int], float] = {}

    def _features(self, side: str, start: int, count: int) -> SentenceFeatures:
        sentences = self.source if side == "s" else self.target
        if count == 1:
            return sentences[start]
        key = (side, start, count)
        if key not in self._joined:
            self._joined[key] = join_features(sentences[start : start + count])
        return self._joined[key]

    def score(self, i: int, k: int, j: int, ln: int) -> float:
        """Similarity of source sentences i..i+k-1 with target sentences j..j+ln-1."""
        key = (i, k, j, ln)
        cached = self._scores.get(key)
        if cached is None:
            a, b = self._features("s", i, k), self._features("t", j, ln)
            cached = _coarse(a, b)
            if cached is None:
                cached = features_similarity(a, b)
            self._scores[key] = cached
        return cached


# A coarser pass for very long sentences (scraped text without full stops, or an
# article built to be expensive): their full similarity costs the most, and a pair
# sharing under 30% of its word stems (below the threshold of a match) is settled by
# that alone. Sentences of news length never take this path.
_LONG_SENTENCE_WORDS = 150
_COARSE_FLOOR = 0.3


def _coarse(a: SentenceFeatures, b: SentenceFeatures) -> float | None:
    """A cheap similarity for two long sentences that share almost nothing, or None
    when the full comparison is needed."""
    if len(a.content) < _LONG_SENTENCE_WORDS and len(b.content) < _LONG_SENTENCE_WORDS:
        return None
    if not a.stems or not b.stems:
        return None
    overlap = 2 * len(a.stems & b.stems) / (len(a.stems) + len(b.stems))
    return overlap if overlap < _COARSE_FLOOR else None


# --- anchors and band -----------------------------------------------------------------


def _find_anchors(scorer: _Scorer) -> list[tuple[int, int]]:
    """High-confidence pairs (source, target) in increasing order on both sides.

    Candidates come from an index of the target's rare stems, so the work is linear
    in the number of sentences; a pair is kept if each is the other's best candidate
    and they score at least `_ANCHOR_THRESHOLD`; the longest chain of kept pairs that
    increases on both sides is returned.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for j, features in enumerate(scorer.target):
        for stem in features.stems:
            postings[stem].append(j)
    best_for_target: dict[int, tuple[float, int]] = {}
    best_for_source: dict[int, tuple[float, int]] = {}
    for i, features in enumerate(scorer.source):
        rare = sorted(
            (len(postings[s]), s)
            for s in features.stems
            if 0 < len(postings.get(s, ())) <= _ANCHOR_MAX_STEM_FREQUENCY
        )[:_ANCHOR_STEMS_PER_SENTENCE]
        votes = Counter(j for _, stem in rare for j in postings[stem])
        for j, _ in votes.most_common(_ANCHOR_CANDIDATES):
            similarity = scorer.score(i, 1, j, 1)
            if similarity >= _ANCHOR_THRESHOLD:
                if similarity > best_for_source.get(i, (0.0, -1))[0]:
                    best_for_source[i] = (similarity, j)
                if similarity > best_for_target.get(j, (0.0, -1))[0]:
                    best_for_target[j] = (similarity, i)
    mutual = [(i, j) for i, (_, j) in best_for_source.items() if best_for_target[j][1] == i]
    return _longest_increasing_chain(sorted(mutual))


def _longest_increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by source) increasing in target."""
    tails: list[int] = []  # tails[k]: smallest target ending a chain of length k+1
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k], tail_index[k] = j, n
        previous[n] = tail_index[k - 1] if k else -1
    chain = []
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.append(pairs[n])
        n = previous[n]
    return chain[::-1]


def _band(anchors: list[tuple[int, int]], n: int, m: int) -> tuple[list[int], list[int]]:
    """For each DP row i (source sentences consumed), the columns [lo[i], hi[i]] searched.

    The path must pass through every anchor; between two anchors the whole gap is
    searched when small, otherwise a band around the straight line joining them.
    """
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    points = [(0, 0)] + [p for i, j in anchors for p in ((i, j), (i + 1, j + 1))] + [(n, m)]
    for (pi, pj), (qi, qj) in zip(points, points[1:], strict=False):
        rows, cols = qi - pi, qj - pj
        if (rows + 1) * (cols + 1) <= _FULL_GAP_CELLS or rows == 0:
            for i in range(pi, qi + 1):
                lo[i], hi[i] = min(lo[i], pj), max(hi[i], qj)
            continue
        slope = cols / rows
        for i in range(pi, qi + 1):
            # Cover from the line's column at the previous row to the next, so that
            # the band stays connected however steep the line.
            left = pj + slope * max(0, i - pi - 1)
            right = pj + slope * min(rows, i - pi + 1)
            lo[i] = min(lo[i], max(pj, int(left) - _BAND_HALF_WIDTH))
            hi[i] = max(hi[i], min(qj, int(right + 0.999) + _BAND_HALF_WIDTH))
    # Monotone bounds that overlap row to row keep a path from (0, 0) to (n, m).
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
    for i in range(n - 1, -1, -1):
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        lo[i] = min(lo[i], hi[i - 1])
    return lo, hi


# --- the dynamic programme ------------------------------------------------------------


def _step_gain(scorer: _Scorer, i: int, j: int, k: int, ln: int) -> float:
    """Gain of the step ending at cell (i, j) that consumed k source, ln target sentences.

    Returns -inf for a merge whose parts do not resemble the other side as the step
    requires; that also keeps the number of joined-text scorings small.
    """
    if k == 0 or ln == 0:
        return 0.0
    i0, j0 = i - k, j - ln
    if k == 1 and ln == 1:
        return scorer.score(i0, 1, j0, 1) - _MATCH_THRESHOLD
    if k == 2 and ln == 2:
        # Two sentences whose content crossed over (swapped, or cut at another place):
        # each must resemble the other side's sentence across the diagonal. Weighed
        # against two 1-1 units, the joined pair must score clearly better than the
        # two would on average.
        if (
            scorer.score(i0, 1, j0 + 1, 1) < _MATCH_THRESHOLD
            or scorer.score(i0 + 1, 1, j0, 1) < _MATCH_THRESHOLD
        ):
            return _NEG_INF
        return 2 * (scorer.score(i0, 2, j0, 2) - _MATCH_THRESHOLD) - _DOUBLE_MERGE_PENALTY
    # A split or merge: each sentence of the split side must resemble the single one.
    if k == 1:
        parts = [scorer.score(i0, 1, b, 1) for b in range(j0, j)]
    else:
        parts = [scorer.score(a, 1, j0, 1) for a in range(i0, i)]
    if min(parts) < _MERGE_PART_FLOOR:
        return _NEG_INF
    return scorer.score(i0, k, j0, ln) - _MATCH_THRESHOLD - _MERGE_PENALTY


# The most each step can gain, from the same expressions as `_step_gain` with a
# similarity of 1 (its maximum): a step whose predecessor plus this cannot beat the
# cell's best so far is not evaluated, which leaves the path exactly as it was.
_MAX_GAIN = {
    (1, 1): 1.0 - _MATCH_THRESHOLD,
    (1, 0): 0.0,
    (0, 1): 0.0,
    (1, 2): 1.0 - _MATCH_THRESHOLD - _MERGE_PENALTY,
    (2, 1): 1.0 - _MATCH_THRESHOLD - _MERGE_PENALTY,
    (2, 2): 2 * (1.0 - _MATCH_THRESHOLD) - _DOUBLE_MERGE_PENALTY,
}
# Steps as (index in _STEPS, source and target sentences consumed, greatest gain).
_BOUNDED_STEPS = tuple((n, k, ln, _MAX_GAIN[k, ln]) for n, (k, ln) in enumerate(_STEPS))


def _best_path(scorer: _Scorer, lo: list[int], hi: list[int]) -> list[_Pair]:
    """The highest-gain monotonic path through the band, as units in path order."""
    n = scorer.n
    best: list[list[float]] = []
    came_by: list[list[int]] = []  # index into _STEPS
    for i in range(n + 1):
        low = lo[i]
        row_best = [_NEG_INF] * (hi[i] - low + 1)
        row_step = [-1] * len(row_best)
        # The rows a step can come from, by source sentences consumed, and the column
        # each starts at.
        rows = [(row_best, low)]
        rows += [(best[i - k], lo[i - k]) for k in (1, 2) if k <= i]
        for j in range(low, hi[i] + 1):
            if i == 0 and j == 0:
                row_best[0] = 0.0
                continue
            cell_best, cell_step = _NEG_INF, -1
            for step, k, ln, max_gain in _BOUNDED_STEPS:
                if k > i or ln > j:
                    continue
                row, offset = rows[k]
                at = j - ln - offset
                if at < 0 or at >= len(row):
                    continue  # outside the band
                previous = row[at]
                if previous == _NEG_INF or previous + max_gain <= cell_best:
                    continue  # this step cannot win
                total = previous + (_step_gain(scorer, i, j, k, ln) if k and ln else 0.0)
                if total > cell_best:
                    cell_best, cell_step = total, step
            row_best[j - low], row_step[j - low] = cell_best, cell_step
        best.append(row_best)
        came_by.append(row_step)
    return _trace_back(scorer, came_by, lo)


def _trace_back(scorer: _Scorer, came_by: list[list[int]], lo: list[int]) -> list[_Pair]:
    i, j = scorer.n, scorer.m
    pairs: list[_Pair] = []
    while i > 0 or j > 0:
        step = came_by[i][j - lo[i]]
        if step < 0:  # `_band` keeps the band connected; this would be a bug there
            raise RuntimeError(f"alignment band has no path through cell ({i}, {j})")
        k, ln = _STEPS[step]
        i0, j0 = i - k, j - ln
        similarity = scorer.score(i0, k, j0, ln) if k and ln else 0.0
        pairs.append(_Pair(tuple(range(i0, i)), tuple(range(j0, j)), similarity))
        i, j = i0, j0
    return pairs[::-1]


# --- moved sentences and reading order ------------------------------------------------


def _link_moves(pairs: list[_Pair], scorer: _Scorer) -> list[_Pair]:
    """Replace omissions and additions that are one moved sentence by a moved match.

    Candidates for each omitted sentence are the added sentences sharing most of its
    less common stems; a moved sentence may also have been split (or two merged) on the way,
    so a neighbouring addition (omission) joins in when the joined text scores
    clearly better. Links are made best first, each sentence at most once.
    """
    omitted = {p.source[0] for p in pairs if not p.target}
    added = {p.target[0] for p in pairs if not p.source}
    if not omitted or not added:
        return pairs
    postings: dict[str, list[int]] = defaultdict(list)
    for j in added:
        for stem in scorer.target[j].stems:
            postings[stem].append(j)
    options = []
    for i in omitted:
        # Only words found in few additions vote: a common word would make this
        # quadratic when most of two articles fail to pair.
        votes = Counter(
            j
            for stem in scorer.source[i].stems
            if len(postings.get(stem, ())) <= _MOVE_MAX_STEM_FREQUENCY
            for j in postings.get(stem, ())
        )
        for j, _ in votes.most_common(_MOVE_CANDIDATES):
            if scorer.score(i, 1, j, 1) < _MERGE_PART_FLOOR:
                continue  # no shape containing this pair can pass
            for sources, targets in _move_shapes(i, j, omitted, added):
                rank = _move_rank(scorer, sources, targets)
                if rank >= _MOVE_THRESHOLD:
                    options.append((rank, sources, targets))
    moved: dict[int, _Pair] = {}  # first source sentence -> its moved unit
    used_sources: set[int] = set()
    used_targets: set[int] = set()
    for _, sources, targets in sorted(options, reverse=True):
        if used_sources.isdisjoint(sources) and used_targets.isdisjoint(targets):
            similarity = scorer.score(sources[0], len(sources), targets[0], len(targets))
            moved[sources[0]] = _Pair(sources, targets, similarity, moved=True)
            used_sources.update(sources)
            used_targets.update(targets)
    result = []
    for pair in pairs:
        if pair.source and pair.source[0] in moved:
            result.append(moved[pair.source[0]])
        elif not (used_sources.intersection(pair.source) or used_targets.intersection(pair.target)):
            result.append(pair)
    return result


def _move_shapes(
    i: int, j: int, omitted: set[int], added: set[int]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The units a moved pair (i, j) could form: 1-1, or 1-2 / 2-1 with a neighbour
    that is also unpaired."""
    shapes = [((i,), (j,))]
    shapes += [((i,), t) for t in ((j - 1, j), (j, j + 1)) if added.issuperset(t)]
    shapes += [(s, (j,)) for s in ((i - 1, i), (i, i + 1)) if omitted.issuperset(s)]
    return shapes


def _move_rank(scorer: _Scorer, sources: tuple[int, ...], targets: tuple[int, ...]) -> float:
    """How surely the sentences are one moved unit: the similarity, less the merge
    penalty for a split unit whose parts must each resemble the other side."""
    if len(sources) == len(targets) == 1:
        return scorer.score(sources[0], 1, targets[0], 1)
    parts = [scorer.score(a, 1, b, 1) for a in sources for b in targets]
    if min(parts) < _MERGE_PART_FLOOR:
        return 0.0
    joined = scorer.score(sources[0], len(sources), targets[0], len(targets))
    return joined - _MERGE_PENALTY if joined - _MERGE_PENALTY > max(parts) else 0.0


def _reading_order(pairs: list[_Pair]) -> list[_Pair]:
    """Units by source order; each addition right after the unit holding the target
    sentence before it, so a moved unit stays at its source position."""
    anchored = sorted((p for p in pairs if p.source), key=lambda p: p.source[0])
    unit_of_target = {j: p for p in anchored for j in p.target}
    # A run of additions follows the unit before the run; None: the target opens with it.
    owner_of_added: dict[int, _Pair | None] = {}
    following: dict[int, list[_Pair]] = defaultdict(list)  # id(unit) -> its additions
    leading: list[_Pair] = []
    for addition in sorted((p for p in pairs if not p.source), key=lambda p: p.target[0]):
        before = addition.target[0] - 1
        owner = unit_of_target[before] if before in unit_of_target else owner_of_added.get(before)
        (following[id(owner)] if owner is not None else leading).append(addition)
        owner_of_added.update(dict.fromkeys(addition.target, owner))
    ordered = list(leading)
    for pair in anchored:
        ordered.append(pair)
        ordered += following.get(id(pair), ())
    return ordered
