"""Names: a person, organisation or place spelled differently, or replaced.

A name is a capitalised word that is not a function word (and, at the start of a
sentence, not an ordinary sentence starter). Names are compared through a key that
ignores what transliteration varies freely — case, accents, dots ("U.S."), hyphens and
spaces ("Deir ez-Zor" / "Deir Ezzor"), a leading Arabic article ("Al-Omar" / "Omar") and
doubled letters — and through a curated alias table (ISIS / Islamic State, Tehran for
Iran, Washington for the United States). What is left unmatched on both sides is
paired by spelling similarity: that is a respelling (Maroto / Malotto).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from ..categories import MAJOR, MINOR
from ..types import Suggestion
from .lexicon import (
    ALIASES,
    DEMONYMS,
    FREELY_DOUBLED,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    KNOWN_PLACES,
    LOCATIVES,
    OUTLETS,
    SENTENCE_STARTERS,
    TITLES,
    words,
)
from .text import TextFacts, Token, facts_of, fold

_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ez|ed|es|adh|ul)[-\s]", re.IGNORECASE)
_NOT_KEY = re.compile(r"[^a-z0-9]")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")
_MAX_KEYS = 60


# A named tuple, not a frozen dataclass: a text makes one a name word, and a frozen
# dataclass pays one object.__setattr__ a field to build it.
class Mention(NamedTuple):
    """One name word as it appears in a text."""

    surface: str
    key: str
    start: int
    end: int
    token_index: int
    sentence_initial: bool
    previous: str  # the word before it, lower case ("" at the start)
    written: str  # the key with a leading article kept ("Al-Omar" -> "alomar")


def name_key(surface: str, *, strip_article: bool = True) -> str:
    """The spelling-insensitive key of a name word or phrase ("Al-Omar" -> "omar")."""
    return _key(surface) if strip_article else written_key(surface)


@lru_cache(maxsize=65536)
def _key(surface: str) -> str:
    return _key_of(surface, strip_article=True)


@lru_cache(maxsize=65536)
def written_key(surface: str) -> str:
    """`name_key` with a leading article kept ("Al-Omar" -> "alomar")."""
    return _key_of(surface, strip_article=False)


def _key_of(surface: str, *, strip_article: bool) -> str:
    text = fold(surface)
    if text.endswith("'s"):
        text = text[:-2]
    if strip_article:
        text = _ARTICLE.sub("", text)
    # Most keys are already plain letters (fold gave them in lower case): nothing to cut.
    if not (text.isascii() and text.isalnum()):
        text = _NOT_KEY.sub("", text)
    if _DOUBLED.search(text):
        text = _DOUBLED.sub(_first_of_run, text)
    return DEMONYMS.get(text, text)


def _first_of_run(match: re.Match) -> str:
    return match.group(1)


# Regular demonym endings and what to cut: Brazil-ian, Australia-n, Korea-n, Iraq-i,
# Japan-ese, Turk-ish. Irregular ones are in lexicon.DEMONYMS.
_DEMONYM_ENDINGS = (("ian", 3), ("an", 1), ("an", 2), ("i", 1), ("ese", 3), ("ish", 3))


_NO_ROOTS: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def demonym_roots(key: str) -> frozenset[str]:
    """The places a demonym-looking key may name ("brazilian" -> "brazil"); empty for
    short keys, whose endings are more often part of the name."""
    if len(key) < 6:
        return _NO_ROOTS
    return frozenset(key[:-cut] for ending, cut in _DEMONYM_ENDINGS if key.endswith(ending))


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or ("-" in word and any(p[:1].isupper() for p in word.split("-")[1:]))


def _parts(token: Token) -> list[tuple[str, int, int]]:
    """The name-bearing parts of a token: "Iraqi-Iranian" is two, "Iran-backed" one,
    "al-Shuhada" and "ez-Zor" one (an Arabic article stays with its name)."""
    if "-" not in token.text or _ARTICLE.match(token.text):
        return [(token.text, token.start, token.end)]
    parts, offset, pending = [], token.start, ""
    for piece in token.text.split("-"):
        start = offset
        offset += len(piece) + 1
        if pending:
            parts.append((pending + "-" + piece, start - len(pending) - 1, offset - 1))
            pending = ""
        elif _ARTICLE.match(piece + "-"):
            pending = piece
        elif piece[:1].isupper():
            parts.append((piece, start, offset - 1))
    return parts


def mentions(facts: TextFacts) -> list[Mention]:
    """The name words of a text, in order."""
    return list(_mentions_of(facts.text))


@lru_cache(maxsize=8192)
def _mentions_of(text: str) -> tuple[Mention, ...]:
    facts = facts_of(text)
    found: list[Mention] = []
    tokens = facts.tokens
    for i, token in enumerate(tokens):
        word = token.text
        if not word[:1].isupper() and "-" not in word:
            continue  # most words: not a name, and no hyphen to hide one behind
        if not word[:1].isalpha() or not _is_capitalised(word):
            continue
        lower = token.lower.removesuffix("'s")
        shouting = word.isupper() and len(word) >= 2
        if not shouting and (lower in FUNCTION_WORDS or lower in OUTLETS):
            continue
        if token.sentence_initial and lower in SENTENCE_STARTERS:
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or not following.text[:1].isupper():
                continue
            if following.lower in FUNCTION_WORDS or following.lower in SENTENCE_STARTERS:
                continue
        previous = tokens[i - 1].lower if i else ""
        for surface, start, end in _parts(token):
            key = _key(surface)
            part_shouting = surface.isupper() and len(surface) >= 2
            if key and (key not in FUNCTION_WORDS or part_shouting):
                found.append(
                    Mention(
                        surface,
                        key,
                        start,
                        end,
                        i,
                        token.sentence_initial,
                        previous,
                        written_key(surface),
                    )
                )
    return tuple(found)


def _runs(found: list[Mention]) -> list[list[int]]:
    """Indices of mentions grouped into runs of adjacent name words ("World Health
    Organization"); the parts of one hyphenated word stay in one run."""
    runs: list[list[int]] = []
    for n, m in enumerate(found):
        if runs and m.token_index - found[runs[-1][-1]].token_index <= 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def _acronym(found: list[Mention], run: list[int]) -> str:
    """The initials of a run of three or more capitalised words ("who" for "World Health
    Organization"), or "" for shorter runs, whose initials say little."""
    words = [found[n].surface for n in run if found[n].surface[:1].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 3 else ""


def side_keys(found: list[Mention]) -> set[str]:
    """Every key under which a side's names can be found: each word (with and without
    its article), each pair of adjacent words joined, the initials of longer names
    ("WHO"), and their alias groups."""
    keys: set[str] = set()
    for n, m in enumerate(found):
        keys.add(m.key)
        keys.add(m.written)
        roots = demonym_roots(m.key)
        if roots:
            keys |= roots
        if n + 1 < len(found) and found[n + 1].token_index - m.token_index <= 1:
            keys.add(written_key(m.surface + found[n + 1].surface))
    keys |= {f"alias:{ALIASES[k]}" for k in list(keys) if k in ALIASES}
    # Initials and all-capital words are kept apart, so that they only ever meet each
    # other: "WHO" answers "World Health Organization", never another run of words
    # that happens to share its initials.
    for run in _runs(found):
        acronym = _acronym(found, run)
        if acronym:
            keys.add(f"initials:{acronym}")
    keys |= {f"capitals:{m.key}" for m in found if m.surface.isupper() and len(m.key) >= 2}
    return keys


def _found_in(n: int, found: list[Mention], keys: set[str] | frozenset[str]) -> bool:
    m = found[n]
    candidates = [m.key, m.written, *demonym_roots(m.key)]
    for other in (n - 1, n + 1):
        if 0 <= other < len(found) and abs(found[other].token_index - m.token_index) <= 1:
            first, second = sorted((n, other))
            joined = found[first].surface + found[second].surface
            candidates.append(written_key(joined))
    for key in candidates:
        if key in keys or (key in ALIASES and f"alias:{ALIASES[key]}" in keys):
            return True
    return False


def unmatched(found: list[Mention], other_keys: set[str] | frozenset[str]) -> list[Mention]:
    """The mentions of one side that the other side does not contain in any form: as a
    word, joined with a neighbour, by alias, or as the initials of its whole name."""
    spelled_out: set[int] = set()
    for run in _runs(found):
        acronym = _acronym(found, run)
        if acronym and f"capitals:{acronym}" in other_keys:
            spelled_out.update(run)
    for n, m in enumerate(found):
        if m.surface.isupper() and f"initials:{m.key}" in other_keys:
            spelled_out.add(n)
    return [
        m
        for n, m in enumerate(found)
        if n not in spelled_out and not _found_in(n, found, other_keys)
    ]


def is_respelling(a: str, b: str) -> bool:
    """Whether two different name keys read as one name spelled two ways."""
    if a == b or len(a) < 3 or len(b) < 3:
        return False
    if a in KNOWN_PLACES and b in KNOWN_PLACES:
        return False  # Iran and Iraq are two countries
    if a in demonym_roots(b) or b in demonym_roots(a):
        return False  # Brazil and Brazilian are one country
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(short) >= 5:
        return True  # truncated: Khatibzadeh / Khatibzad
    score = ratio(a, b)
    if score >= 75:
        return Levenshtein.distance(a, b) <= max(2, len(long_) // 3)
    return score >= 60 and a[0] == b[0] and a[-1] == b[-1] and min(len(a), len(b)) >= 4


# What a name gains without becoming another: a plural or possessive without its
# apostrophe (Sunni / Sunnis, O'Neill / ONeills), an -ed adjective (Armor / Armored), a
# final h (Falluja / Fallujah).
_INFLECTIONS = ("s", "es", "ed", "h")
# AP abbreviations of US states, which a name is often cut to: "Colo." / "Colorado".
_STATE_ABBREVIATIONS = words(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss
    mo mont neb nev okla ore pa tenn vt va wash wis wyo"""
)


def same_name_inflected(a: str, b: str) -> bool:
    """Whether two keys are one name, one of them inflected or abbreviated."""
    short, long_ = sorted((a, b), key=len)
    if not long_.startswith(short):
        return False
    return long_[len(short) :] in _INFLECTIONS or short in _STATE_ABBREVIATIONS


def vowels_only(a: str, b: str) -> bool:
    """Whether two keys differ only in their vowels (Saeed / Said, Sayyid / Sayyed),
    the commonest transliteration variance: worth confirming, but minor."""
    return _VOWELS.sub("", a) == _VOWELS.sub("", b)


@dataclass(frozen=True, slots=True)
class NamePair:
    source: Mention
    target: Mention


def respelled_pairs(source: TextFacts, target: TextFacts) -> list[NamePair]:
    """The names spelled one way in the source and another in the target, one pair per
    distinct spelling."""
    src_left = _first_of_each_key(unmatched_mentions(source, target))
    tgt_left = _first_of_each_key(unmatched_mentions(target, source))
    pairs: list[NamePair] = []
    used: set[str] = set()
    for s in src_left:
        best, best_score = None, 0.0
        for t in tgt_left:
            if same_name_inflected(s.key, t.key):
                used.add(t.key)  # the same name: neither is left to pair
                best = None
                break
            if t.key not in used and is_respelling(s.key, t.key):
                score = ratio(s.key, t.key)
                if score > best_score:
                    best, best_score = t, score
        if best is not None:
            used.add(best.key)
            pairs.append(NamePair(s, best))
    return pairs


def _spelled(mention: Mention) -> str:
    """A mention's key with its doubled letters kept ("Webber" -> "webber")."""
    text = fold(mention.surface).removesuffix("'s")
    return _NOT_KEY.sub("", _ARTICLE.sub("", text))


def doubled_pairs(source: TextFacts, target: TextFacts) -> list[NamePair]:
    """Names that differ only by a doubled consonant (Weber / Webber), which the key
    reads as one name: one pair per key, when the source does not also have the
    retranslation's spelling. Transliterations whose doubling varies freely
    (lexicon.FREELY_DOUBLED: Mohammed / Mohamed) are left alone."""
    s_found, t_found = mentions(source), mentions(target)
    if not s_found or not t_found:
        return []
    t_spelled: dict[str, dict[str, Mention]] = {}
    for m in t_found:
        t_spelled.setdefault(m.key, {}).setdefault(_spelled(m), m)
    s_spellings = {_spelled(m) for m in s_found}
    pairs: list[NamePair] = []
    done: set[str] = set()
    for m in s_found:
        if m.key in done or len(m.key) < 3 or m.key in INSTITUTION_WORDS:
            continue
        others = t_spelled.get(m.key)
        spelled = _spelled(m)
        if not others or spelled in others:
            continue  # not on the other side, or spelled the same way there
        if any(o in s_spellings for o in others):
            continue  # the source also spells it the retranslation's way
        other = next((t for o, t in others.items() if _consonant_doubled(spelled, o)), None)
        if other is not None:
            done.add(m.key)
            pairs.append(NamePair(m, other))
    return pairs


def _consonant_doubled(a: str, b: str) -> bool:
    """Whether two spellings differ only in a consonant between two vowels written once
    or doubled (Weber / Webber, Kenedy / Kennedy): there the doubling is how a name is
    spelled, and another spelling is another name. One key also joins a demonym and its
    country (British / UK); a doubled vowel is a transliteration's (Jemaah / Jemah); a
    doubling next to another consonant varies within one name as often as not
    (Hoffmann / Hoffman, Eichhorn / Eichorn): none of these is flagged."""
    runs_a = [(c, len(list(g))) for c, g in groupby(a)]
    runs_b = [(c, len(list(g))) for c, g in groupby(b)]
    letters = [c for c, _ in runs_a]
    if letters != [c for c, _ in runs_b]:
        return False
    differ = [
        n for n, ((_, na), (_, nb)) in enumerate(zip(runs_a, runs_b, strict=True)) if na != nb
    ]
    if not differ or "".join(letters) in FREELY_DOUBLED:
        return False
    return all(
        0 < n < len(letters) - 1
        and not _VOWELS.match(letters[n])
        and _VOWELS.match(letters[n - 1])
        and _VOWELS.match(letters[n + 1])
        for n in differ
    )


def unmatched_mentions(facts: TextFacts, other: TextFacts) -> list[Mention]:
    """The mentions of `facts` that `other` lacks in every spelling and alias."""
    return list(_unmatched_of(facts.text, other.text))


@lru_cache(maxsize=4096)
def keys_of(text: str) -> frozenset[str]:
    """`side_keys` of a text's mentions (cached: several checks ask for them)."""
    return frozenset(side_keys(list(_mentions_of(text))))


@lru_cache(maxsize=4096)
def _unmatched_of(text: str, other_text: str) -> tuple[Mention, ...]:
    return tuple(unmatched(list(_mentions_of(text)), set(keys_of(other_text))))


def _first_of_each_key(found: list[Mention]) -> list[Mention]:
    """One mention per key, institution words left out, at most _MAX_KEYS of them
    (a sentence pair names a few
    people and places, and pairing is quadratic, so a unit with hundreds of distinct
    capitalised words (scraped junk) is not worth reading whole."""
    firsts: dict[str, Mention] = {}
    for m in found:
        if m.key in INSTITUTION_WORDS:
            continue  # "Ministry" / "Minister" is not a respelled name
        if m.key not in firsts:
            firsts[m.key] = m
            if len(firsts) == _MAX_KEYS:
                break
    return list(firsts.values())


def replaced_pairs(source: TextFacts, target: TextFacts) -> list[NamePair]:
    """Names replaced by a different name in the same slot: after the same title
    ("President X") or the same locative preposition ("in X"). Anything looser would
    pair names that merely moved between clauses."""
    src_left = _first_of_each_key(unmatched_mentions(source, target))
    tgt_left = _first_of_each_key(unmatched_mentions(target, source))
    pairs: list[NamePair] = []
    used: set[int] = set()
    for s in src_left:
        if s.previous not in TITLES and s.previous not in LOCATIVES:
            continue
        for n, t in enumerate(tgt_left):
            if n in used or t.previous != s.previous or is_respelling(s.key, t.key):
                continue
            used.add(n)
            pairs.append(NamePair(s, t))
            break
    return pairs


class NameCheck:
    """factual.name / factual.place: a name respelled or replaced by another."""

    rules = ("name.respelled", "name.variant", "name.replaced", "place.replaced")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        found: list[Suggestion] = []
        for pair in respelled_pairs(source, target):
            s, t = pair.source.surface, pair.target.surface
            minor = vowels_only(pair.source.key, pair.target.key)
            found.append(
                Suggestion(
                    "factual.name",
                    MINOR if minor else MAJOR,
                    s,
                    t,
                    f'Name spelled "{s}" in the source, "{t}" in the retranslation'
                    + (" (vowels only: possibly a transliteration variant)." if minor else "."),
                    "name.variant" if minor else "name.respelled",
                )
            )
        for pair in doubled_pairs(source, target):
            s, t = pair.source.surface, pair.target.surface
            found.append(
                Suggestion(
                    "factual.name",
                    MINOR,
                    s,
                    t,
                    f'Name spelled "{s}" in the source, "{t}" in the retranslation (a doubled '
                    "letter: possibly a variant spelling of the same name).",
                    "name.variant",
                )
            )
        for pair in replaced_pairs(source, target):
            s, t = pair.source.surface, pair.target.surface
            place = pair.source.previous in LOCATIVES
            found.append(
                Suggestion(
                    "factual.place" if place else "factual.name",
                    MAJOR,
                    _with_previous_word(source, pair.source) if place else s,
                    _with_previous_word(target, pair.target) if place else t,
                    f'"{s}" in the source is "{t}" in the retranslation.',
                    "place.replaced" if place else "name.replaced",
                )
            )
        return found


def _with_previous_word(facts: TextFacts, mention: Mention) -> str:
    """The mention with the word before it, as written ("in Tripoli")."""
    previous = facts.tokens[mention.token_index - 1]
    return facts.text[previous.start : mention.end]
