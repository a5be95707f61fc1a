"""Score the analysis against the labelled evaluation set in tests/data/eval/.

Each case is run through the real path — `segment.split_plain_article` and
`segment.segment_article`, then `pipeline.analyse_pair` (alignment and detection) —
and compared with its labels:

* alignment: precision, recall and F1 over links. A matched unit of source sentences
  S and target sentences T contributes every (s, t) in S x T; an omission (s, None)
  and an addition (None, t). Units are labelled by distinctive substrings of their
  sentences, so the labels survive changes to the segmenter.
* detection: precision and recall per category and overall. A suggestion matches an
  expected flag of its unit when the category is the same and the spans overlap
  (they share a word on a side where both are given); matching is one to one.

Run it with `python -m articles.analysis.evaluate` (add `--details` to list every
missed flag and every false suggestion). The file format is in
docs/analysis-detection.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .categories import CATEGORY_CODES
from .pipeline import PairAnalysis, analyse_pair
from .segment import segment_article, split_plain_article
from .types import ALIGNABLE_KINDS, Segment, Suggestion

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO_ROOT / "tests" / "data" / "eval"

# The figures the analysis must keep (checked by tests/analysis/test_evaluation.py and
# by `manage.py evaluate_analysis --check`). Set just under what it achieves.
FLOORS = {
    "alignment_f1": 0.98,
    "detection_precision": 0.97,
    "detection_recall": 0.97,
}

_WORD = re.compile(r"\w+")
_NOT_SIGNIFICANT = frozenset(["a", "an", "the", "of", "to", "in", "on", "and", "or"])

Link = tuple[int | None, int | None]


class EvalDataError(ValueError):
    """A label that does not identify exactly one sentence, or a sentence unlabelled."""


@dataclass(frozen=True)
class ExpectedFlag:
    category: str
    source: str
    target: str
    unit: str = ""  # optional substring of the unit, where the spans are ambiguous
    note: str = ""


@dataclass(frozen=True)
class EvalCase:
    id: str
    description: str
    source_text: str
    target_text: str
    units: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    flags: tuple[ExpectedFlag, ...]


@dataclass
class CaseResult:
    case: EvalCase
    gold_links: set[Link]
    predicted_links: set[Link]
    # Per category: suggestions that matched, all suggestions, expected that were found.
    matched: Counter = field(default_factory=Counter)
    suggested: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)
    missed: list[ExpectedFlag] = field(default_factory=list)
    false: list[Suggestion] = field(default_factory=list)


@dataclass
class Scores:
    precision: float
    recall: float
    support: int  # expected flags (or gold links)
    suggested: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    cases: list[CaseResult]
    alignment: Scores
    categories: dict[str, Scores]
    overall: Scores

    def meets_floors(self) -> list[str]:
        """The floors that are not met, as readable lines (empty when all are)."""
        figures = {
            "alignment_f1": self.alignment.f1,
            "detection_precision": self.overall.precision,
            "detection_recall": self.overall.recall,
        }
        return [
            f"{name} is {figures[name]:.3f}, below the floor of {floor:.3f}"
            for name, floor in FLOORS.items()
            if figures[name] < floor
        ]


def load_case(path: Path) -> EvalCase:
    data = json.loads(path.read_text(encoding="utf-8"))
    source = data.get("source")
    target = data.get("target")
    if "source_file" in data:
        source = (REPO_ROOT / data["source_file"]).read_text(encoding="utf-8")
    if "target_file" in data:
        target = (REPO_ROOT / data["target_file"]).read_text(encoding="utf-8")
    flags = []
    for flag in data["flags"]:
        if flag["category"] not in CATEGORY_CODES:
            raise EvalDataError(f"{path.name}: unknown category {flag['category']!r}")
        flags.append(
            ExpectedFlag(
                flag["category"],
                flag.get("source", ""),
                flag.get("target", ""),
                flag.get("unit", ""),
                flag.get("note", ""),
            )
        )
    units = tuple((tuple(u["source"]), tuple(u["target"])) for u in data["units"])
    return EvalCase(data["id"], data.get("description", ""), source, target, units, tuple(flags))


def load_cases(directory: Path = EVAL_DIR) -> list[EvalCase]:
    return [load_case(p) for p in sorted(directory.glob("*.json"))]


def segments_of(text: str) -> list[Segment]:
    """The segments of a plain-text article, as the importer makes them."""
    return segment_article(*split_plain_article(text))


def _locate(label: str, segments: Sequence[Segment], case: str) -> int:
    hits = [i for i, s in enumerate(segments) if s.kind in ALIGNABLE_KINDS and label in s.text]
    if len(hits) != 1:
        raise EvalDataError(f"{case}: {label!r} matches {len(hits)} sentences, not one")
    return hits[0]


def gold_links(case: EvalCase, source: Sequence[Segment], target: Sequence[Segment]) -> set[Link]:
    """The expected links, after checking that every alignable sentence is labelled."""
    links: set[Link] = set()
    seen_src: set[int] = set()
    seen_tgt: set[int] = set()
    for src_labels, tgt_labels in case.units:
        s_idx = [_locate(label, source, case.id) for label in src_labels]
        t_idx = [_locate(label, target, case.id) for label in tgt_labels]
        seen_src.update(s_idx)
        seen_tgt.update(t_idx)
        links |= _links(s_idx, t_idx)
    for side, segments, seen in (("source", source, seen_src), ("target", target, seen_tgt)):
        for i, s in enumerate(segments):
            if s.kind in ALIGNABLE_KINDS and i not in seen:
                raise EvalDataError(f"{case.id}: {side} sentence not labelled: {s.text[:60]!r}")
    return links


def _links(source: Sequence[int], target: Sequence[int]) -> set[Link]:
    if source and target:
        return {(s, t) for s in source for t in target}
    if source:
        return {(s, None) for s in source}
    return {(None, t) for t in target}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _NOT_SIGNIFICANT}


def spans_overlap(expected: ExpectedFlag, suggestion: Suggestion) -> bool:
    """Whether a suggestion points at the words of an expected flag."""
    overlapping = False
    for want, got in ((expected.source, suggestion.source_span),
                      (expected.target, suggestion.target_span)):  # fmt: skip
        if want and got:
            if not _words(want) & _words(got):
                return False
            overlapping = True
    return overlapping


def _belongs(flag: ExpectedFlag, source_text: str, target_text: str) -> bool:
    """Whether an expected flag is about this unit."""
    if flag.unit and flag.unit not in source_text and flag.unit not in target_text:
        return False
    if flag.source and flag.source not in source_text:
        return False
    return not (flag.target and flag.target not in target_text)


def score_case(case: EvalCase, analysis: PairAnalysis, gold: set[Link]) -> CaseResult:
    predicted: set[Link] = set()
    for u in analysis.units:
        predicted |= _links(u.unit.source, u.unit.target)
    result = CaseResult(case, gold, predicted)
    result.expected.update(f.category for f in case.flags)
    remaining = list(case.flags)
    for u in analysis.units:
        for suggestion in u.suggestions:
            result.suggested[suggestion.category] += 1
            match = next(
                (
                    f
                    for f in remaining
                    if f.category == suggestion.category
                    and _belongs(f, u.source_text, u.target_text)
                    and spans_overlap(f, suggestion)
                ),
                None,
            )
            if match is None:
                result.false.append(suggestion)
            else:
                remaining.remove(match)
                result.matched[suggestion.category] += 1
                result.found[suggestion.category] += 1
    result.missed = remaining
    return result


def evaluate_case(case: EvalCase) -> CaseResult:
    source, target = segments_of(case.source_text), segments_of(case.target_text)
    gold = gold_links(case, source, target)
    return score_case(case, analyse_pair(source, target), gold)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def evaluate(cases: Sequence[EvalCase] | None = None) -> Report:
    results = [evaluate_case(c) for c in (load_cases() if cases is None else cases)]
    gold = sum(len(r.gold_links) for r in results)
    predicted = sum(len(r.predicted_links) for r in results)
    correct = sum(len(r.gold_links & r.predicted_links) for r in results)
    alignment = Scores(_ratio(correct, predicted), _ratio(correct, gold), gold, predicted)
    totals: dict[str, Counter] = {
        name: sum((getattr(r, name) for r in results), Counter())
        for name in ("matched", "suggested", "found", "expected")
    }
    categories = {
        code: Scores(
            _ratio(totals["matched"][code], totals["suggested"][code]),
            _ratio(totals["found"][code], totals["expected"][code]),
            totals["expected"][code],
            totals["suggested"][code],
        )
        for code in CATEGORY_CODES
    }
    overall = Scores(
        _ratio(sum(totals["matched"].values()), sum(totals["suggested"].values())),
        _ratio(sum(totals["found"].values()), sum(totals["expected"].values())),
        sum(totals["expected"].values()),
        sum(totals["suggested"].values()),
    )
    return Report(results, alignment, categories, overall)


def format_report(report: Report, *, details: bool = False) -> str:
    lines = [
        f"Evaluation set: {len(report.cases)} cases",
        "",
        f"{'':22} {'precision':>9} {'recall':>7} {'F1':>6} {'expected':>8} {'suggested':>9}",
    ]

    def row(name: str, s: Scores) -> str:
        return (
            f"{name:22} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} "
            f"{s.support:8d} {s.suggested:9d}"
        )

    lines.append(row("alignment (links)", report.alignment))
    lines.append("")
    for code, scores in report.categories.items():
        if scores.support or scores.suggested:
            lines.append(row(code, scores))
    lines.append(row("detection overall", report.overall))
    if details:
        for r in report.cases:
            for f in r.missed:
                lines.append(f"  [{r.case.id}] missed {f.category}: {f.source!r} -> {f.target!r}")
            for s in r.false:
                lines.append(
                    f"  [{r.case.id}] false {s.category} ({s.rule}): "
                    f"{s.source_span[:70]!r} -> {s.target_span[:70]!r}"
                )
            for link in sorted(r.gold_links - r.predicted_links, key=str):
                lines.append(f"  [{r.case.id}] alignment missed link {link}")
            for link in sorted(r.predicted_links - r.gold_links, key=str):
                lines.append(f"  [{r.case.id}] alignment wrong link {link}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list misses and false flags")
    parser.add_argument("--check", action="store_true", help="exit 1 if a floor is not met")
    args = parser.parse_args(argv)
    report = evaluate()
    print(format_report(report, details=args.details))
    failures = report.meets_floors()
    for failure in failures:
        print(f"FLOOR NOT MET: {failure}")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
