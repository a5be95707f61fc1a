"""How a unit side is read: words, sentence starts and quotations."""

from __future__ import annotations

from articles.analysis.checks.text import facts_of, fold, stem


def quotes(text: str) -> list[str]:
    return [q.text for q in facts_of(text).quotes]


def test_it_finds_typographic_and_straight_quotations():
    assert quotes('He said “we will act,” and she said "not now".') == ["we will act", "not now"]


def test_an_apostrophe_inside_a_quotation_does_not_end_it():
    assert quotes("It would consider “options that violate Iraq’s airspace.”") == [
        "options that violate Iraq’s airspace."
    ]


def test_single_typographic_quotes_need_a_space_before_and_a_non_letter_after():
    assert quotes("The country’s ‘red line’ was crossed.") == ["red line"]


def test_a_closing_mark_with_no_opening_one_starts_the_quote_at_the_start():
    # A long quotation split across sentences: the second half has only the closer.
    assert quotes("We will provide updates,” Colonel Wayne Maroto said.") == [
        "We will provide updates"
    ]


def test_an_opening_mark_never_closed_runs_to_the_end():
    assert quotes("He said: “There are no casualties and we are assessing") == [
        "There are no casualties and we are assessing"
    ]


def test_words_know_whether_they_are_quoted_and_start_a_sentence():
    facts = facts_of("He left. “Stay,” U.S. officials said.")
    by_word = {t.text: t for t in facts.tokens}
    assert by_word["Stay"].quoted and not by_word["officials"].quoted
    assert by_word["He"].sentence_initial and by_word["Stay"].sentence_initial
    assert not by_word["officials"].sentence_initial  # "U.S." does not end a sentence


def test_fold_removes_case_accents_and_typography():
    assert fold("Erdoğan’s “Süleyman”") == 'erdogan\'s "suleyman"'


def test_stem_joins_a_word_family():
    assert stem("trusted") == stem("trust") == stem("trusts")
    assert stem("attacks") == stem("attack")
    assert stem("provoked") == stem("provoke")


# --- quotation marks of every shape (issue 13) -------------------------------------------


def test_typewriter_quotes_of_tokenised_text_are_quotation_marks():
    assert quotes("The crowd chanted `` no more fees '' outside .") == ["no more fees"]
    assert quotes("The mayor called it ``a fair deal'' on Monday.") == ["a fair deal"]


def test_a_quote_closed_with_two_apostrophes_ends_there():
    assert quotes("\"Prices rose by 8 per cent'' in March\", the agency said.") == [
        "Prices rose by 8 per cent"
    ]


def test_a_straight_closing_mark_with_no_opening_one_starts_the_quote_at_the_start():
    assert quotes('We will not sign," said Chair Lena Ortiz of the union.') == ["We will not sign"]


def test_a_single_quoted_word_inside_a_double_quotation_stays_inside_it():
    assert quotes("He said \"the 'safe zone' was shelled\" and left.") == [
        "the 'safe zone' was shelled"
    ]


def test_straight_single_quotes_around_words_are_a_quotation_but_apostrophes_are_not():
    assert quotes("The coach called the team 'tired but proud'.") == ["tired but proud"]
    assert quotes("The players' union and Ranvir 's agent met .") == []
