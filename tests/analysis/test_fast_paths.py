"""The analysis's fast paths give exactly what the plain definitions give.

Detection runs on every unit of every import, so a few of its steps take a shortcut:
`fold` skips the typography table for ASCII text, the clause boundaries are found on
the text in lower case, a name key skips the substitutions that would change nothing,
and a quotation's spaces are collapsed by `str.split`. Each is compared here with the
definition it replaced, written out in full, on texts made of the characters where the
two could part: typography, accents, every kind of space, the letters that
case-insensitive matching takes for ASCII ones ("ſ" for "s", the Kelvin sign for "k"),
digits of other scripts, and the words that open a clause.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from articles.analysis.checks.clauses import _BOUNDARY, _boundaries, clauses
from articles.analysis.checks.lexicon import DEMONYMS
from articles.analysis.checks.names import _DOUBLED, _NOT_KEY, name_key, written_key
from articles.analysis.checks.quotes import (
    _CONTRACTION,
    _NOT_WORD,
    _POSSESSIVE,
    _expand,
    normalise_quote,
)
from articles.analysis.checks.text import facts_of, fold
from tests.properties import property_settings

_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold_by_definition(text: str) -> str:
    text = text.translate(_TYPOGRAPHY)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def boundaries_by_definition(text: str) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), m.group()[:1].isalpha()) for m in _BOUNDARY.finditer(text)]


# The characters where a shortcut could differ from its definition, and the words the
# clause pattern looks for.
_TRICKY = list(
    "abwtsehilnouWABTSE -:;,.()[]'_19\t\n\u00a0\u2009\u3000\x1c’‘“”–—éÉüß\u0301٣İıſ\u212aﬁ"
)
_WORDS = [
    "while", "whereas", "though", "although", "but", "as well as", "after", "before",
    "because", "since", "which", "who", "and", " and will ", " and walked ", " and they ",
    "AND WAS ", " - ", "1,000", "9:30", "Al-", "Deir ez-Zor",
]  # fmt: skip
_PIECES = st.lists(st.sampled_from(_TRICKY + _WORDS), max_size=30).map("".join)


@property_settings(400)
@given(text=st.one_of(_PIECES, st.text(max_size=40)))
def test_fold_gives_what_its_definition_gives(text: str):
    assert fold.__wrapped__(text) == fold_by_definition(text)


@property_settings(400)
@given(text=_PIECES)
def test_clause_boundaries_are_those_the_full_pattern_finds(text: str):
    assert _boundaries(text) == boundaries_by_definition(text)


def test_boundaries_that_overlap_or_hide_in_words_are_found_as_the_full_pattern_finds():
    # A space taken by one " - " cannot start the next; "as well as" inside a word is
    # refused, and the search restarts inside it.
    for text in (
        "a - - - b",
        " - - - ",
        "fog -\t- rain",
        "xas well as well as rain",
        "Obut and will stay",
        "10:30, 1,000: done; (yes) [no]",
    ):
        assert _boundaries(text) == boundaries_by_definition(text), text


def test_a_case_twin_sends_the_text_to_the_full_pattern_and_both_agree():
    # "ſince" is "since" to a case-insensitive pattern, but not in lower case.
    for text in ("It rained, ſince noon.", "Kelvin \u212aept on, but left."):
        assert _boundaries(text) == boundaries_by_definition(text)
    assert _boundaries("It rained, ſince noon.")[-1][2] is True


def test_clauses_split_at_a_dash_between_spaces_and_at_a_conjunction():
    facts = facts_of("Troops arrived - the town was calm, although shops stayed shut.")
    text = facts.text
    assert [text[s:e].strip() for s, e in clauses(facts)] == [
        "Troops arrived",
        "the town was calm",
        "although shops stayed shut.",
    ]


_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ez|ed|es|adh|ul)[-\s]", re.I)


def name_key_by_definition(surface: str, strip_article: bool) -> str:
    text = fold(surface)
    if text.endswith("'s"):
        text = text[:-2]
    if strip_article:
        text = _ARTICLE.sub("", text)
    text = _DOUBLED.sub(r"\1", _NOT_KEY.sub("", text))
    return DEMONYMS.get(text, text)


@property_settings(300)
@given(surface=st.one_of(_PIECES, st.text(max_size=20)))
def test_name_keys_are_those_of_the_full_substitutions(surface: str):
    assert name_key(surface) == name_key_by_definition(surface, strip_article=True)
    assert written_key(surface) == name_key_by_definition(surface, strip_article=False)
    assert name_key(surface, strip_article=False) == written_key(surface)


def test_a_name_key_drops_the_article_doubled_letters_and_dots():
    assert name_key("Al-Marotto") == "maroto"
    assert written_key("Al-Marotto") == "almaroto"
    assert name_key("U.S.") == "us"


def normalise_quote_by_definition(text: str) -> str:
    folded = fold(text).replace(".", "")
    if "'" in folded:
        folded = _POSSESSIVE.sub("", _CONTRACTION.sub(_expand, folded))
    for short, full in (("ca not", "cannot"), ("can not", "cannot"), ("wo not", "will not")):
        folded = folded.replace(short, full)
    return re.sub(r"\s+", " ", _NOT_WORD.sub(" ", folded)).strip()


@property_settings(300)
@given(text=st.one_of(_PIECES, st.text(max_size=40)))
def test_a_quotation_is_normalised_as_its_definition_says(text: str):
    assert normalise_quote.__wrapped__(text) == normalise_quote_by_definition(text)
