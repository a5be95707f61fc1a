"""The word diff of a unit's two sides: plain Python, no database."""

from __future__ import annotations

from articles.analysis.worddiff import CHANGED, SAME, diff_words, tokenize


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
    assert classes <= {"w", "w-chg", "w-name", "w-num", "w-ev"}


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
