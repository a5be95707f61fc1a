"""Text normalisation shared by the similarity and the aligner.

Retranslated text differs from its source in ways that are not drift: letter case,
accents, the shape of quote marks and dashes, "U.S." / "US" / "United States",
"Deir ez-Zor" / "Deir Ezzor", "five" / "5", "strikes" / "strike", "hurt" /
"injured". Everything here maps such variants onto one form so that the comparison
only sees what changed. English only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTE_TRANSLATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‟": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "`": "'",
        "´": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)

# Spellings of the same country or body, replaced before case is folded so that the
# pronoun "us" is not taken for the United States. One group per canonical name; the
# group's name is the replacement.
_ALIAS = re.compile(
    r"(?P<USA>\bU\.S\.A\.?|\bU\.S\.(?!\w)|\bUnited States(?: of America)?\b|\bUSA?\b)"
    r"|(?P<UN>\bU\.N\.(?!\w)|\bUnited Nations\b|\bUN\b)"
    r"|(?P<UK>\bU\.K\.(?!\w)|\bUnited Kingdom\b|\bUK\b)"
    r"|(?P<EU>\bE\.U\.(?!\w)|\bEuropean Union\b|\bEU\b)"
)

# Arabic articles written with a hyphen or run together: "Deir ez-Zor" = "Deir Ezzor",
# "al-Shuhada" = "alShuhada". The hyphen is dropped; other hyphens separate words.
_PARTICLE_HYPHEN = re.compile(r"\b(al|el|ez|es|ed|ad|ar|as|ash|at|az|ul|ibn|bin|abu)-", re.I)
_POSSESSIVE = re.compile(r"'s\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_WORD = re.compile(r"[^\W_]+")
_CAPITALISED = re.compile(r"[^\W\d_][^\W_]*")
_QUOTED = re.compile(r'"([^"]{1,2000})"')


def _split(text: str) -> list[str]:
    return text.split()


_CARDINALS = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
_ORDINALS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth"
# Number words and ordinals read as figures: "five drone attacks" = "5 drone attacks",
# "the second time" = "the 2nd time". "one" is left out: far more often a pronoun
# ("no one", "one of them") than a count.
_NUMBER_WORDS = {
    w: str(n)
    for words in (_CARDINALS, _ORDINALS)
    for n, w in enumerate(_split(words))
    if w != "one"
}
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")

STOPWORDS = frozenset(
    _split(
        """a an the and or but nor so yet for of to in on at by with from into onto over under
    about above after against along among around as before behind below between beyond
    during except inside near off out outside since than through throughout till toward
    towards until upon via within without is are was were be been being am has have had
    having do does did doing will would shall should can could may might must i me my we
    our ours us you your he him his she her hers it its they them their theirs this that
    these those there here who whom whose which what when where why how not no also
    just only very too more most such then than both each either neither all any some
    own same other another said says say told tells stated states according one ones
    nobody anyone someone everyone"""
    )
)

_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ingly",
    "edly",
    "ing",
    "ies",
    "ied",
    "es",
    "ed",
    "ly",
    "s",
)
_STEM_CHARS = 5

# Words retranslation swaps for one another in news copy. Each class is read as its
# first word, so "hurt", "injured" and "wounded" overlap.
_SYNONYM_CLASSES = (
    "injured hurt wounded",
    "killed died dead death deaths",
    "rockets missiles projectiles shells",
    "attack attacks strike strikes raid assault",
    "troops forces soldiers military militaries army personnel",
    "militia militias faction factions group groups",
    "condemned denounced criticised criticized",
    "retaliation revenge retaliate retaliatory reprisal",
    "stated announced declared reported",
    "government administration authorities",
    "casualties victims",
    "statement communique",
    "spokesman spokeswoman spokesperson",
    "country nation",
    "region area",
)


def _alias_replacement(match: re.Match[str]) -> str:
    return f" {match.lastgroup} "


def canonical_text(text: str) -> str:
    """Unicode-normalised text with one shape of quote, dash and country name.

    Case is kept: names are told apart from other words by their capital.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_TRANSLATION)
    text = _ALIAS.sub(_alias_replacement, text)
    return _PARTICLE_HYPHEN.sub(r"\1", text)


def alias_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every spelling of a country or body in `text` ("U.S.", "United
    States"): the stretches `canonical_text` replaces by one name, for callers that keep
    the text's own offsets (the word diff)."""
    return [m.span() for m in _ALIAS.finditer(text.translate(_QUOTE_TRANSLATION))]


def fold(text: str) -> str:
    """Casefolded text without diacritics (Saïd = Said)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _number_token(raw: str) -> str:
    if _THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    return raw.replace(",", ".")


def words_of(canonical: str) -> list[str]:
    """Folded word tokens, numbers in one canonical form, possessives dropped."""
    folded = _POSSESSIVE.sub("", fold(canonical)).replace("'", "")
    folded = _ORDINAL_SUFFIX.sub("", folded)
    words: list[str] = []
    position = 0
    for match in _NUMBER.finditer(folded):
        words += _WORD.findall(folded, position, match.start())
        words.append(_number_token(match.group()))
        position = match.end()
    words += _WORD.findall(folded, position)
    return [_NUMBER_WORDS.get(w, w) for w in words]


def normalise_for_match(text: str) -> str:
    """Text reduced to folded words for comparison: case, accents, quote shapes,
    punctuation and "U.S."/"US"/"United States" no longer tell texts apart.

    >>> normalise_for_match("“U.S. troops,” he said — in Deir ez-Zor.")
    'usa troops he said in deir ezzor'
    """
    return " ".join(words_of(canonical_text(text)))


def _crude_stem(word: str) -> str:
    """A crude stem: enough to pair "strikes"/"strike", "attacked"/"attacks"."""
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    return word[:_STEM_CHARS]


_SYNONYM_STEMS = {
    _crude_stem(word): _crude_stem(words.split()[0])
    for words in _SYNONYM_CLASSES
    for word in words.split()
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of a word, with synonyms sharing one."""
    base = _crude_stem(word)
    return _SYNONYM_STEMS.get(base, base)


def is_number(word: str) -> bool:
    """Whether a token of `words_of` is a figure."""
    return word[0].isdigit()


def capitalised_names(canonical: str) -> list[str]:
    """Folded capitalised words, leaving out a capitalised function word opening it."""
    words = _CAPITALISED.findall(_POSSESSIVE.sub("", canonical))
    names = [fold(w) for w in words if w[0].isupper()]
    if names and words[0][0].isupper() and names[0] in STOPWORDS:
        del names[0]
    return names


def quoted_passages(canonical: str) -> list[str]:
    """The texts inside straight double quotes of `canonical_text` output."""
    return _QUOTED.findall(canonical)
