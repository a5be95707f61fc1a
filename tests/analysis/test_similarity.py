"""Sentence similarity that survives retranslation (articles.analysis.similarity)."""

from __future__ import annotations

import pytest

from articles.analysis.similarity import (
    join_features,
    names_match,
    normalise_for_match,
    sentence_features,
    sentence_similarity,
    similarity_matrix,
)

# Pairs from the seed articles: a source sentence and its machine retranslation.
RETRANSLATED_PAIRS = [
    (
        "Sources in Deir Ezzor in eastern Syria reported that an Iranian-backed faction fired "
        "artillery shells near the Al-Omar oil field, which is controlled by the US-backed "
        "Syrian Democratic Forces.",
        "Sources in Deir ez-Zor, eastern Syria, said an Iran-backed militia group fired several "
        "shells near the Omar oil field controlled by the Syrian Democratic Forces backed by "
        "the United States.",
    ),
    (
        "“We have taken necessary, appropriate and deliberate action aimed at reducing the risk "
        "of escalation and also to send a clear and unambiguous message of deterrence,” Blinken "
        "told reporters in Rome.",
        "Brinken told reporters in Rome: “We have taken necessary, appropriate, and deliberate "
        "actions to limit the risk of escalation, and at the same time send a clear and clear "
        "deterrent message.”",
    ),
    (
        "“It is certain that what the United States is doing is destabilizing security in the "
        "region, and the United States will be a victim of this disturbance,” Iranian Foreign "
        "Ministry spokesman Saeed Khatibzadeh said on Monday.",
        "Said Khatibzad, a spokesman for the Iranian Ministry of Foreign Affairs, said on "
        "Monday: “Of course, the United States is undermining the security of the region, and "
        "the United States will become one of the victims of this destruction.”",
    ),
    (
        "Two US officials, who spoke on condition of anonymity, said that Iranian-backed "
        "militias have launched at least five drone attacks on facilities used by US and "
        "coalition elements in Iraq since April.",
        "Two U.S. officials, who asked not to be named, told Reuters that since April, "
        "Iran-backed militias have carried out at least five drone attacks on facilities used "
        "by U.S. and coalition personnel in Iraq.",
    ),
    ("She vowed revenge.", "They vowed to retaliate."),
]

UNRELATED = [
    (
        "Sources in Deir Ezzor in eastern Syria reported that an Iranian-backed faction fired "
        "artillery shells near the Al-Omar oil field.",
        "In February, he ordered a limited strike in Syria in response to a rocket attack in Iraq.",
    ),
    (
        "A US military spokesman stated that his country’s forces were attacked by several "
        "missiles.",
        "But it is not yet clear who launched the latest salvo against the U.S. military.",
    ),
    ("She vowed revenge.", "The central bank left interest rates unchanged on Thursday."),
]


def test_normalise_for_match_folds_case_quotes_punctuation_and_country_spellings():
    assert normalise_for_match("“U.S. troops,” he said — in Deir ez-Zor.") == (
        "usa troops he said in deir ezzor"
    )
    assert normalise_for_match("the United States") == normalise_for_match("the US")
    assert normalise_for_match("the U.S.A.") == normalise_for_match("the USA")
    assert normalise_for_match("Deir ez-Zor") == normalise_for_match("Deir Ezzor")


def test_normalise_for_match_keeps_the_pronoun_us_apart_from_the_country():
    assert normalise_for_match("Join us") != normalise_for_match("Join US")


def test_normalise_for_match_reads_numbers_one_way():
    assert normalise_for_match("3,000 troops, five drones, the second time, 4.2%") == (
        "3000 troops 5 drones the 2 time 4.2"
    )
    assert normalise_for_match("the 2nd time") == normalise_for_match("the second time")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("maroto", "malotto"),
        ("blinken", "brinken"),
        ("khatibzadeh", "khatibzad"),
        ("saeed", "said"),
        ("iraq", "iraqi"),
        ("hussein", "husain"),
    ],
)
def test_respelled_names_match(a: str, b: str):
    assert names_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("iran", "iraq"), ("biden", "brinken"), ("rome", "omar"), ("said", "sudan"), ("ali", "ola")],
)
def test_different_names_do_not_match(a: str, b: str):
    assert not names_match(a, b)


def test_the_same_sentence_scores_one_whatever_its_quotes_case_or_spacing():
    a = "“We will provide updates,” Colonel Wayne Maroto said."
    b = '"we will provide  updates," colonel wayne maroto said'
    assert sentence_similarity(a, a) == pytest.approx(1.0)
    assert sentence_similarity(a, b) == pytest.approx(1.0)


@pytest.mark.parametrize(("a", "b"), RETRANSLATED_PAIRS)
def test_a_retranslated_sentence_scores_well_above_unrelated_ones(a: str, b: str):
    score = sentence_similarity(a, b)
    assert score >= 0.45
    assert all(score > sentence_similarity(x, y) + 0.1 for x, y in UNRELATED)


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_unrelated_sentences_score_low(a: str, b: str):
    # The second pair shares "U.S." and "military"; that is worth something, not much.
    assert sentence_similarity(a, b) < 0.4


def test_similarity_is_symmetric_and_within_bounds():
    for a, b in RETRANSLATED_PAIRS + UNRELATED:
        forward, backward = sentence_similarity(a, b), sentence_similarity(b, a)
        assert forward == pytest.approx(backward)
        assert 0.0 <= forward <= 1.0


def test_a_respelled_name_costs_less_than_a_different_name():
    source = "US Secretary of State Anthony Blinken defended the strikes in Rome."
    respelled = "US Secretary of State Anthony Brinken defended the strikes in Rome."
    replaced = "US Secretary of State Lloyd Austin defended the strikes in Rome."
    assert sentence_similarity(source, respelled) > sentence_similarity(source, replaced)


def test_a_changed_number_lowers_the_score():
    source = "Militias launched at least five drone attacks since April."
    same = "Since April, militias have carried out at least 5 drone attacks."
    changed = "Since April, militias have carried out at least 15 drone attacks."
    assert sentence_similarity(source, same) > sentence_similarity(source, changed)


def test_a_reworded_quote_scores_below_the_same_quote():
    source = "Psaki said Iran supported “maximally problematic behavior” in the region."
    same = "Psaki said Iran supported “maximally problematic behavior” in the area."
    reworded = "Psaki said Iran supported “extremely bad conduct” in the area."
    assert sentence_similarity(source, same) > sentence_similarity(source, reworded)


def test_empty_or_punctuation_only_text_scores_zero():
    assert sentence_similarity("", "Troops were hit.") == 0.0
    assert sentence_similarity("“ — ”", "Troops were hit.") == 0.0


def test_joined_features_score_a_split_sentence_better_than_either_half():
    source = sentence_features(
        "Syria described the strikes as a “flagrant violation of the sanctity of Syrian and "
        "Iraqi territories,” while the Iraqi army and government condemned the US strikes."
    )
    first = sentence_features(
        "Syria described the attack as a “blatant violation of the sanctity of Syria and Iraq.”"
    )
    second = sentence_features("The Iraqi military condemned the US air strikes.")
    from articles.analysis.similarity import features_similarity

    joined = features_similarity(source, join_features([first, second]))
    assert joined > features_similarity(source, first) + 0.1
    assert joined > features_similarity(source, second) + 0.1


def test_join_features_equals_reading_the_joined_text():
    a, b = "Iran called for calm.", "“We will respond,” Khatibzadeh said on Monday."
    joined = join_features([sentence_features(a), sentence_features(b)])
    read = sentence_features(a + " " + b)
    assert joined.stems == read.stems
    assert joined.numbers == read.numbers
    assert joined.quoted == read.quoted


def test_similarity_matrix_has_one_row_per_source_and_matches_pairwise_scores():
    sources = [a for a, _ in RETRANSLATED_PAIRS]
    targets = [b for _, b in RETRANSLATED_PAIRS]
    matrix = similarity_matrix(sources, targets)
    assert len(matrix) == len(sources)
    assert all(len(row) == len(targets) for row in matrix)
    for i, row in enumerate(matrix):
        assert row[i] == pytest.approx(sentence_similarity(sources[i], targets[i]))
        assert row[i] == max(row)


def test_a_two_megabyte_sentence_is_scored_on_the_same_words():
    huge = "Rockets hit the base near Deir ez-Zor and " * 50_000
    score = sentence_similarity(huge, huge[1000:] + " Maroto")
    assert score > 0.7  # the same words, read from a different starting point


def test_normalisation_folds_accents_and_reads_news_synonyms_as_one_stem():
    from articles.analysis.normalise import fold, stem

    assert fold("Saïd Khatibzâdeh") == "said khatibzadeh"
    assert stem("injured") == stem("hurt") == stem("wounded")
    assert stem("strikes") == stem("attack")
    assert stem("rockets") == stem("missiles")
    assert stem("strikes") != stem("rockets")
    assert sentence_similarity("Nobody was hurt.", "No one was injured.") > 0.6


@pytest.mark.parametrize("sentence", ["He said so.", "2021.", "It was 5 to 3."])
def test_a_sentence_without_content_words_scores_one_against_itself(sentence: str):
    assert sentence_similarity(sentence, sentence) == pytest.approx(1.0)


def test_sentences_of_different_function_words_score_low():
    assert sentence_similarity("He said so.", "They did not.") < 0.2
    assert sentence_similarity("2021.", "1999.") < 0.2
