"""The word diff of a unit's two sides: plain Python, no database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from articles.analysis.worddiff import (
    CHANGED,
    MOVED,
    SAME,
    comparison_words,
    diff_words,
    tokenize,
)
from tests.properties import property_settings


def words(tokens, **flags):
    return [
        t.text for t in tokens if t.is_word and all(getattr(t, k) == v for k, v in flags.items())
    ]


def test_it_marks_the_changed_words_on_both_sides():
    diff = diff_words(
        "Colonel Wayne Maroto said, without elaborating.",
        "said Colonel Wayne Malotto, without elaborating.",
    )
    assert words(diff.source, changed=True) == ["Maroto", "said"]
    assert words(diff.target, changed=True) == ["said", "Malotto"]
    assert words(diff.source, change=SAME)[:2] == ["Colonel", "Wayne"]


def test_it_ignores_case_accents_and_quote_styles():
    diff = diff_words("“It is certain,” he said.", '"it is certain," He said.')
    assert words(diff.source, changed=True) == []
    assert words(diff.target, changed=True) == []
    assert not diff_words("Café in Montréal", "Cafe in Montreal").changed_words


def test_it_never_marks_punctuation_or_spaces_as_changed():
    diff = diff_words("appropriate and deliberate", "appropriate, and deliberate")
    assert [t.text for t in diff.target if t.change == CHANGED] == []


def test_it_emphasises_names_but_not_sentence_openers():
    diff = diff_words(
        "The Iraqi government met Anthony Blinken. It said no.",
        "The Iraqi government met Anthony Brinken. It said no.",
    )
    assert words(diff.source, is_name=True) == ["Iraqi", "Anthony", "Blinken"]
    assert words(diff.target, is_name=True) == ["Iraqi", "Anthony", "Brinken"]


def test_it_treats_acronyms_as_names():
    diff = diff_words("The SDF and ISIS fought.", "The SDF and ISIS fought.")
    assert words(diff.source, is_name=True) == ["SDF", "ISIS"]


def test_it_emphasises_numbers_in_digits_and_words():
    diff = diff_words(
        "at least five drone attacks since 2015, 3.5 million and 28th",
        "at least 5 drone attacks",
    )
    assert words(diff.source, is_number=True) == ["five", "2015", "3.5", "million", "28th"]
    assert words(diff.target, is_number=True) == ["5"]


def test_it_marks_the_evidence_of_a_flag_wherever_it_occurs():
    diff = diff_words(
        "Blinken told reporters, Blinken said.",
        "Brinken told reporters.",
        source_spans=["blinken"],
        target_spans=["Brinken told"],
    )
    assert words(diff.source, in_evidence=True) == ["Blinken", "Blinken"]
    assert words(diff.target, in_evidence=True) == ["Brinken", "told"]


def test_an_empty_side_makes_every_word_of_the_other_side_changed():
    diff = diff_words("A caveat sentence was dropped.", "")
    assert diff.target == ()
    assert all(t.changed for t in diff.source if t.text.isalnum())


def test_the_tokens_rebuild_the_text_exactly():
    text = "WASHINGTON (Reuters)-U.S. troops were hit…  on Monday"
    assert "".join(t for t, _, _ in tokenize(text)) == text
    diff = diff_words(text, text)
    assert "".join(t.text for t in diff.source) == text
    assert all(text[t.start : t.end] == t.text for t in diff.source)


def test_css_classes_come_from_a_fixed_vocabulary_not_from_the_text():
    diff = diff_words('<b class="x">Maroto</b> 5', "<i>Malotto</i> five")
    classes = {c for t in diff.source + diff.target for c in t.css.split()}
    assert classes <= {"w", "w-chg", "w-mov", "w-name", "w-num", "w-ev"}


def test_the_space_inside_a_changed_phrase_is_marked_with_it():
    diff = diff_words("he said no", "she told reporters no")
    assert [t.start for t in diff.source if t.bridge] == [2]  # he·said
    assert [t.start for t in diff.target if t.bridge] == [3, 8]  # she·told·reporters
    assert not diff.target[-2].bridge  # the space before the kept "no"


def test_it_names_the_flags_each_evidence_word_belongs_to():
    diff = diff_words(
        "Blinken met Maroto.",
        "Brinken met Malotto.",
        source_spans=[("flag-1", "Blinken met"), ("flag-2", "met Maroto")],
    )
    assert [(t.text, t.evidence) for t in diff.source if t.in_evidence] == [
        ("Blinken", ("flag-1",)),
        ("met", ("flag-1", "flag-2")),
        ("Maroto", ("flag-2",)),
    ]
    assert diff.source[2].evidence_keys == "flag-1 flag-2"


def test_the_space_between_two_words_of_one_flag_carries_its_key():
    diff = diff_words("Colonel Wayne Maroto", "x", source_spans=[("flag-3", "Wayne Maroto")])
    assert [t.evidence for t in diff.source] == [(), (), ("flag-3",), ("flag-3",), ("flag-3",)]


# --- No noise: what the analysis holds equal is not marked ---------------------------


def marked(diff):
    """The words marked on either side, changed or moved."""
    return [t.text for t in diff.source + diff.target if t.changed or t.moved]


def test_it_does_not_mark_the_spellings_of_a_country():
    for source, target in [
        ("US troops were hit", "U.S. troops were hit"),
        ("strikes by the United States on Monday", "strikes by the US on Monday"),
        ("the U.N. envoy met the U.K. minister", "the United Nations envoy met the UK minister"),
    ]:
        assert marked(diff_words(source, target)) == [], (source, target)


def test_a_spelling_of_a_country_is_one_token_and_is_marked_as_a_whole():
    text = "the U.S. and the United States of America"
    assert [t for t, _, _ in tokenize(text) if t.strip()] == [
        "the",
        "U.S.",
        "and",
        "the",
        "United States of America",
    ]
    diff = diff_words("the U.S. said", "the French said")
    assert words(diff.source, changed=True) == ["U.S."]


def test_the_pronoun_us_is_not_the_united_states():
    diff = diff_words("they told us", "they told the US")
    assert words(diff.target, changed=True) == ["the", "US"]


def test_it_does_not_mark_number_words_against_digits():
    diff = diff_words("five drone attacks on the third day", "5 drone attacks on the 3rd day")
    assert marked(diff) == []
    assert words(diff.source, is_number=True) == ["five", "third"]


def test_it_does_not_mark_thousands_separators_or_ordinal_suffixes():
    assert marked(diff_words("2,000 people on the 28th", "2000 people on the 28")) == []


def test_it_still_marks_a_different_number():
    diff = diff_words("five drone attacks", "6 drone attacks")
    assert words(diff.source, changed=True) == ["five"]
    assert words(diff.target, changed=True) == ["6"]


def test_it_does_not_mark_hyphenation():
    for source, target in [
        ("a cease-fire was agreed", "a ceasefire was agreed"),
        ("Iranian-allied militias", "Iranian allied militias"),
        ("in Deir ez-Zor governorate", "in Deir Ezzor governorate"),
        ("a well known figure", "a well-known figure"),
    ]:
        assert marked(diff_words(source, target)) == [], (source, target)


def test_it_does_not_mark_case_quote_shapes_or_dashes():
    diff = diff_words(
        "“Maximally problematic” — he said, it’s the Government’s view.",
        "\"maximally Problematic\" - He said, it's the government's view.",
    )
    assert marked(diff) == []


def test_it_still_marks_a_respelled_name():
    diff = diff_words("Blinken told reporters.", "Brinken told reporters.")
    assert words(diff.source, changed=True) == ["Blinken"]
    assert words(diff.target, changed=True) == ["Brinken"]


# --- Moved words -----------------------------------------------------------------------


def test_words_in_another_place_are_moved_not_deleted_and_inserted():
    diff = diff_words(
        "We acted firmly, Blinken told reporters in Rome.",
        "Brinken told reporters in Rome: we acted firmly.",
    )
    assert words(diff.source, change=MOVED) == ["We", "acted", "firmly"]
    assert words(diff.target, change=MOVED) == ["we", "acted", "firmly"]
    assert words(diff.source, changed=True) == ["Blinken"]
    assert words(diff.target, changed=True) == ["Brinken"]
    assert diff.moved_words == 6


def test_both_sides_of_a_move_carry_the_same_number_and_its_ends_are_marked():
    diff = diff_words(
        "the envoy met Iraqi officials in Baghdad on Monday",
        "on Monday the envoy met Iraqi officials in Baghdad",
    )
    moved_source = [t for t in diff.source if t.moved]
    moved_target = [t for t in diff.target if t.moved]
    assert {t.move for t in moved_source} == {t.move for t in moved_target}
    assert len({t.move for t in moved_source}) == 1
    assert [t.text for t in moved_source if t.move_start] == [moved_source[0].text]
    assert [t.text for t in moved_source if t.move_end] == [moved_source[-1].text]
    # The space inside a moved run is part of it; the one after the run is not.
    spaces = [t for t in diff.target if not t.is_word]
    assert spaces[0].moved_bridge and not spaces[1].moved_bridge


def test_a_lone_function_word_elsewhere_is_changed_not_moved():
    diff = diff_words(
        "Colonel Wayne Maroto said, without elaborating.",
        "said Colonel Wayne Malotto, without elaborating.",
    )
    assert diff.moved_words == 0
    assert words(diff.source, changed=True) == ["Maroto", "said"]


def test_a_replaced_word_is_changed_not_moved():
    diff = diff_words("the attack on the base at dawn", "at dawn the strike on the base")
    assert words(diff.source, changed=True) == ["attack"]
    assert words(diff.target, changed=True) == ["strike"]
    assert words(diff.source, change=MOVED) == ["at", "dawn"]


def test_a_moved_word_is_not_bridged_as_a_change():
    diff = diff_words("Rome said yes today", "today Rome said no")
    assert not any(t.bridge for t in diff.source + diff.target if not t.is_word and t.moved_bridge)


# --- Properties ------------------------------------------------------------------------

TEXTS = st.text(
    alphabet=st.sampled_from(list("abc ABC US.-’“”5 fiv\u202eé,")) | st.characters(),
    max_size=80,
)


@property_settings(200)
@given(source=TEXTS, target=TEXTS)
def test_any_two_texts_give_tokens_that_rebuild_them(source, target):
    diff = diff_words(source, target)
    assert "".join(t.text for t in diff.source) == source
    assert "".join(t.text for t in diff.target) == target
    assert all(source[t.start : t.end] == t.text for t in diff.source)


@property_settings(200)
@given(text=TEXTS)
def test_a_text_against_itself_marks_nothing(text):
    assert marked(diff_words(text, text)) == []


@property_settings(200)
@given(source=TEXTS, target=TEXTS)
def test_moves_pair_up_across_the_sides(source, target):
    diff = diff_words(source, target)
    assert {t.move for t in diff.source if t.moved} == {t.move for t in diff.target if t.moved}
    assert all((t.move > 0) == t.moved for t in diff.source + diff.target if t.is_word)
    assert {t.change for t in diff.source + diff.target} <= {SAME, CHANGED, MOVED, "space"}


def test_a_unit_of_thousands_of_words_is_still_diffed_word_by_word():
    # Only a broken segmentation makes such a unit; the diff stays quick (no joined
    # spellings or moves looked for) and still marks the changed word.
    words = [f"word{n}" for n in range(700)]
    changed = [*words[:350], "other", *words[351:]]
    diff = diff_words(" ".join(words), " ".join(changed))
    assert [t.text for t in diff.source if t.changed] == ["word350"]
    assert [t.text for t in diff.target if t.changed] == ["other"]


def test_its_kept_word_answers_cannot_be_changed_by_a_caller():
    # comparison_words keeps its answers (lru_cache): a list handed out could be
    # changed by one caller under every later one.
    first = comparison_words("Iranian-allied")
    assert first == ("iranian", "allied")
    assert isinstance(first, tuple)
    assert comparison_words("Iranian-allied") is first


def test_it_marks_the_same_words_whether_or_not_a_flag_points_at_others():
    plain = diff_words("Colonel Marotto said 5 units left.", "Colonel Malotto said five left.")
    flagged = diff_words(
        "Colonel Marotto said 5 units left.",
        "Colonel Malotto said five left.",
        source_spans=[("flag-1", "Marotto")],
        target_spans=[("flag-1", "Malotto")],
    )
    for before, after in zip(
        plain.source + plain.target, flagged.source + flagged.target, strict=True
    ):
        assert (before.text, before.change, before.is_name, before.is_number) == (
            after.text,
            after.change,
            after.is_name,
            after.is_number,
        )
    marked = [t.text for t in flagged.source + flagged.target if t.in_evidence]
    assert marked == ["Marotto", "Malotto"]
    assert {t.evidence for t in flagged.source if t.in_evidence} == {("flag-1",)}
