"""Numbers paired by what they count, dates read whole, and names that only inflect
(issue 13). Our own sentences."""

from __future__ import annotations

import pytest

from articles.analysis.checks.numbers import quantities
from articles.analysis.checks.text import facts_of
from articles.analysis.detect import detect_drift


def kinds(text: str) -> list[tuple[str, float | str]]:
    return [(q.kind, q.value) for q in quantities(facts_of(text))]


def numbers(source: str, target: str) -> set[tuple[str, str, str]]:
    return {
        (s.rule, s.source_span, s.target_span)
        for s in detect_drift(source, target)
        if s.category in ("factual.number", "factual.date")
    }


def test_a_day_of_the_month_and_a_time_are_parts_of_a_date():
    assert kinds("The vote on Aug. 28 closed at 6 p.m.") == [
        ("month", 8.0), ("day", 28.0), ("time", 6.0)
    ]  # fmt: skip
    assert kinds("The 14 May session") == [("day", 14.0), ("month", 5.0)]


def test_a_date_or_time_on_one_side_only_is_not_a_lost_number():
    assert numbers("The council met on Tuesday.", "The council met on Tuesday, May 14.") == set()


def test_another_day_of_the_month_is_a_changed_date():
    assert numbers("Polls close on May 14.", "Polls close on May 15.") == {
        ("date.changed", "14", "15")
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a $70-million plan", 70_000_000.0),
        ("sales of $36.9bn", 36_900_000_000.0),
        ("a $5m grant", 5_000_000.0),
        ("its million-plus staff", 1_000_000.0),
    ],
)
def test_scales_written_onto_a_figure_are_read(text, value):
    assert [v for k, v in kinds(text) if k == "number"] == [value]


def test_the_same_amount_written_two_ways_is_not_a_change():
    assert numbers("Revenue fell to $36.9 billion.", "Revenue fell to $36.9bn.") == set()


def test_a_count_of_one_thing_is_not_paired_with_a_count_of_another():
    found = numbers("The talks lasted five hours.", "The talks drew 30 delegates.")
    assert {rule for rule, _, _ in found} == {"number.only_one_side"}


def test_a_count_of_the_same_thing_is_paired_first():
    assert numbers("Six ships carried 40 crew members.", "Six ships carried 44 crew members.") == {
        ("number.changed", "40", "44")
    }


def test_it_pairs_a_count_after_of_with_the_same_count_by_the_noun_after_it():
    assert numbers(
        "The fire spread quickly, forcing the evacuation of 3,200 residents.",
        "The fire spread quickly, forcing 2,300 residents to leave.",
    ) == {("number.changed", "3,200", "2,300")}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            "The fire spread quickly, forcing the evacuation of 3,200 residents.",
            "The fire spread quickly, forcing 3,200 residents to leave.",
        ),
        ("Police counted a crowd of 5,000 people.", "Police counted 5,000 people in the crowd."),
    ],
)
def test_it_does_not_flag_a_count_after_of_said_another_way(source, target):
    assert numbers(source, target) == set()


def test_a_group_size_after_of_is_still_not_paired_with_a_count():
    found = numbers(
        "About 120 potential jurors were asked to complete a questionnaire.",
        "The jurors were taken in groups of 40 and asked to fill out a questionnaire.",
    )
    assert {rule for rule, _, _ in found} == {"number.only_one_side"}


def test_a_missing_space_after_a_comma_does_not_join_a_name_and_a_number():
    assert [t.text for t in facts_of("Varga,41, was freed.").tokens] == [
        "Varga",
        "41",
        "was",
        "freed",
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The Sunni leaders met.", "The Sunnis met."),
        ("A convoy left Falluja at dawn.", "A convoy left Fallujah at dawn."),
        ("the 3rd Armor Regiment", "the 3rd Armored Regiment"),
        ("Sen. Ruth Hale (Colo.) voted no.", "Sen. Ruth Hale of Colorado voted no."),
    ],
)
def test_a_name_that_only_inflects_or_is_abbreviated_is_not_respelled(source, target):
    assert not [s for s in detect_drift(source, target) if s.category == "factual.name"]


def test_a_truncated_name_is_still_respelled():
    assert [
        (s.source_span, s.target_span)
        for s in detect_drift("Spokesman Reza Tabrizadeh spoke.", "Spokesman Reza Tabrizad spoke.")
        if s.category == "factual.name"
    ] == [("Tabrizadeh", "Tabrizad")]


def test_a_range_of_days_after_a_month_is_a_date():
    assert kinds("the June 17-18 meeting") == [("month", 6.0), ("day", 17.0), ("day", 18.0)]


def test_thousands_split_by_a_space_and_units_written_onto_a_figure_are_read():
    assert kinds("fires burned 80 937 hectares") == [("number", 80937.0)]
    assert [q.counted for q in quantities(facts_of("less than 1km away"))] == ["km"]
