"""Sentence alignment of a source article and its retranslation (articles.analysis.align)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.analysis import align as align_module
from articles.analysis.align import align_segments, align_texts
from articles.analysis.segment import segment_article, split_plain_article
from articles.analysis.types import (
    ADDITION,
    ALIGNABLE_KINDS,
    BODY,
    BOILERPLATE,
    CAPTION,
    MATCH,
    OMISSION,
    TITLE,
    AlignedUnit,
    Segment,
)
from tests.properties import property_settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(name: str) -> list[Segment]:
    title, body = split_plain_article((SEEDS / name).read_text(encoding="utf-8"))
    return segment_article(title, body)


def body(*sentences: str) -> list[Segment]:
    return segment_article("", "\n".join(sentences))


def as_texts(units, source, target) -> list[tuple[str, list[str], list[str]]]:
    return [
        (u.kind, [source[i].text for i in u.source], [target[j].text for j in u.target])
        for u in units
    ]


def assert_covers_every_alignable_segment_once(units, source, target) -> None:
    for side, segments in (("source", source), ("target", target)):
        used = sorted(i for u in units for i in getattr(u, side))
        expected = [n for n, s in enumerate(segments) if s.kind in ALIGNABLE_KINDS]
        assert used == expected, side


# --- the seed pair --------------------------------------------------------------------

SEED_EXPECTATION = [
    # (kind, source sentence starts, target sentence starts)
    (OMISSION, ["Mutual bombing between US forces"], []),
    (MATCH, ["US forces came under missile fire"], ["U.S. troops were hit by rockets"]),
    (MATCH, ["A US military spokesman stated"], ["A spokesman for the US military said"]),
    (MATCH, ["“There are no casualties"], ["“No one was injured"]),
    (MATCH, ["Sources in Deir Ezzor"], ["Sources in Deir ez-Zor"]),
    (MATCH, ["The missile fire highlights"], ["The rockets highlighted"]),
    (MATCH, ["And US Secretary of State Anthony Blinken"], ["A few hours ago, US Secretary"]),
    (MATCH, ["“We have taken necessary"], ["Brinken told reporters in Rome"]),
    (MATCH, ["In a statement, the pro-Iranian"], ["The Iraqi militia formed an alliance"]),
    (MATCH, ["She vowed revenge."], ["They vowed to retaliate."]),
    (ADDITION, [], ["But it is not yet clear who launched"]),
    (MATCH, ["The Iraqi government denounced"], ["The Iraqi government, worried"]),
    (
        MATCH,
        ["Syria described the strikes as"],
        ["Syria described the attack as", "The Iraqi military condemned the US air strikes."],
    ),
    (MATCH, ["The Iraqi and US militaries"], ["Iraqi and U.S. forces have closely"]),
    (MATCH, ["This was the second time"], ["This is the second time"]),
    (MATCH, ["In February, he ordered limited"], ["In February, he ordered a limited"]),
    (MATCH, ["Two US officials"], ["Two U.S. officials"]),
    (
        MATCH,
        ["As the Biden administration looks to revive"],
        ["The Biden administration has been seeking", "These attacks highlighted how Biden"],
    ),
    (
        MATCH,
        ["White House press secretary Jen Psaki said"],
        ["The White House Press Secretary Jen Psaki stated", "He supports “extremely"],
    ),
    (MATCH, ["Critics of Biden say"], ["Biden’s critics say"]),
    (MATCH, ["Iran called on the United States"], ["Iran calls on the United States"]),
    (MATCH, ["“It is certain that"], ["Said Khatibzad, a spokesman"]),
]


def test_the_seed_pair_aligns_every_sentence_with_its_retranslation():
    source, target = seed("000_7be70c43fb544a5f.txt"), seed("001_bce71628527fee74.txt")
    units = align_segments(source, target)
    got = as_texts(units, source, target)
    assert len(got) == len(SEED_EXPECTATION)
    for (kind, src, tgt), (want_kind, want_src, want_tgt) in zip(
        got, SEED_EXPECTATION, strict=True
    ):
        assert kind == want_kind, (src, tgt)
        assert len(src) == len(want_src) and len(tgt) == len(want_tgt), (src, tgt)
        assert all(s.startswith(w) for s, w in zip(src, want_src, strict=True)), src
        assert all(t.startswith(w) for t, w in zip(tgt, want_tgt, strict=True)), tgt
    assert not any(u.moved for u in units)
    assert all(u.similarity >= 0.4 for u in units if u.kind == MATCH)
    assert_covers_every_alignable_segment_once(units, source, target)


def test_the_seed_pair_keeps_captions_bylines_credits_and_ads_out_of_the_units():
    source, target = seed("000_7be70c43fb544a5f.txt"), seed("001_bce71628527fee74.txt")
    units = align_segments(source, target)
    in_units = {target[j].kind for u in units for j in u.target}
    in_units |= {source[i].kind for u in units for i in u.source}
    assert in_units == {TITLE, BODY}
    assert {s.kind for s in target} >= {BOILERPLATE, CAPTION}


# --- titles and metadata --------------------------------------------------------------


def test_titles_align_only_with_titles_and_a_rewritten_headline_still_pairs():
    source = segment_article("Rockets hit U.S. base in Syria", "Rockets hit a U.S. base in Syria.")
    target = segment_article("Iran denies role", "Rockets hit a U.S. base in Syria.")
    units = align_segments(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (MATCH, (1,), (1,)),
    ]
    # Without a title on one side, the other's title stands alone even though the
    # body repeats its words.
    target = segment_article("", "Rockets hit a U.S. base in Syria.")
    units = align_segments(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (OMISSION, (0,), ()),
        (MATCH, (1,), (0,)),
    ]


def test_title_units_come_before_body_units_even_for_a_target_only_title():
    source = segment_article("", "Troops were hit by rockets on Monday.")
    target = segment_article("U.S. troops hit", "Troops were hit by rockets on Monday.")
    units = align_segments(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (ADDITION, (), (0,)),
        (MATCH, (0,), (1,)),
    ]


def test_metadata_segments_never_appear_in_units_and_indices_count_them():
    source = segment_article(
        "", "[ad_1]\nRockets hit the base on Monday.\nAuthors: Phil Stewart\nNobody was hurt."
    )
    target = segment_article(
        "",
        "© Reuters. Troops in Syria. REUTERS/Guglielmo Mangiapane\n"
        "Rockets struck the base on Monday.\nNo one was injured.\nSource link",
    )
    units = align_segments(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (1,), (1,)),
        (MATCH, (3,), (2,)),
    ]


# --- steps ----------------------------------------------------------------------------

LEAD = "U.S. troops in Syria came under rocket fire on Monday, the Pentagon said."
LEAD_T = "On Monday, American troops in Syria were hit by rockets, according to the Pentagon."
LONG = (
    "Syria described the strikes as a flagrant violation of its territory, while the Iraqi "
    "army and government condemned the U.S. strikes."
)
LONG_T1 = "Syria described the attack as a blatant violation of its territory."
LONG_T2 = "The Iraqi military and government condemned the U.S. air strikes."
TAIL = "Iranian Foreign Ministry spokesman Saeed Khatibzadeh warned against escalation."
TAIL_T = "Said Khatibzad, a spokesman for Iran's foreign ministry, warned of escalation."


def test_a_sentence_split_in_two_is_one_1_2_unit():
    units = align_texts([LEAD, LONG, TAIL], [LEAD_T, LONG_T1, LONG_T2, TAIL_T])
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (MATCH, (1,), (1, 2)),
        (MATCH, (2,), (3,)),
    ]


def test_two_sentences_merged_into_one_are_one_2_1_unit():
    units = align_texts([LEAD_T, LONG_T1, LONG_T2, TAIL_T], [LEAD, LONG, TAIL])
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (MATCH, (1, 2), (1,)),
        (MATCH, (3,), (2,)),
    ]


def test_two_sentences_reordered_inside_a_pair_are_one_2_2_unit():
    source = [
        LEAD,
        "The Pentagon said the rockets caused no casualties at the Green Village base.",
        "Damage at the Omar oil field was still being assessed by engineers late on Monday.",
        TAIL,
    ]
    target = [
        LEAD_T,
        "Engineers were still assessing damage at the Omar oil field late on Monday, and the",
        "Green Village base reported no casualties from the rockets, the Pentagon said.",
        TAIL_T,
    ]
    units = align_texts(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (MATCH, (1, 2), (1, 2)),
        (MATCH, (3,), (2 + 1,)),
    ]


def test_a_sentence_split_is_not_merged_when_the_extra_sentence_is_new():
    extra = "It is not yet clear who launched the latest salvo."
    units = align_texts([LEAD, TAIL], [LEAD_T, extra, TAIL_T])
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (ADDITION, (), (1,)),
        (MATCH, (1,), (2,)),
    ]


def test_a_dropped_sentence_is_an_omission_in_its_place():
    units = align_texts([LEAD, LONG, TAIL], [LEAD_T, TAIL_T])
    assert [(u.kind, u.source, u.target, u.similarity) for u in units] == [
        (MATCH, (0,), (0,), units[0].similarity),
        (OMISSION, (1,), (), 0.0),
        (MATCH, (2,), (1,), units[2].similarity),
    ]


def test_an_added_sentence_follows_the_unit_before_it_in_the_target():
    extra = "The White House declined to comment on the strikes."
    units = align_texts([LEAD, LONG, TAIL], [extra, LEAD_T, LONG_T1, extra, TAIL_T])
    assert [(u.kind, u.source, u.target) for u in units] == [
        (ADDITION, (), (0,)),
        (MATCH, (0,), (1,)),
        (MATCH, (1,), (2,)),
        (ADDITION, (), (3,)),
        (MATCH, (2,), (4,)),
    ]


def test_a_moved_sentence_is_linked_as_one_moved_match_at_its_source_position():
    source = [
        LEAD,
        "Blinken told reporters in Rome the strikes were necessary and appropriate.",
        "The Iraqi and U.S. militaries coordinate closely against Islamic State.",
        "This was the second time Biden ordered retaliatory strikes since taking office.",
        "In February, he ordered limited air strikes on Syria after rocket attacks.",
        "Critics of Biden say Iran cannot be trusted.",
        TAIL,
    ]
    target = [
        LEAD_T,
        "Iraqi and U.S. forces coordinate closely in the fight against Islamic State.",
        "This is the second time Biden has ordered retaliatory strikes since he took office.",
        "In February, he ordered a limited strike on Syria in response to rocket attacks.",
        "Biden's critics say that Iran is not credible.",
        "Brinken told reporters in Rome that the strikes were necessary and appropriate.",
        TAIL_T,
    ]
    units = align_texts(source, target)
    assert [(u.kind, u.source, u.target, u.moved) for u in units] == [
        (MATCH, (0,), (0,), False),
        (MATCH, (1,), (5,), True),
        (MATCH, (2,), (1,), False),
        (MATCH, (3,), (2,), False),
        (MATCH, (4,), (3,), False),
        (MATCH, (5,), (4,), False),
        (MATCH, (6,), (6,), False),
    ]
    assert units[1].similarity > 0.6


def test_a_dropped_and_an_unrelated_added_sentence_are_not_linked_as_a_move():
    source = [LEAD, "Oil prices rose 2 percent in early Asian trade.", LONG, TAIL]
    target = [LEAD_T, LONG_T1, LONG_T2, "The pope visited a refugee camp in Lesbos.", TAIL_T]
    units = align_texts(source, target)
    kinds = [(u.kind, u.source, u.target, u.moved) for u in units]
    assert (OMISSION, (1,), (), False) in kinds
    assert (ADDITION, (), (3,), False) in kinds


# --- whole articles -------------------------------------------------------------------


def test_an_identical_article_aligns_one_to_one_with_similarity_one():
    source = seed("000_7be70c43fb544a5f.txt")
    units = align_segments(source, source)
    assert all(u.kind == MATCH and len(u.source) == len(u.target) == 1 for u in units)
    assert all(u.source == u.target for u in units)
    assert all(u.similarity == pytest.approx(1.0) for u in units)
    assert_covers_every_alignable_segment_once(units, source, source)


def test_respelled_names_still_pair_the_sentences():
    source = [
        "Colonel Wayne Maroto said there were no casualties.",
        "Anthony Blinken spoke to reporters in Rome.",
        "Saeed Khatibzadeh accused Washington of destabilising the region.",
    ]
    target = [
        "Colonel Wayne Malotto said there were no casualties.",
        "Anthony Brinken spoke to reporters in Rome.",
        "Said Khatibzad accused Washington of destabilising the region.",
    ]
    units = align_texts(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (MATCH, (1,), (1,)),
        (MATCH, (2,), (2,)),
    ]
    assert all(u.similarity > 0.8 for u in units)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ([], [], []),
        (["Troops were hit."], [], [(OMISSION, (0,), ())]),
        (
            [],
            ["Troops were hit.", "Nobody was hurt."],
            [(ADDITION, (), (0,)), (ADDITION, (), (1,))],
        ),
    ],
    ids=["both-empty", "no-target", "no-source"],
)
def test_an_empty_side_gives_only_omissions_or_additions(source, target, expected):
    units = align_texts(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == expected


def test_metadata_only_articles_give_no_units():
    source = segment_article("", "[ad_1]\nAuthors: Phil Stewart\nSource link")
    assert align_segments(source, source) == []


# --- scaling --------------------------------------------------------------------------

_SYLLABLES = [
    "ka",
    "ra",
    "mo",
    "ti",
    "lu",
    "se",
    "na",
    "bo",
    "di",
    "fa",
    "ge",
    "hu",
    "zi",
    "po",
    "ve",
    "le",
    "sa",
]


def _article(size: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Distinct news-like sentences, and a retranslation with drops, additions, moves."""

    def name() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()

    source, target, moved = [], [], []
    for k in range(size):
        who, where, count = name(), name(), rng.randint(2, 900)
        source.append(f"{who} said {count} people were hurt in {where} on day {k}.")
        roll = rng.random()
        if roll < 0.05:
            continue  # dropped
        reworded = f"In {where}, {count} people were injured on day {k}, {who} stated."
        if roll < 0.08:
            moved.append(reworded)
            continue
        target.append(reworded)
        if roll > 0.95:
            target.append(f"{name()} visited {name()} with {rng.randint(2, 900)} aides.")
        if moved and rng.random() < 0.1:
            target.append(moved.pop())
    return source, target + moved


def _count_scorings(monkeypatch, size: int) -> tuple[int, list[AlignedUnit]]:
    calls = 0
    scored = align_module.features_similarity

    def counting(a, b):
        nonlocal calls
        calls += 1
        return scored(a, b)

    monkeypatch.setattr(align_module, "features_similarity", counting)
    source, target = _article(size, random.Random(size))
    units = align_texts(source, target)
    return calls, units


def test_the_work_grows_about_linearly_with_article_length(monkeypatch):
    small, _ = _count_scorings(monkeypatch, 200)
    large, units = _count_scorings(monkeypatch, 2000)
    assert large < 14 * small  # 10x the sentences; the full matrix would be 100x
    assert large < 60 * 2000
    matched = [u for u in units if u.kind == MATCH]
    assert len(matched) > 0.9 * 2000
    assert any(u.moved for u in matched)


def test_a_moved_sentence_that_was_split_is_linked_whole():
    source = [
        LEAD,
        LONG,
        "The Iraqi and U.S. militaries coordinate closely against Islamic State.",
        "This was the second time Biden ordered retaliatory strikes since taking office.",
        "In February, he ordered limited air strikes on Syria after rocket attacks.",
        TAIL,
    ]
    target = [
        LEAD_T,
        "Iraqi and U.S. forces coordinate closely in the fight against Islamic State.",
        "This is the second time Biden has ordered retaliatory strikes since he took office.",
        "In February, he ordered a limited strike on Syria in response to rocket attacks.",
        TAIL_T,
        LONG_T1,
        LONG_T2,
    ]
    units = align_texts(source, target)
    assert (MATCH, (1,), (5, 6), True) in [(u.kind, u.source, u.target, u.moved) for u in units]
    assert [u.source for u in units] == [(0,), (1,), (2,), (3,), (4,), (5,)]


def test_a_dropped_sentence_next_to_a_split_stays_an_omission():
    # From the seed pair: the source's next sentence was dropped in this version.
    source = [
        LEAD,
        "Syria described the strikes as a “flagrant violation of the sanctity of Syrian and "
        "Iraqi territories,” while the Iraqi army and government condemned the US strikes.",
        "The Iraqi and US militaries are coordinating closely on a separate battle in Iraq to "
        "fight the remnants of the Islamic State group.",
        TAIL,
    ]
    target = [
        LEAD_T,
        "Syria described the attack as a “blatant violation of the sanctity of Syria and Iraq.”",
        "The Iraqi military condemned the US air strikes.",
        TAIL_T,
    ]
    units = align_texts(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [
        (MATCH, (0,), (0,)),
        (MATCH, (1,), (1, 2)),
        (OMISSION, (2,), ()),
        (MATCH, (3,), (3,)),
    ]


def _scored_pairs(monkeypatch, source: list[str], target: list[str]) -> int:
    """How many similarities the aligner computes: its work, counted, not timed."""
    calls = 0
    real = align_module.features_similarity

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(align_module, "features_similarity", counting)
    align_texts(source, target)
    monkeypatch.setattr(align_module, "features_similarity", real)
    return calls


def test_its_work_grows_close_to_linearly_with_the_article(monkeypatch):
    # Speed itself is measured by bench/bench_align.py; here the number of similarities
    # computed shows the band at work: ten times the sentences, about ten times the
    # work (the full n x m matrix would be a hundred times).
    small = _scored_pairs(monkeypatch, *_article(200, random.Random(7)))
    large = _scored_pairs(monkeypatch, *_article(2000, random.Random(7)))
    assert large / small < 14
    assert large < 2000 * 40


def test_two_huge_unpunctuated_lines_align_as_one_match():
    source = segment_article("", "rockets hit the base " * 100_000)
    target = segment_article("", "rockets struck the base " * 100_000)
    units = align_segments(source, target)
    assert [(u.kind, u.source, u.target) for u in units] == [(MATCH, (0,), (0,))]


def test_a_long_run_of_additions_keeps_the_target_order():
    added = [f"Aid convoy {k} reached the town of Kafr {k}." for k in range(3000)]
    units = align_texts([LEAD], [LEAD_T, *added])
    assert [u.target for u in units] == [(j,) for j in range(3001)]
    assert [u.kind for u in units] == [MATCH] + [ADDITION] * 3000


def test_two_unrelated_long_articles_stay_linear_and_mostly_unpaired(monkeypatch):
    rng = random.Random(3)

    def name() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()

    source = [
        f"The central bank of {name()} raised rates by {rng.randint(2, 90)} points on day {k}."
        for k in range(2000)
    ]
    target = [
        f"Rebels of the {name()} front seized the river bank and {rng.randint(2, 90)} villages."
        for _ in range(2000)
    ]
    # Moved-sentence candidates come only from uncommon words, or this case would be
    # quadratic: the similarities computed stay a few dozen a sentence.
    assert _scored_pairs(monkeypatch, source, target) < 2000 * 40
    units = align_texts(source, target)
    assert sum(1 for u in units if u.kind == MATCH) < 100


# --- properties -----------------------------------------------------------------------

_SEED_LINES = [
    s.text for name in ("000_7be70c43fb544a5f.txt", "001_bce71628527fee74.txt") for s in seed(name)
]
_ARTICLE = st.lists(st.sampled_from(_SEED_LINES), max_size=25)


@property_settings(150)
@given(source_lines=_ARTICLE, target_lines=_ARTICLE, source_title=st.booleans())
def test_every_alignable_segment_is_in_exactly_one_unit_in_order(
    source_lines: list[str], target_lines: list[str], source_title: bool
):
    title = "Mutual bombing between US forces and Iranian militias" if source_title else ""
    source = segment_article(title, "\n".join(source_lines))
    target = segment_article("", "\n".join(target_lines))
    units = align_segments(source, target)
    assert_covers_every_alignable_segment_once(units, source, target)
    for unit in units:
        assert unit.source or unit.target
        expected_kind = MATCH if unit.source and unit.target else None
        expected_kind = expected_kind or (OMISSION if unit.source else ADDITION)
        assert unit.kind == expected_kind
        assert 0.0 <= unit.similarity <= 1.0
        assert unit.kind == MATCH or (unit.similarity == 0.0 and not unit.moved)
        assert list(unit.source) == sorted(unit.source)
        assert list(unit.target) == sorted(unit.target)
    # Units that did not move keep both articles' order.
    in_place = [u for u in units if u.kind == MATCH and not u.moved]
    assert [u.target for u in in_place] == sorted(u.target for u in in_place)
    # Source order is reading order.
    firsts = [u.source[0] for u in units if u.source]
    assert firsts == sorted(firsts)


def test_a_one_sentence_text_is_paired_with_the_one_sentence_text_given_with_it():
    # Initials and full names share little spelling; the two are still one pair.
    [unit] = align_texts(
        [
            "Northern Grain Cooperative Ltd. said on Monday the Food Standards Agency has "
            "asked the company for records about its large contract with the army."
        ],
        ["In a filing, NGC said the FSA had asked for details of its army contract."],
    )
    assert unit.source == (0,) and unit.target == (0,)


def test_two_unrelated_one_sentence_texts_stay_an_omission_and_an_addition():
    units = align_texts(["The orchestra tours Peru in May."], ["Flooding shut two ports."])
    assert sorted((u.source, u.target) for u in units) == [((), (0,)), ((0,), ())]
