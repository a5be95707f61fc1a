"""Sentence segmentation of scraped news articles (articles.analysis.segment)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.analysis.segment import (
    find_dateline,
    segment_article,
    split_plain_article,
    split_sentences,
)
from articles.analysis.types import BODY, BOILERPLATE, BYLINE, CAPTION, CREDIT, TITLE
from tests.properties import property_settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SOURCE_SEED = SEEDS / "000_7be70c43fb544a5f.txt"
RETRANSLATION_SEED = SEEDS / "001_bce71628527fee74.txt"


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def body_texts(title: str, body: str) -> list[str]:
    return [s.text for s in segment_article(title, body) if s.kind == BODY]


def seed_segments(path: Path):
    title, body = split_plain_article(path.read_text(encoding="utf-8"))
    return title, body, segment_article(title, body)


def assert_offsets_hold(title: str, body: str) -> None:
    for segment in segment_article(title, body):
        source = title if segment.kind == TITLE else body
        assert source[segment.start : segment.end] == segment.text
        assert segment.text == segment.text.strip()
        assert segment.text


# --- the seed pair --------------------------------------------------------------------


def test_the_source_seed_has_its_headline_as_title_and_its_sentences_in_order():
    title, _, segments = seed_segments(SOURCE_SEED)
    assert title == "Mutual bombing between US forces and Iranian militias in Syria"
    assert [s.kind for s in segments[:2]] == [TITLE, BODY]
    body = [s.text for s in segments if s.kind == BODY]
    assert len(body) == 20
    assert body[0].startswith("US forces came under missile fire in Syria today, Monday")
    assert body[1] == (
        "A US military spokesman stated that his country’s forces were attacked by "
        "several missiles."
    )
    assert body[-1].startswith("“It is certain that what the United States is doing")
    assert [s.kind for s in segments[-2:]] == [BOILERPLATE, BOILERPLATE]


def test_it_keeps_a_multi_sentence_quote_with_its_attribution():
    _, _, segments = seed_segments(SOURCE_SEED)
    texts = [s.text for s in segments]
    assert (
        "“There are no casualties and we are assessing the damage. We will provide updates "
        "when we have more information,” Colonel Wayne Maroto said, without elaborating."
    ) in texts


def test_it_splits_a_sentence_after_a_quote_that_closed_inside_the_previous_one():
    _, _, segments = seed_segments(SOURCE_SEED)
    texts = [s.text for s in segments]
    assert "She vowed revenge." in texts
    assert any(t.endswith("killed in the attack on the Syrian-Iraqi border.") for t in texts)


def test_the_retranslation_seed_has_no_title_and_its_metadata_lines_keep_their_kinds():
    title, body, segments = seed_segments(RETRANSLATION_SEED)
    assert title == ""
    assert not any(s.kind == TITLE for s in segments)
    kinds = [(s.kind, s.text[:12]) for s in segments[:5]]
    assert kinds == [
        (BOILERPLATE, "[ad_1]"),
        (CAPTION, "© Reuters. O"),
        (BOILERPLATE, "2/2"),
        (BYLINE, "Authors: Phi"),
        (BODY, "U.S. troops "),
    ]
    assert [s.kind for s in segments[-3:]] == [CREDIT, BOILERPLATE, BOILERPLATE]
    assert find_dateline(body) == "WASHINGTON (Reuters)"


def test_the_retranslation_seed_splits_where_the_translation_split():
    _, _, segments = seed_segments(RETRANSLATION_SEED)
    texts = [s.text for s in segments if s.kind == BODY]
    assert "The Iraqi military condemned the US air strikes." in texts
    assert "They vowed to retaliate." in texts
    assert "But it is not yet clear who launched the latest salvo against the U.S. military." in (
        texts
    )
    assert (
        "The White House Press Secretary Jen Psaki stated that Iran is the bad guy in the region."
    ) in texts
    assert len(texts) == 24


@pytest.mark.parametrize("path", [SOURCE_SEED, RETRANSLATION_SEED], ids=["source", "target"])
def test_seed_segments_are_exact_slices_of_their_text(path: Path):
    title, body, _ = seed_segments(path)
    assert_offsets_hold(title, body)


# --- offsets and paragraphs -----------------------------------------------------------


def test_offsets_hold_with_crlf_tabs_nbsp_and_leading_spaces():
    title = "  \u00a0Blinken defends strikes\t\r\n"
    body = (
        "\r\n\t  WASHINGTON (Reuters) - U.S. forces were hit.  They were not hurt.\u00a0\r\n"
        "\r\n"
        "\u00a0\u00a0“We are assessing the damage. We will update,” he said.\t\r\n"
        "   [ad_1]   \r\n"
        "\tIraq condemned the strikes.\u2028Syria did too."
    )
    assert_offsets_hold(title, body)
    segments = segment_article(title, body)
    assert [(s.kind, s.text) for s in segments] == [
        (TITLE, "Blinken defends strikes"),
        (BODY, "U.S. forces were hit."),
        (BODY, "They were not hurt."),
        (BODY, "“We are assessing the damage. We will update,” he said."),
        (BOILERPLATE, "[ad_1]"),
        (BODY, "Iraq condemned the strikes."),
        (BODY, "Syria did too."),
    ]
    assert [s.paragraph for s in segments[1:]] == [0, 0, 1, 2, 3, 4]


def test_it_counts_each_non_empty_line_as_a_paragraph_and_skips_blank_lines():
    body = "First line. Second sentence.\n\n\n   \nNext paragraph.\nAnd another."
    segments = segment_article("", body)
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "First line."),
        (0, "Second sentence."),
        (1, "Next paragraph."),
        (2, "And another."),
    ]


def test_it_leaves_the_lead_dateline_out_of_the_first_sentence_only():
    body = (
        "BEIRUT, Jan 5 (AP) — Rockets hit the base. Nobody was hurt.\n"
        "LONDON (Reuters) - This line is not the lead and keeps its words."
    )
    segments = segment_article("", body)
    assert segments[0].text == "Rockets hit the base."
    assert body[segments[0].start :].startswith("Rockets")
    assert segments[-1].text.startswith("LONDON (Reuters) - This line")
    assert find_dateline(body) == "BEIRUT, Jan 5 (AP)"


def test_find_dateline_is_empty_without_one_and_skips_metadata_lines():
    assert find_dateline("US-backed forces fired rockets on Monday.") == ""
    assert find_dateline("[ad_1]\nAuthors: Phil Stewart\nDAMASCUS - Shells fell.") == "DAMASCUS"
    assert find_dateline("") == ""


def test_empty_title_and_body_give_no_segments():
    assert segment_article("", "") == []
    assert segment_article("  \n\t", "\r\n \u00a0 \n") == []


def test_a_title_keeps_its_full_stops_as_one_segment():
    segments = segment_article("U.S. strikes Iraq. Iran vows revenge", "")
    assert [(s.kind, s.text) for s in segments] == [(TITLE, "U.S. strikes Iraq. Iran vows revenge")]


def test_split_plain_article_only_takes_a_headline_like_first_line_as_title():
    title, body = split_plain_article("\nRockets hit U.S. base in Syria\n\nThe lead.")
    assert title == "Rockets hit U.S. base in Syria"
    assert body == "\n\nThe lead."
    lead = "WASHINGTON (Reuters) - U.S. troops were hit by rockets in Syria on Monday."
    assert split_plain_article(lead) == ("", lead)


# --- sentence rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Col. Wayne Marotto said the base was hit.",
        "Sen. Elizabeth Warren and Rep. Ilhan Omar wrote to Gen. Mark Milley.",
        "Mr. Biden met Dr. Fauci and Gov. Andrew Cuomo on Jan. 6 in St. Louis.",
        "The attacks of Sept. 11 changed the U.S. Army and the U.N. Security Council.",
        "Shares of Acme Inc. rose after Globex Corp. said it would buy No. 2 rival.",
        "The meeting ended at 9 a.m. Monday without a deal.",
        "John F. Kennedy admired J.R.R. Tolkien, said Lt. Gen. H.R. McMaster.",
    ],
)
def test_it_does_not_split_after_abbreviations_and_initials(text: str):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Growth slowed to 4.2 percent as 3,000 jobs and $1.5 billion were lost.",
        "The index fell 0.7% to 1,234.56 points, its lowest since 2019.",
        "Version 2.0.1 of the app costs £4.99, or about €5.80.",
    ],
)
def test_it_does_not_split_inside_numbers(text: str):
    assert sentences(text) == [text]


def test_it_splits_after_an_abbreviation_that_ends_the_sentence():
    text = "Troops were sent to the U.S. The Pentagon confirmed it. Acme Inc. It denied."
    assert sentences(text) == [
        "Troops were sent to the U.S.",
        "The Pentagon confirmed it.",
        "Acme Inc.",
        "It denied.",
    ]


def test_it_splits_on_question_and_exclamation_marks_but_not_before_lowercase():
    assert sentences("Who fired? Nobody knows! Was it “a drone?” asked one officer.") == [
        "Who fired?",
        "Nobody knows!",
        "Was it “a drone?” asked one officer.",
    ]


def test_it_splits_after_no_when_no_number_follows():
    assert sentences("He said no. The council voted. Item No. 4 passed.") == [
        "He said no.",
        "The council voted.",
        "Item No. 4 passed.",
    ]


def test_it_keeps_a_straight_quoted_multi_sentence_quote_with_its_speaker():
    text = (
        '"No one was injured. Damage is being assessed," said Colonel Wayne Malotto. '
        "Officials gave no details."
    )
    assert sentences(text) == [
        '"No one was injured. Damage is being assessed," said Colonel Wayne Malotto.',
        "Officials gave no details.",
    ]


def test_it_keeps_a_short_attribution_after_a_quote_that_ends_in_a_full_stop():
    text = "“We will respond. It will be decisive!” Iran’s foreign minister said. Talks stalled."
    assert sentences(text) == [
        "“We will respond. It will be decisive!” Iran’s foreign minister said.",
        "Talks stalled.",
    ]


def test_it_splits_after_a_closed_quote_when_a_full_sentence_follows():
    text = "Brinken said: “We acted.” He said the strikes were lawful under U.S. law."
    assert sentences(text) == [
        "Brinken said: “We acted.”",
        "He said the strikes were lawful under U.S. law.",
    ]


def test_an_unclosed_quote_running_into_the_next_paragraph_does_not_swallow_sentences():
    text = "“We will not stop. The fight goes on. Nobody will stop us."
    assert sentences(text) == [
        "“We will not stop.",
        "The fight goes on.",
        "Nobody will stop us.",
    ]


def test_it_splits_after_an_ellipsis_before_a_capital_only():
    assert sentences("He paused... and went on. Then... Silence fell.") == [
        "He paused... and went on.",
        "Then...",
        "Silence fell.",
    ]


def test_split_sentences_works_on_a_slice_with_offsets_into_the_whole_text():
    text = "IGNORED. First one. Second one."
    spans = split_sentences(text, 9, len(text))
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


# --- robustness -----------------------------------------------------------------------


def test_fifty_thousand_tiny_sentences_segment_one_by_one():
    body = "\n".join(
        " ".join(f"Unit {i} fired. It missed." for i in range(k, k + 5))
        for k in range(0, 25_000, 5)
    )
    segments = segment_article("", body)
    assert len(segments) == 50_000
    assert segments[-1].text == "It missed."


@pytest.mark.parametrize(
    "line",
    [
        "word " * 400_000,  # 2 MB, no full stop
        "." * 2_000_000,
        "“" * 1_000_000 + "”" * 1_000_000,
        '"a. ' * 500_000,
        "A. " * 700_000,
        "WASHINGTON" + " WASHINGTON" * 180_000,
        "U.S." * 500_000,
    ],
    ids=["words", "dots", "quotes", "straight-quotes", "initials", "capitals", "dotted"],
)
def test_a_two_megabyte_hostile_line_segments_with_exact_offsets(line: str):
    # Timing is for bench/; a catastrophic pattern here would not finish at all.
    segments = segment_article("", line)
    assert segments
    assert all(s.text == line[s.start : s.end] for s in segments)


def test_a_state_abbreviation_ends_a_sentence_only_before_a_sentence_starter():
    text = "The company, based in Calif., said it would appeal. Calif. Gov. Gavin Newsom disagreed."
    assert sentences(text) == [
        "The company, based in Calif., said it would appeal.",
        "Calif. Gov. Gavin Newsom disagreed.",
    ]


# --- line kinds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, troops had left the base.",
        "By late afternoon, rescuers had found 12 bodies.",
        "Copyright lawsuits rose 20 percent last year.",
        "Reporting by The Washington Post revealed that the base was hit.",
    ],
)
def test_story_lines_that_open_like_metadata_stay_body_sentences(line: str):
    segments = segment_article("", f"Rockets hit the base.\n{line}")
    assert [(s.kind, s.text) for s in segments] == [
        (BODY, "Rockets hit the base."),
        (BODY, line),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Phil Stewart and Idrees Ali, Reuters", BYLINE),
        ("Written by Jane Doe in Beirut", BYLINE),
        ("Words by Ana de la Cruz", BYLINE),
        ("Copyright 2021 Reuters. All rights reserved.", BOILERPLATE),
        ("Copyright © Thomson Reuters", BOILERPLATE),
        ("Reporting by Phil Stewart; Editing by Howard Goller", CREDIT),
        ("Editing by Howard Goller", CREDIT),
        ("Additional reporting by Humeyra Pamuk in Rome", CREDIT),
        ("(Reporting by Phil Stewart in Washington; editing by Howard Goller)", CREDIT),
    ],
)
def test_metadata_lines_are_one_segment_of_their_kind(line: str, kind: str):
    segments = segment_article("", f"Rockets hit the base. Nobody was hurt.\n{line}")
    assert [(s.kind, s.text) for s in segments][-1] == (kind, line)
    assert len(segments) == 3


def test_byte_order_marks_and_zero_width_spaces_are_trimmed_like_whitespace():
    body = "\ufeffRockets hit the base.\u200b Nobody was hurt.\n\u200b\n\u2060[ad_1]\u200b"
    segments = segment_article("\ufeffBase attacked\u200b", body)
    assert [(s.kind, s.text) for s in segments] == [
        (TITLE, "Base attacked"),
        (BODY, "Rockets hit the base.\u200b"),
        (BODY, "Nobody was hurt."),
        (BOILERPLATE, "[ad_1]"),
    ]
    assert_offsets_hold("\ufeffBase attacked\u200b", body)


# --- properties -----------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "U.S.", "Col.", "Maroto", "said", "4.2", "3,000", "$1.5", "No.", "J.R.R.", "the",
        ".", "!", "?", "…", ",", "“", "”", '"', "(", ")", "’", " ", "  ", "\t", "\u00a0",
        "\n", "\r\n", "\r", "\u2028", "\ufeff", "\u200b", "[ad_1]", "WASHINGTON (Reuters) -",
        "By", "Authors:", "©", "Reporting by", "She vowed revenge.", "A", "a.m.",
    ]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=60).map("".join)


@property_settings(300)
@given(title=_TEXT, body=_TEXT)
def test_segments_are_always_exact_ordered_non_overlapping_slices(title: str, body: str):
    segments = segment_article(title, body)
    for in_title in (True, False):
        spans = [(s.start, s.end) for s in segments if (s.kind == TITLE) == in_title]
        assert all(
            end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False)
        )
    for s in segments:
        source = title if s.kind == TITLE else body
        assert source[s.start : s.end] == s.text
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()


# --- news abbreviations and stray punctuation (issue 13) ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Army Pfc. Dana Cole was decorated at the base on Friday.",
        "Police Lieut. Omar Said and Cpl. Ann Lee spoke to the crowd.",
        "Det.-Insp. Karen Shaw led the search near the bridge.",
        "The shop on Rte. 9 near the lake reopened.",
        "The plan was signed by then-Gov. Mark Hale in 1998.",
        "He described a post-Sept. 11 world to the panel.",
        "The bishop of Minneapolis-St. Paul attended the service.",
        "Green will drive the Apex Motors Inc. No. 8 car next week.",
        "The mill near Kingston, Ont. employs 300 people.",
        "He said the answer was . . . not yet known to anyone.",
        '"Nobody told us," she said. "',
        "The report ended there. . . .",
    ],
)
def test_a_news_sentence_with_abbreviations_or_stray_marks_stays_whole(text):
    assert sentences(text) == [text]


def test_a_spaced_ellipsis_before_a_sentence_opener_ends_the_sentence():
    assert sentences("They waited . . . The bus never came.") == [
        "They waited . . .",
        "The bus never came.",
    ]


def test_tokenised_text_still_splits_at_a_spaced_full_stop():
    assert sentences("The bridge closed . Traffic stopped .") == [
        "The bridge closed .",
        "Traffic stopped .",
    ]
