"""The evaluation set: its labels are well formed and the analysis keeps its floors."""

from __future__ import annotations

import json

import pytest

from articles.analysis import evaluate
from articles.analysis.categories import CATEGORY_CODES
from articles.analysis.evaluate import (
    EVAL_DIR,
    FLOORS,
    EvalDataError,
    ExpectedFlag,
    gold_links,
    load_case,
    load_cases,
    segments_of,
    spans_overlap,
)
from articles.analysis.types import Suggestion


@pytest.fixture(scope="module")
def report():
    return evaluate.evaluate()


def test_every_category_is_covered_by_the_evaluation_set():
    labelled = {f.category for case in load_cases() for f in case.flags}
    assert labelled == set(CATEGORY_CODES)


def test_the_set_has_cases_that_must_not_be_flagged_at_all():
    assert any(not case.flags for case in load_cases())


def test_every_case_has_four_to_twelve_sentences_a_side_and_every_label_resolves():
    for case in load_cases():
        source, target = segments_of(case.source_text), segments_of(case.target_text)
        body = [s for s in source if s.kind == "body"], [s for s in target if s.kind == "body"]
        if case.id != "seed-us-iran-militias":  # the seed is a real article, longer
            assert all(4 <= len(side) <= 12 for side in body), case.id
        assert gold_links(case, source, target)  # raises on a label that does not resolve


def test_a_label_that_matches_two_sentences_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({
        "id": "bad", "source": "Title\n\nHe said it. He said it again.\n",
        "target": "Title\n\nHe said it. He said it again.\n",
        "units": [{"source": ["He said it"], "target": ["He said it."]}], "flags": [],
    }))  # fmt: skip
    case = load_case(path)
    with pytest.raises(EvalDataError):
        gold_links(case, segments_of(case.source_text), segments_of(case.target_text))


def test_spans_overlap_needs_a_shared_word_on_each_given_side():
    flag = ExpectedFlag("attribution.quote", "provoke a crisis", "creating a crisis")
    same = Suggestion("attribution.quote", "major", "provoke a crisis", "creating a crisis", "", "")
    other = Suggestion(
        "attribution.quote", "major", "provoke a crisis", "study all options", "", ""
    )
    assert spans_overlap(flag, same)
    assert not spans_overlap(flag, other)


def test_alignment_keeps_its_floor(report):
    assert report.alignment.f1 >= FLOORS["alignment_f1"]


def test_detection_keeps_its_floors(report):
    assert report.overall.recall >= FLOORS["detection_recall"]
    assert report.overall.precision >= FLOORS["detection_precision"]


def test_the_report_prints_a_row_per_labelled_category(report):
    table = evaluate.format_report(report)
    for code in CATEGORY_CODES:
        assert code in table
    assert "alignment (links)" in table and "detection overall" in table


def test_the_cases_are_all_in_the_eval_directory():
    assert len(list(EVAL_DIR.glob("*.json"))) == len(load_cases()) >= 8
