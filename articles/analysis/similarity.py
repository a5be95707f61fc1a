"""How alike two sentences are, in a way that survives retranslation.

A sentence sent through machine translation and back keeps its facts but not its
words: names are respelled (Maroto / Malotto, Khatibzadeh / Khatibzad), words are
swapped for synonyms, clauses change order, "U.S." becomes "US" or "United States",
quote marks change shape. The score combines four signals, each measured on text
normalised by `normalise` (rapidfuzz 3 scorers neither lowercase nor strip
punctuation by themselves):

* lexical: overlap of content-word stems, and an edit-distance ratio over the sorted
  words (so word order does not matter);
* names: capitalised words paired by fuzzy spelling;
* numbers: the figures in either sentence;
* quotes: the words inside quotation marks.

A signal absent from both sentences (no numbers at all, say) is left out rather than
counted as agreement, so short plain sentences are judged on their words alone.

Features are computed once per sentence (`sentence_features`) and can be joined
(`join_features`) so the aligner can score a sentence against two neighbours together
without re-reading any text.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .normalise import (
    STOPWORDS,
    canonical_text,
    capitalised_names,
    is_number,
    normalise_for_match,
    quoted_passages,
    stem,
    words_of,
)

__all__ = [
    "MAX_FEATURE_CHARS",
    "SentenceFeatures",
    "features_similarity",
    "join_features",
    "lexical_similarity",
    "names_match",
    "normalise_for_match",
    "sentence_features",
    "sentence_similarity",
    "similarity_matrix",
]

MAX_FEATURE_CHARS = 2000
# Names compared per sentence. A news sentence names a handful of people and places;
# hundreds of capitalised words are a list or scraped junk, and comparing every name
# with every other would make one pair of such sentences cost as much as an article.
MAX_NAMES = 24

# --- features -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What the similarity looks at in one sentence (or several joined)."""

    word_set: frozenset[str]  # folded words, numbers canonical
    content: tuple[str, ...]  # content words (no stopwords), sorted
    stems: frozenset[str]  # stems of the content words that are not numbers
    names: tuple[str, ...]  # distinct folded capitalised words
    skeletons: frozenset[str]  # consonant skeletons of the names, see `_skeleton`
    name_heads: frozenset[str]  # first four letters of the names, see `_is_prefix_pair`
    numbers: frozenset[str]
    quoted: str  # folded words inside quotation marks, space-joined

    @property
    def sorted_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.names))

    @property
    def name_set(self) -> frozenset[str]:
        return frozenset(self.names)

    @property
    def sorted_words(self) -> str:
        """The content words sorted: an edit ratio on this ignores word order."""
        return " ".join(self.content)


@lru_cache(maxsize=8192)
def sentence_features(text: str) -> SentenceFeatures:
    """The features of one sentence; cached, since editors re-score the same texts.

    Only the first `MAX_FEATURE_CHARS` characters are read: a longer "sentence" is
    scraped text without punctuation, and reading it all would make every pairwise
    edit ratio quadratic in its length.
    """
    canonical = canonical_text(text[:MAX_FEATURE_CHARS])
    quoted = " ".join(" ".join(words_of(q)) for q in quoted_passages(canonical))
    words = words_of(canonical)
    content = sorted(w for w in words if w not in STOPWORDS)
    names = tuple(dict.fromkeys(capitalised_names(canonical)))[:MAX_NAMES]
    return SentenceFeatures(
        word_set=frozenset(words),
        content=tuple(content),
        stems=frozenset(stem(w) for w in content if not is_number(w)),
        names=names,
        skeletons=frozenset(filter(None, map(_skeleton, names))),
        name_heads=frozenset(n[:_PREFIX_CHARS] for n in names if len(n) >= _PREFIX_CHARS),
        numbers=frozenset(w for w in content if is_number(w)),
        quoted=quoted,
    )


def join_features(parts: Sequence[SentenceFeatures]) -> SentenceFeatures:
    """The features of consecutive sentences read as one (for 1-2 and 2-1 units)."""
    if len(parts) == 1:
        return parts[0]
    return SentenceFeatures(
        word_set=frozenset().union(*(p.word_set for p in parts)),
        content=tuple(sorted(w for p in parts for w in p.content)),
        stems=frozenset().union(*(p.stems for p in parts)),
        names=tuple(dict.fromkeys(n for p in parts for n in p.names))[:MAX_NAMES],
        skeletons=frozenset().union(*(p.skeletons for p in parts)),
        name_heads=frozenset().union(*(p.name_heads for p in parts)),
        numbers=frozenset().union(*(p.numbers for p in parts)),
        quoted=" ".join(p.quoted for p in parts if p.quoted),
    )


# --- scoring --------------------------------------------------------------------------

# Weights of the signals; a signal missing from both sentences drops out.
_LEXICAL_WEIGHT = 0.6
_NAME_WEIGHT = 0.2
_NUMBER_WEIGHT = 0.1
_QUOTE_WEIGHT = 0.1
# Names on both sides together at which the name signal gets its full weight.
_FULL_NAME_EVIDENCE = 4
# Within the lexical signal: the share of stem overlap (the rest is the edit ratio),
# and the edit ratio two unrelated sentences reach anyway.
_STEM_SHARE = 0.7
# The edit ratio reads at most this much of the sorted words: its cost is the product
# of the two lengths, and the stem overlap already covers what lies beyond.
_MAX_EDIT_CHARS = 1000
_EDIT_FLOOR = 0.4

# Spelling similarity (Indel ratio) above which two names are taken for one respelled:
# Maroto/Malotto 0.77, Blinken/Brinken 0.86. Short names need more, so that Iran and
# Iraq (0.75) stay apart.
_NAME_MATCH = 0.74
_SHORT_NAME_MATCH = 0.8
_SHORT_NAME_CHARS = 5
# Names in both sentences together up to which respellings are searched fuzzily.
_FUZZY_NAMES = 24


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


_VOWELS = str.maketrans("", "", "aeiouy")
_PREFIX_CHARS = 4


@lru_cache(maxsize=65536)
def _skeleton(name: str) -> str:
    """The name's first letter and following consonants, doubled letters once
    ("saeed" and "said" -> "sd"); "" for names too short to compare this way."""
    if len(name) < 3:
        return ""
    rest = name[1:].translate(_VOWELS)
    skeleton = name[0] + "".join(c for n, c in enumerate(rest) if n == 0 or rest[n - 1] != c)
    return skeleton if len(skeleton) >= 2 else ""


def _spelling_cutoff(name: str) -> float:
    return _SHORT_NAME_MATCH if len(name) <= _SHORT_NAME_CHARS else _NAME_MATCH


def _is_prefix_pair(a: str, b: str) -> bool:
    """Khatibzad / Khatibzadeh, Iraq / Iraqi: one name starts the other."""
    return min(len(a), len(b)) >= _PREFIX_CHARS and (a.startswith(b) or b.startswith(a))


def names_match(a: str, b: str) -> bool:
    """Whether two folded names are one name respelled (Blinken / Brinken)."""
    if a == b or _is_prefix_pair(a, b):
        return True
    if _skeleton(a) and _skeleton(a) == _skeleton(b):
        return True  # vowels transliterated differently: Saeed / Said, Hussein / Husain
    cutoff = _spelling_cutoff(min(a, b, key=len))
    return Indel.normalized_similarity(a, b, score_cutoff=cutoff) >= cutoff


def _has_prefix_pair(name: str, theirs: SentenceFeatures) -> bool:
    """Whether one of their names starts with this one or this one starts with one of
    theirs (Khatibzad / Khatibzadeh): a look-up in their sorted names, not a scan."""
    if len(name) < _PREFIX_CHARS:
        return False
    ordered = theirs.sorted_names
    at = bisect.bisect_left(ordered, name)
    if at < len(ordered) and ordered[at].startswith(name):
        return True
    names = theirs.name_set
    return any(name[:k] in names for k in range(_PREFIX_CHARS, len(name)))


def _name_overlap(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Share of the names of both sentences found, maybe respelled, in the other.

    The same rules as `names_match`, arranged so that exact and skeleton matches are
    set look-ups and the spelling comparison runs in rapidfuzz's C loop. A name also
    counts as found when the other sentence has the word uncapitalised (an editor's
    lower-case paste, "Colonel" / "colonel").
    """
    found = 0
    # Respellings are looked for among the names of a news sentence; two sentences
    # naming dozens each are a list or scraped junk, where exact matches say enough
    # and a fuzzy comparison of every name with every other would cost the most.
    fuzzy = len(a.names) + len(b.names) <= _FUZZY_NAMES
    for mine, theirs in ((a, b), (b, a)):
        for name in mine.names:
            if (
                name in theirs.word_set
                or _skeleton(name) in theirs.skeletons
                or (name[:_PREFIX_CHARS] in theirs.name_heads and _has_prefix_pair(name, theirs))
                or fuzzy
                and process.extractOne(
                    name,
                    theirs.names,
                    scorer=Indel.normalized_similarity,
                    score_cutoff=_spelling_cutoff(name),
                )
            ):
                found += 1
    return found / (len(a.names) + len(b.names))


def lexical_similarity(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """The word-level part of the score: stem overlap and order-blind edit ratio.

    Sentences without content words ("He said so.", "2021.") are compared on the
    words they have, so that such a sentence still scores 1 against itself.
    """
    if a.stems or b.stems:
        overlap = _dice(a.stems, b.stems)
        left, right = a.sorted_words, b.sorted_words
    else:
        words_a = frozenset(a.content) or a.word_set
        words_b = frozenset(b.content) or b.word_set
        overlap = _dice(words_a, words_b)
        left, right = " ".join(sorted(words_a)), " ".join(sorted(words_b))
    # Unrelated English sentences already share about 40% of their letters in order;
    # only what lies above that floor is evidence.
    edit = Indel.normalized_similarity(left[:_MAX_EDIT_CHARS], right[:_MAX_EDIT_CHARS])
    edit_above_floor = max(0.0, (edit - _EDIT_FLOOR) / (1.0 - _EDIT_FLOOR))
    return _STEM_SHARE * overlap + (1.0 - _STEM_SHARE) * edit_above_floor


def features_similarity(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """The similarity of two sentences from their features, in 0..1."""
    if not a.word_set or not b.word_set:
        return 0.0
    total = _LEXICAL_WEIGHT * lexical_similarity(a, b)
    weight = _LEXICAL_WEIGHT
    if a.names or b.names:
        # One shared "US" says little; four names that pair up say a lot.
        name_weight = _NAME_WEIGHT * min(1.0, (len(a.names) + len(b.names)) / _FULL_NAME_EVIDENCE)
        total += name_weight * _name_overlap(a, b)
        weight += name_weight
    if a.numbers or b.numbers:
        total += _NUMBER_WEIGHT * (_dice(a.numbers, b.numbers))
        weight += _NUMBER_WEIGHT
    if a.quoted and b.quoted:
        # A quote turned into reported speech is common; only compare two quotes.
        total += _QUOTE_WEIGHT * Indel.normalized_similarity(a.quoted, b.quoted)
        weight += _QUOTE_WEIGHT
    return min(1.0, total / weight)


def sentence_similarity(a: str, b: str) -> float:
    """How alike two sentences (or joined runs of sentences) are, in 0..1.

    1.0 for the same sentence however it is quoted, cased or punctuated; about 0.4-0.9
    for a retranslation of it; mostly below 0.3 for other sentences on the same story.
    """
    return features_similarity(sentence_features(a), sentence_features(b))


def similarity_matrix(sources: Sequence[str], targets: Sequence[str]) -> list[list[float]]:
    """`sentence_similarity` of every source against every target, features read once.

    For small sets (a unit an editor split, a paragraph); the aligner scores only
    the candidate pairs it needs.
    """
    source_features = [sentence_features(t) for t in sources]
    target_features = [sentence_features(t) for t in targets]
    return [[features_similarity(a, b) for b in target_features] for a in source_features]
