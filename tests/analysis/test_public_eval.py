"""The evaluation on public sentence-pair sets, run on small files of our own sentences
written in each set's format (the public sets themselves are never in the repository)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from articles.analysis.public_eval import (
    HELD_OUT,
    TUNING,
    LabelledPair,
    Outcome,
    PublicSetError,
    batched_alignment,
    best_threshold,
    evaluate_public_set,
    format_public_report,
    half_of,
    matched_threshold,
    rates,
    read_public_set,
)

# (label, sentence 1, sentence 2): 0 = meaning changed, 1 = the same meaning.
OWN_PAIRS = [
    (0, "The mayor opened four clinics on Monday .", "The mayor opened five clinics on Monday ."),
    (0, "The river flooded the eastern district .", "The river flooded the western district ."),
    (1, "The council passed the budget on Friday .", "The council passed the budget on Friday ."),
    (1, "Rescue teams reached the village at dawn .", "Rescue teams reached the village at dawn ."),
]


def paws_file(tmp_path, rows=OWN_PAIRS, header=False):
    lines = ["id\tsentence1\tsentence2\tlabel"] if header else []
    lines += [f"{n}\t{a}\t{b}\t{label}" for n, (label, a, b) in enumerate(rows, start=1)]
    path = tmp_path / "paws.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mrpc_file(tmp_path, rows=OWN_PAIRS):
    lines = ["\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    lines += [f"{label}\t{n}\t{n + 100}\t{a}\t{b}" for n, (label, a, b) in enumerate(rows)]
    path = tmp_path / "mrpc.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("header", [False, True])
def test_a_paws_file_is_read_with_or_without_its_header(tmp_path, header):
    kind, pairs = read_public_set(paws_file(tmp_path, header=header))
    assert kind == "paws"
    assert [p.id for p in pairs] == ["paws-1", "paws-2", "paws-3", "paws-4"]
    assert pairs[0].label == 0 and pairs[2].label == 1
    assert pairs[1].target == "The river flooded the western district ."


def test_an_mrpc_file_is_recognised_by_its_header(tmp_path):
    kind, pairs = read_public_set(mrpc_file(tmp_path))
    assert kind == "mrpc"
    assert pairs[0] == LabelledPair(
        "mrpc-0-100",
        "The mayor opened four clinics on Monday .",
        "The mayor opened five clinics on Monday .",
        0,
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("1\tonly two\n", "row 1 is not a labelled pair"),
        ("1\ta\tb\t7\n", "row 1 has the label 7"),
    ],
)
def test_a_file_of_another_format_is_refused_with_the_row(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PublicSetError, match=message):
        read_public_set(path)


def test_the_halves_depend_on_the_id_alone():
    halves = {half_of(f"paws-{n}") for n in range(40)}
    assert halves == {TUNING, HELD_OUT}
    assert half_of("paws-17") == half_of("paws-17")
    split = [half_of(f"mrpc-{n}") for n in range(2000)]
    assert 900 < split.count(TUNING) < 1100


def _outcome(label: int, flagged: bool, score: float = 50.0) -> Outcome:
    return Outcome(LabelledPair(f"p{label}{flagged}{score}", "a", "b", label), flagged, (), score)


def test_the_rates_count_the_meaning_changed_pairs_as_positives():
    outcomes = [_outcome(0, True), _outcome(0, True), _outcome(0, False), _outcome(1, True)]
    outcomes += [_outcome(1, False)] * 3
    figures = rates(outcomes, lambda o: o.flagged)
    assert (figures.label0, figures.label1, figures.flagged0, figures.flagged1) == (3, 4, 2, 1)
    assert figures.share0 == pytest.approx(2 / 3)
    assert figures.share1 == pytest.approx(1 / 4)
    # precision 2/3, recall 2/3
    assert figures.f1 == pytest.approx(2 / 3)


def test_the_baseline_threshold_is_the_one_with_the_best_f1():
    outcomes = [_outcome(0, False, 40.0), _outcome(0, False, 60.0), _outcome(1, False, 90.0)]
    outcomes.append(_outcome(1, False, 70.0))
    # Below 61 flags both meaning-changed pairs and nothing else.
    assert 60 < best_threshold(outcomes) <= 70


def test_the_analysis_flags_the_changed_pairs_of_a_small_set(tmp_path):
    report = evaluate_public_set(paws_file(tmp_path))
    whole = report.analysis_rates()["whole"]
    assert (whole.flagged0, whole.flagged1) == (2, 0)
    assert whole.f1 == 1.0
    by_id = {o.pair.id: o.rules for o in report.outcomes}
    assert by_id["paws-1"] == ("number.changed",)
    assert by_id["paws-2"] == ("place.direction",)
    assert report.failures() == []


def test_the_batched_alignment_counts_partners_aligned_one_to_one():
    pairs = [
        LabelledPair(f"mrpc-{n}", f"Officials in town {n} counted {n} new homes for nurses .",
                     f"Town {n} officials counted {n} new homes for nurses .", 1)
        for n in range(30)
    ]  # fmt: skip
    pairs.append(
        LabelledPair("mrpc-split", "The bridge closed . Traffic stopped .", "The bridge shut .", 0)
    )
    figures = batched_alignment(pairs)["whole"]
    assert figures.pairs == 31
    assert figures.one_to_one == 30
    assert figures.split_sentences == ["The bridge closed . Traffic stopped ."]


def test_the_report_gives_both_halves_the_baseline_and_samples(tmp_path):
    report = evaluate_public_set(mrpc_file(tmp_path))
    text = format_public_report(report, sample=2)
    for line in (
        "analysis, tuning",
        "analysis, held-out",
        "analysis, whole",
        "baseline, whole",
        "batched alignment, whole",
        "rules on the tuning half",
    ):
        assert line in text


def test_the_command_evaluates_a_public_set_given_by_path(tmp_path):
    out = io.StringIO()
    call_command(
        "evaluate_analysis", "--public", str(paws_file(tmp_path)), stdout=out, stderr=io.StringIO()
    )
    assert "paws.tsv: PAWS, 4 pairs" in out.getvalue()


def test_the_command_fails_a_missed_target_with_check(tmp_path):
    rows = [(0, "The plant hired staff .", "The plant hired workers .")] * 3
    err = io.StringIO()
    with pytest.raises(CommandError, match="target"):
        call_command(
            "evaluate_analysis", "--public", str(paws_file(tmp_path, rows)), "--check",
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert "flagged 0 is 0.0%, below the target of 35%" in err.getvalue()


def test_the_command_names_a_missing_set(tmp_path):
    with pytest.raises(CommandError, match="nothing.tsv: no such file"):
        call_command("evaluate_analysis", "--public", str(tmp_path / "nothing.tsv"))


def test_the_baseline_is_also_compared_at_the_analysis_false_alarm_rate():
    outcomes = [_outcome(0, True, 40.0), _outcome(0, False, 60.0), _outcome(1, False, 90.0)]
    outcomes.append(_outcome(1, False, 70.0))
    # The analysis flags no benign pair: the baseline may flag none either, so its
    # threshold stays at or below the lowest benign score.
    assert matched_threshold(outcomes) == 70.0
