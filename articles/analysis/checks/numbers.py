"""Numbers and dates: digits, amounts, percentages, counts in words, months, weekdays,
years, and plural against singular where that changes a count.

Each side is read into a list of quantities (kind, value); the quantities the two
sides share cancel out, and what is left is compared kind by kind. A number present on
one side only is flagged minor (it may have moved to a neighbouring sentence); a number
replaced by another is critical: it is a different fact.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..categories import CRITICAL, MAJOR, MINOR
from ..types import Suggestion
from .lexicon import FUNCTION_WORDS, words
from .text import TextFacts, Token, span_text, stem

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "both": 2, "neither": 2, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "twice": 2, "thrice": 3,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "bln": 1_000_000_000,
}  # fmt: skip
# A scale written onto the figure: "$36.9bn", "$5m", "20k".
_SCALED_FIGURE = re.compile(
    r"(?:us|a|c|nz|hk)?(\d+(?:\.\d+)?)(bn|mn|m|k|km|kg|cm|mm|mph|ft|lb|lbs)?"
)
_SUFFIX_SCALES = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
# Units written onto a figure ("1km", "117kg"): the figure, counting that unit.
_GLUED_UNITS = frozenset({"km", "kg", "cm", "mm", "mph", "ft", "lb", "lbs"})
_CURRENCY_CODE = re.compile(r"(?:us|a|c|nz|hk)\d")
_CODE_INITIALS = frozenset("uacnh")  # tested first: the pattern is tried on every word
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday")
_RELATIVE_DAYS = words("today yesterday tomorrow tonight")
_DEFINITE = words("the these those its their his her our")
_VAGUE = words("several multiple some many numerous dozens hundreds thousands few various")
# Vague words that still give an order of magnitude: "hundreds" is not "thousands".
_MAGNITUDES = {"dozens": 1, "hundreds": 2, "thousands": 3, "millions": 4}
_PERCENT = words("percent percentage pct")
_TIME_WORDS = words("a.m am p.m pm gmt utc edt est bst cet o'clock")

# Qualifiers that make a count a bound or an estimate: "at least five" is not "five".
_LOWER_BOUND = ("at least", "more than", "over", "upwards of", "no fewer than", "at minimum")
_UPPER_BOUND = ("up to", "fewer than", "less than", "under", "nearly", "almost", "at most")
_ESTIMATE = ("about", "around", "approximately", "roughly", "some", "an estimated")

# Countable nouns of news events whose grammatical number is a count: "strikes" and
# "a strike" are a different number of events. Synonyms share a group, because a
# retranslation freely turns a missile into a rocket.
_COUNTABLE = {
    "strike": "attack", "attack": "attack", "raid": "attack", "bombing": "attack",
    "airstrike": "attack", "missile": "missile", "rocket": "missile", "shell": "shell",
    "drone": "drone", "explosion": "blast", "blast": "blast", "bomb": "blast",
    "killing": "killing", "death": "death", "casualty": "casualty", "soldier": "soldier",
    "protest": "protest", "demonstration": "protest", "election": "election",
    "vote": "vote", "hostage": "hostage", "prisoner": "prisoner", "ship": "ship",
    "vessel": "ship", "aircraft": "aircraft", "plane": "aircraft", "jet": "aircraft",
}  # fmt: skip
_PLURALS = {
    "strikes": "strike", "attacks": "attack", "raids": "raid", "bombings": "bombing",
    "airstrikes": "airstrike", "missiles": "missile", "rockets": "rocket", "shells": "shell",
    "drones": "drone", "explosions": "explosion", "blasts": "blast", "bombs": "bomb",
    "killings": "killing", "deaths": "death", "casualties": "casualty",
    "soldiers": "soldier", "protests": "protest", "demonstrations": "demonstration",
    "elections": "election", "votes": "vote", "hostages": "hostage",
    "prisoners": "prisoner", "ships": "ship", "vessels": "vessel", "planes": "plane",
    "jets": "jet",
}  # fmt: skip
# A noun used as a modifier ("drone attacks", "missile fire") is not counted.
_MODIFIER_FOLLOWERS = (
    frozenset(_COUNTABLE)
    | frozenset(_PLURALS)
    | words(
        "fire attacks attack strike strikes launcher launchers defence defense systems system "
        "program programme site sites base bases"
    )
)


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: str  # number, percent, ordinal, year, month, day, time, weekday, relative, vague
    value: float | str
    tokens: tuple[Token, ...]
    qualifier: str = ""  # "lower", "upper", "estimate" or ""
    anaphoric: bool = False  # "the two men": refers back to people already counted
    counted: str = ""  # what is counted: "hour" in "five-hour", "vote" in "88,747 votes"


def _digits(word: str) -> float | None:
    cleaned = word.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        # "$36.9bn", and a currency code before the figure: "$US13.15", "A$4.56".
        scaled = _SCALED_FIGURE.fullmatch(cleaned)
        if scaled is None:
            return None
        return float(scaled[1]) * _SUFFIX_SCALES.get(scaled[2] or "", 1)


def _qualifier(lowers: list[str], i: int) -> str:
    before = " ".join(lowers[max(0, i - 3) : i])
    for kind, phrases in (("lower", _LOWER_BOUND), ("upper", _UPPER_BOUND)):
        if any(before.endswith(p) for p in phrases):
            return kind
    if any(before.endswith(p) for p in _ESTIMATE):
        return "estimate"
    return ""


# Every word a branch of `quantities` reads by name.
_QUANTITY_WORDS = frozenset(
    [*_UNITS, *_ORDINALS, *_MONTHS, *_WEEKDAYS, *_RELATIVE_DAYS, *_VAGUE, *_SCALES]
)


def quantities(facts: TextFacts) -> list[Quantity]:
    """The numbers, dates and counts of a text, in order."""
    tokens, text = facts.tokens, facts.text
    lowers = [t.lower for t in tokens]
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        token, low = tokens[i], lowers[i]
        if (
            low not in _QUANTITY_WORDS
            and not low[0].isdigit()
            and "-" not in low
            and (low[0] not in _CODE_INITIALS or not _CURRENCY_CODE.match(low))
        ):
            # Most words: no figure, no number word, no compound that could hold one,
            # so no branch below applies.
            i += 1
            continue
        value = (
            _digits(low)
            if low[:1].isdigit() or (low[0] in _CODE_INITIALS and _CURRENCY_CODE.match(low))
            else None
        )
        start = i
        if value is None and low[:1].isdigit() and "-" in low:
            # A score or range written as one word: "52-48", "2015-2016".
            parts = [_digits(p) for p in low.split("-")]
            if all(p is not None for p in parts):
                after_month = i > 0 and lowers[i - 1] in _MONTHS
                for part in parts:
                    if part.is_integer() and 1800 <= part <= 2100:
                        kind = "year"
                    else:
                        kind = "day" if after_month and part <= 31 else "number"
                    found.append(Quantity(kind, part, (token,)))
                i += 1
                continue
        if value is None and low in _UNITS and not (low == "one" and i and lowers[i - 1] == "no"):
            value = float(_UNITS[low])
            if low == "dozen":
                if i and lowers[i - 1] in ("a", "one"):
                    start = i - 1  # "a dozen" is the number, so "more than a dozen" bounds it
                else:
                    value = None
        elif value is None and "-" in low:
            head, _, tail = low.partition("-")
            head_value = _digits(head) if head[:1].isdigit() else None
            if head in _UNITS and tail in _UNITS:
                value = float(_UNITS[head] + _UNITS[tail])  # "twenty-five"
            elif (head in _UNITS or head_value is not None) and tail in _SCALES:
                # "$70-million", "three-billion": a scaled amount written as one word.
                value = float(_UNITS.get(head, head_value or 0)) * _SCALES[tail]
            elif head in _SCALES and tail in ("plus", "odd"):
                value = float(_SCALES[head])  # "million-plus": more than a million
            elif head in _UNITS or head_value is not None:
                # A count inside a compound: "five-hour talks", "a 32-year-old man".
                value = float(_UNITS[head]) if head in _UNITS else head_value
        if value is not None:
            # "80 937 hectares": a space (or a thin one) between groups of thousands.
            while (
                low.isdigit()
                and len(lowers[i]) <= 3
                and i + 1 < len(tokens)
                and len(lowers[i + 1]) == 3
                and lowers[i + 1].isdigit()
                and text[tokens[i].end : tokens[i + 1].start] in (" ", "\u00a0", "\u2009", "\u202f")
                and lowers[start - 1 : start] != ["the"]
            ):
                i += 1
                value = value * 1000 + float(lowers[i])
            while i + 1 < len(tokens) and lowers[i + 1] in _SCALES:
                i += 1
                value *= _SCALES[lowers[i]]
            after = text[tokens[i].end : tokens[i].end + 1]
            nxt = lowers[i + 1] if i + 1 < len(tokens) else ""
            per_cent = nxt == "per" and i + 2 < len(tokens) and lowers[i + 2] == "cent"
            previous = lowers[start - 1] if start else ""
            if after == "%" or nxt in _PERCENT or per_cent:
                kind = "percent"
            elif low.isdigit() and len(low) == 4 and 1800 <= value <= 2100:
                kind = "year"
            elif low.isdigit() and value <= 31 and (previous in _MONTHS or nxt in _MONTHS):
                kind = "day"  # "Aug. 28", "28 August": part of a date
            elif nxt in _TIME_WORDS or (low.isdigit() and after == ":"):
                kind = "time"  # "6 p.m.", "0335 GMT", "10:30"
            else:
                kind = "number"
            qual = _qualifier(lowers, start)
            anaphoric = start > 0 and lowers[start - 1] in _DEFINITE
            counted = _counted(facts, start, i)
            found.append(
                Quantity(kind, value, tuple(tokens[start : i + 1]), qual, anaphoric, counted)
            )
        elif low in _ORDINALS:
            found.append(Quantity("ordinal", float(_ORDINALS[low]), (token,)))
        elif (
            low in _MONTHS
            and token.text[:1].isupper()
            and (low != "may" or not token.sentence_initial)
        ):
            if len(low) > 3 or text[token.end : token.end + 1] == "." or low == "may":
                found.append(Quantity("month", float(_MONTHS[low]), (token,)))
        elif low in _WEEKDAYS:
            found.append(Quantity("weekday", low, (token,)))
        elif low in _RELATIVE_DAYS:
            found.append(Quantity("relative", low, (token,)))
        elif low in _VAGUE:
            found.append(Quantity("vague", low, (token,)))
        i += 1
    return found


_CURRENCY = "$£€¥"
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ful", "ic", "ent", "ant", "able", "ible", "ian")


def _counted(facts: TextFacts, start: int, end: int) -> str:
    """What a number counts: money after a currency sign, the tail of a compound
    ("five-hour" -> hour), else the word after it when it is not a function word
    ("36 feet", "770 dead", "88,747 votes"); "" when nothing says."""
    tokens, text = facts.tokens, facts.text
    first = tokens[start]
    if first.start and text[first.start - 1] in _CURRENCY:
        return "money"
    glued = _SCALED_FIGURE.fullmatch(tokens[end].lower.replace(",", ""))
    if glued and glued[2] in _GLUED_UNITS:
        return glued[2]
    tail = tokens[end].lower.partition("-")[2].split("-")[0]
    if tail.isalpha() and tail not in _SCALES and tail not in ("plus", "odd"):
        return stem(tail)
    if start >= 2 and tokens[start - 1].lower == "of" and tokens[start - 2].lower.isalpha():
        # "the evacuation of 3,200 residents" counts residents; "groups of 40" (no noun
        # after the number) is the size of each group, not a count of the groups.
        noun = _noun_after(facts, end)
        if noun and noun != "percent":
            return noun
        return "of:" + stem(tokens[start - 2].lower)
    return _noun_after(facts, end)


def _noun_after(facts: TextFacts, end: int) -> str:
    """The noun a number stands before ("36 feet", "120 potential jurors"), "percent",
    or "" when no content word follows."""
    tokens, text = facts.tokens, facts.text
    if end + 1 < len(tokens):
        following = tokens[end + 1].lower
        gap = text[tokens[end].end : tokens[end + 1].start]
        if following in _PERCENT or following == "per":
            return "percent"
        if gap.strip() == "" and following.isalpha() and following not in FUNCTION_WORDS:
            # An adjective before the noun is passed over: "120 potential jurors".
            if following.endswith(_ADJECTIVE_ENDINGS) and end + 2 < len(tokens):
                after = tokens[end + 2].lower
                if after.isalpha() and after not in FUNCTION_WORDS:
                    return stem(after)
            return stem(following)
    return ""


def _can_stand_alone(q: Quantity) -> bool:
    """Whether a number present on one side only is worth a flag: "one" and "both" are
    pronouns and determiners as often as counts ("one of them", "both sides"), and "the
    two men" counts people the text has already introduced ("they" says the same)."""
    if q.anaphoric:
        return False
    return q.tokens[0].lower not in ("one", "both", "neither", "a") and q.value != 1


def _signature(q: Quantity) -> tuple[str, float | str]:
    return (q.kind, q.value)


_DATE_KINDS = frozenset({"year", "month", "weekday", "relative", "day", "time"})


class NumberCheck:
    """factual.number / factual.date: a number, count or date changed, added or lost."""

    rules = (
        "number.changed", "number.vague", "number.qualifier", "number.only_one_side",
        "number.plural", "number.magnitude", "date.changed",
    )  # fmt: skip

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src, tgt = quantities(source), quantities(target)
        found = self._qualifiers(source, target, src, tgt)
        shared = Counter(map(_signature, src)) & Counter(map(_signature, tgt))
        src_left = _left_over(src, Counter(shared))
        tgt_left = _left_over(tgt, Counter(shared))
        found.extend(_magnitudes(source, target, src_left, tgt_left))
        vague_left = [q for q in src_left if q.kind == "vague"]
        for s in [q for q in src_left if q.kind != "vague"]:
            s_text = span_text(source.text, s.tokens)
            partner = _partner(s, tgt_left)
            if partner is None:
                if s.kind in ("number", "percent") and _can_stand_alone(s):
                    found.append(
                        self._number(
                            s_text,
                            "",
                            MINOR,
                            "number.only_one_side",
                            f'"{s_text}" in the source has no counterpart in the retranslation.',
                        )
                    )
                continue
            tgt_left.remove(partner)
            t_text = span_text(target.text, partner.tokens)
            if partner.kind == "vague":
                found.append(
                    self._number(
                        s_text,
                        t_text,
                        MAJOR,
                        "number.vague",
                        f'The exact "{s_text}" became "{t_text}".',
                    )
                )
            elif s.kind in _DATE_KINDS:
                if s.kind == "relative" and partner.kind != "relative":
                    continue  # "today" next to "on Monday" is one date said two ways
                found.append(
                    Suggestion(
                        "factual.date",
                        CRITICAL,
                        s_text,
                        t_text,
                        f'Date "{s_text}" in the source, "{t_text}" in the retranslation.',
                        "date.changed",
                    )
                )
            else:
                found.append(
                    self._number(
                        s_text,
                        t_text,
                        CRITICAL,
                        "number.changed",
                        f'"{s_text}" in the source, "{t_text}" in the retranslation.',
                    )
                )
        for t in tgt_left:
            if t.kind in ("number", "percent") and _can_stand_alone(t):
                t_text = span_text(target.text, t.tokens)
                if vague_left and t.kind == "number":
                    s_text = span_text(source.text, vague_left.pop(0).tokens)
                    found.append(
                        self._number(
                            s_text,
                            t_text,
                            MAJOR,
                            "number.vague",
                            f'The vague "{s_text}" became "{t_text}".',
                        )
                    )
                    continue
                found.append(
                    self._number(
                        "",
                        t_text,
                        MINOR,
                        "number.only_one_side",
                        f'"{t_text}" appears only in the retranslation.',
                    )
                )
        found.extend(self._plurals(source, target))
        return found

    @staticmethod
    def _number(s: str, t: str, severity: str, rule: str, reason: str) -> Suggestion:
        return Suggestion("factual.number", severity, s, t, reason, rule)

    def _qualifiers(
        self, source: TextFacts, target: TextFacts, src: list[Quantity], tgt: list[Quantity]
    ) -> list[Suggestion]:
        found = []
        for s in src:
            if s.kind not in ("number", "percent"):
                continue
            same = [
                t
                for t in tgt
                if _signature(t) == _signature(s)
                and (t.counted == s.counted or not t.counted or not s.counted)
                and ("-" in t.tokens[-1].lower) == ("-" in s.tokens[-1].lower)
            ]
            if same and all(t.qualifier != s.qualifier for t in same):
                t = same[0]
                s_text = _with_qualifier(source, s)
                t_text = _with_qualifier(target, t)
                found.append(
                    self._number(
                        s_text,
                        t_text,
                        MINOR,
                        "number.qualifier",
                        f'"{s_text}" in the source, "{t_text}" in the retranslation.',
                    )
                )
        return found

    def _plurals(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src, tgt = _event_counts(source), _event_counts(target)
        found = []
        for group in set(src) | set(tgt):
            s_plural, s_single = src.get(group, ([], []))
            t_plural, t_single = tgt.get(group, ([], []))
            for more, fewer, lost in (
                ((s_plural, t_plural), (s_single, t_single), True),
                ((t_plural, s_plural), (t_single, s_single), False),
            ):
                extra_plurals = len(more[0]) - len(more[1])
                extra_singulars = len(fewer[1]) - len(fewer[0])
                if extra_plurals > 0 and extra_singulars > 0:
                    for n in range(min(extra_plurals, extra_singulars)):
                        plural, single = more[0][n], fewer[1][n]
                        s_tok, t_tok = (plural, single) if lost else (single, plural)
                        found.append(
                            Suggestion(
                                "factual.number",
                                MAJOR,
                                _noun_phrase(source, s_tok),
                                _noun_phrase(target, t_tok),
                                f'"{s_tok.text}" in the source, "{t_tok.text}" in the '
                                "retranslation: a different number of events.",
                                "number.plural",
                            )
                        )
                    break
        return found


def _magnitudes(
    source: TextFacts, target: TextFacts, src: list[Quantity], tgt: list[Quantity]
) -> list[Suggestion]:
    """ "Hundreds of protesters" against "thousands of protesters"; removes the pair."""
    s_mag = [q for q in src if q.value in _MAGNITUDES]
    t_mag = [q for q in tgt if q.value in _MAGNITUDES]
    found = []
    for s, t in zip(s_mag, t_mag, strict=False):
        src.remove(s)
        tgt.remove(t)
        s_text, t_text = span_text(source.text, s.tokens), span_text(target.text, t.tokens)
        found.append(
            Suggestion(
                "factual.number",
                MAJOR,
                s_text,
                t_text,
                f'"{s_text}" in the source, "{t_text}" in the retranslation.',
                "number.magnitude",
            )
        )
    return found


def _with_qualifier(facts: TextFacts, q: Quantity) -> str:
    if not q.qualifier:
        return span_text(facts.text, q.tokens)
    index = facts.tokens.index(q.tokens[0])
    start = max(0, index - 2 if q.qualifier != "estimate" else index - 1)
    return span_text(facts.text, facts.tokens[start : facts.tokens.index(q.tokens[-1]) + 1])


def _noun_phrase(facts: TextFacts, noun: Token) -> str:
    """The noun with the words before it that count it ("a limited strike")."""
    index = facts.tokens.index(noun)
    start = index
    for back in range(index - 1, max(-1, index - 4), -1):
        low = facts.tokens[back].lower
        if low in ("a", "an", "one", "single"):
            start = back
            break
        if low in ("the", "of", "on", "in", "by", "and", "to", "at", "for", "with"):
            break
    return span_text(facts.text, facts.tokens[start : index + 1])


def _left_over(found: list[Quantity], shared: Counter) -> list[Quantity]:
    """The quantities not cancelled by the same quantity on the other side; of two
    equal values, the one whose counted thing the other side also counts cancels
    first ("about twice the ships" / "about twice the number", not "two-term")."""
    left = []
    ranked = sorted(range(len(found)), key=lambda n: "-" in found[n].tokens[-1].lower)
    cancelled = set()
    for n in ranked:
        sig = _signature(found[n])
        if shared[sig] > 0:
            shared[sig] -= 1
            cancelled.add(n)
    left = [q for n, q in enumerate(found) if n not in cancelled]
    return left


def _partner(s: Quantity, candidates: list[Quantity]) -> Quantity | None:
    """The quantity of the other side that replaced `s`: the first of a compatible kind
    counting the same thing, else the first of a compatible kind whose counted thing
    is unknown on either side. A count of hours is never paired with a count of
    people, nor a compound count ("three-term") with a plain one ("88,747 votes")."""
    same = [t for t in candidates if s.counted and t.counted == s.counted]
    loose = [t for t in candidates if not s.counted or not t.counted]
    return _compatible(s, same) or _compatible(s, loose)


def _compatible(s: Quantity, candidates: list[Quantity]) -> Quantity | None:
    for t in candidates:
        if t.kind == s.kind and (s.kind != "ordinal"):
            return t
        if s.kind == "ordinal" and t.kind == "ordinal":
            return t
        if s.kind == "number" and t.kind == "vague" and s.value > 1:
            return t
    return None


def _event_counts(facts: TextFacts) -> dict[str, tuple[list[Token], list[Token]]]:
    """For each countable event group: the plural tokens and the singular ones."""
    counts: dict[str, tuple[list[Token], list[Token]]] = {}
    lowers = facts.lowers
    for i, low in enumerate(lowers):
        if low not in _PLURALS and low not in _COUNTABLE:
            continue  # most words: no event, and the word after it does not matter
        token = facts.tokens[i]
        following = lowers[i + 1] if i + 1 < len(lowers) else ""
        if following in _MODIFIER_FOLLOWERS:
            continue
        if low in _PLURALS:
            counts.setdefault(_COUNTABLE[_PLURALS[low]], ([], []))[0].append(token)
        elif low in _COUNTABLE:
            counts.setdefault(_COUNTABLE[low], ([], []))[1].append(token)
    return counts
