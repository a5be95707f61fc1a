"""Quotations compared after what typesetting and punctuation vary (issue 13)."""

from __future__ import annotations

import pytest

from articles.analysis.checks.quotes import normalise_quote
from articles.analysis.detect import detect_drift


def quote_rules(source: str, target: str) -> list[str]:
    return [s.rule for s in detect_drift(source, target) if s.category == "attribution.quote"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("it's over", "it is over"),
        ("we don't know", "we do n't know"),
        ("they can't stay", "they cannot stay"),
        ("the minister' car", "the minister's car"),
    ],
)
def test_contractions_and_possessives_read_alike(a, b):
    assert normalise_quote(a) == normalise_quote(b)


def test_a_quote_whose_words_stand_verbatim_on_the_other_side_is_unchanged():
    # The quotation marks moved; the quoted words did not change.
    assert (
        quote_rules(
            'The report said the dam "has several weak points that need repair."',
            '"The dam has several weak points that need repair," the report said.',
        )
        == []
    )


def test_a_reworded_quote_is_still_flagged():
    assert quote_rules(
        '"The dam has several weak points," the report said.',
        '"The dam has a few weak spots," the report said.',
    ) == ["quote.changed"]


def test_a_single_quoted_phrase_reused_in_double_quotes_is_unchanged():
    assert (
        quote_rules(
            "The coach said the side was 'tired but proud'.",
            'The coach said the side "was tired but proud."',
        )
        == []
    )
