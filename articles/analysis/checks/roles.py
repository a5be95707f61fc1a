"""Role reversals: the same words, but who did what to whom has changed.

"The prize was awarded to Lund by Ortiz" / "… to Ortiz by Lund", "born in Tromsø,
raised in Bergen" / "born in Bergen, raised in Tromsø", "Lund beat Ortiz" / "Ortiz beat
Lund": every word survives, so no other check sees a change. What changed is which
slot each word fills. A *slot* is read from the words around an item (a name, a
number or a content word that occurs once on each side):

* the word that governs it on the left ("to", "by", "born in", "beat"), the start of
  the clause standing for the subject position;
* the word after it ("Lund beat", "Ortiz said");
* the nearest other item in the same clause ("Seneca County in 1824").

Two items *exchanged* their slots when each fills, on the other side, the slot the
other filled: that is a reversal. Reorderings that carry a phrase whole ("born in
1943 in Oakland" / "born in Oakland in 1943"), a list read in another order ("Lund
and Ortiz" / "Ortiz and Lund": coordinators and punctuation are never slots), and a
change of voice ("Lund beat Ortiz" / "Ortiz was beaten by Lund") exchange nothing.
Voice is read too: the subject of a passive verb and the object of the active one are
the same role, and so are the active subject and the "by" agent, so "Lund beat Ortiz"
/ "Lund was beaten by Ortiz" is a reversal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..types import Suggestion
from .lexicon import FUNCTION_WORDS, SENTENCE_STARTERS, words
from .meaning import meaning_suggestion
from .text import TextFacts, Token, facts_of, stem

# Never a slot: what joins items rather than placing them.
_COORDINATORS = words("and or nor & plus as well , ; ( ) — – - with versus vs v against")
_DROPPED = words("the a an")
_BE = words("is are was were be been being")
# "A is B" and "B is A" say the same: a form of "be" places nothing.
_BE_SLOTS = frozenset(stem(w) for w in _BE)
START, END, PUNCT = "<start>", "<end>", "<punct>"
# Ordinals place things as numbers do ("the first floor" / "the second floor").
_ORDINALS = words("first second third fourth fifth sixth seventh eighth ninth tenth last")
# A pronoun stands for a name said elsewhere: never a slot of its own.
_PRONOUNS = words("he she it they him her them his its their we us our i me my you your")
# Who said what is the attribution checks' business; "said" is no item here.
_SPEECH = words("said say says told tell tells stated added adds")


# A named tuple, not a frozen dataclass: every name, number and content word of a side
# is one, and a frozen dataclass pays one object.__setattr__ a field to build it.
class Item(NamedTuple):
    key: str
    kind: str  # "name", "number" or "word"
    first: int  # token indices
    last: int


@dataclass(frozen=True, slots=True)
class _Side:
    facts: TextFacts
    items: dict[str, Item]  # items occurring once, by key
    has_by: bool

    @property
    def slots(self) -> dict[str, tuple[str, ...]]:
        """key -> (left word, right word, left item, right item), read when needed."""
        return _slots_of(self.facts.text)


@lru_cache(maxsize=65536)
def _kind_of(text: str, low: str, sentence_initial: bool) -> str | None:
    if text[:1].isdigit() or low in _ORDINALS:
        return "number"
    if text[:1].isupper() and not (
        sentence_initial and (low in FUNCTION_WORDS or low in SENTENCE_STARTERS)
    ):
        return "name" if low not in FUNCTION_WORDS else None
    if low in FUNCTION_WORDS or low in _SPEECH or len(low) < 3 or not low.isalpha():
        return None
    if low.endswith("ly"):
        return None  # an adverb goes where the style puts it ("released digitally")
    return "word"


@lru_cache(maxsize=4096)
def _items_of(text: str) -> tuple[Item, ...]:
    """The items of one side, read once for the side, its slots and its clauses."""
    return tuple(_items(facts_of(text)))


def _items(facts: TextFacts) -> list[Item]:
    """Items in order: runs of capitalised words as one name, numbers, content words."""
    tokens = facts.tokens
    # Each token's kind once: a name's run looks at the kind of the token after it.
    kinds = [_kind_of(t.text, t.lower, t.sentence_initial) for t in tokens]
    found: list[Item] = []
    i = 0
    count = len(tokens)
    while i < count:
        kind = kinds[i]
        if kind is None:
            i += 1
            continue
        j = i
        if kind == "name":
            while j + 1 < count and kinds[j + 1] == "name" and not _punctuated(facts, j + 1):
                j += 1
            key = " ".join(t.lower for t in tokens[i : j + 1])
        else:
            key = tokens[i].lower if kind == "number" else stem(tokens[i].lower)
        found.append(Item(key, kind, i, j))
        i = j + 1
    return found


# Character sets, not patterns: these gaps are read for every pair of neighbouring
# tokens, and most are one space.
_PUNCTUATION = frozenset(",;:()[]—–\"“”'`")
_CLAUSE_PUNCTUATION = frozenset(",;:()")
_STRONG_PUNCTUATION = frozenset(";:()")


def _gap(facts: TextFacts, a: int, b: int) -> str:
    if b == a + 1:
        return facts.gaps[b]
    return facts.text[facts.tokens[a].end : facts.tokens[b].start]


def _punctuated(facts: TextFacts, b: int) -> bool:
    """Whether punctuation separates token b from the token before it."""
    gap = facts.gaps[b]
    return not _PUNCTUATION.isdisjoint(gap) or " - " in gap


def _word(facts: TextFacts, index: int) -> str:
    if index < 0:
        return START
    if index >= len(facts.tokens):
        return PUNCT
    return stem(facts.tokens[index].lower)


def _left_word(facts: TextFacts, index: int) -> str:
    """The word that governs the token on its left: articles skipped, punctuation or
    the start of the text a slot of its own."""
    i = index - 1
    while i >= 0:
        if _punctuated(facts, i + 1):
            return PUNCT
        if facts.tokens[i].lower not in _DROPPED:
            return _word(facts, i)
        i -= 1
    return START


def _right_word(facts: TextFacts, index: int) -> str:
    """The word after the token; the end of its sentence is a slot of its own ("…, a
    son, Cai Mao."), other punctuation is not."""
    j = index + 1
    last = j >= len(facts.tokens)
    rest = facts.text[facts.tokens[index].end :] if last else facts.gaps[j]
    at_end = last or facts.tokens[j].sentence_initial
    if at_end and rest.strip(" \"”’'`)") in (".", "!", "?", ""):
        return END
    if last or _punctuated(facts, j):
        return PUNCT
    return _word(facts, j)


_IRREGULAR_PARTICIPLES = words(
    """beaten born borne bought brought built caught chosen done drawn driven eaten
    fallen fought found given gone grown held hit hurt kept known laid led left lost
    made meant met paid put read run said seen sent set shot shown sold spent struck
    taken taught thought told thrown understood won written"""
)


def _is_participle(token: Token) -> bool:
    low = token.lower
    return (low.endswith("ed") and len(low) >= 4) or low in _IRREGULAR_PARTICIPLES


def _verb_key(word: str) -> str:
    """What "beat", "beats", "beaten" and "beating" share: enough to tell one verb
    from another in a sentence, without a dictionary of inflections."""
    return word[:4]


@dataclass(frozen=True, slots=True)
class Clause:
    """A verb with the names around it in its clause, and whether it is passive."""

    verb: str
    before: frozenset[str]  # the names before the verb (its subject)
    after: frozenset[str]  # the names after it (its object, or the agent after "by")
    passive: bool

    @property
    def agent(self) -> frozenset[str]:
        return self.after if self.passive else self.before

    @property
    def patient(self) -> frozenset[str]:
        return self.before if self.passive else self.after


_VOICE_WINDOW = 6  # words between a verb and the names it governs


def _clauses(facts: TextFacts, found: list[Item]) -> list[Clause]:
    """Each word item read as a verb between the names of its clause; passive when a
    form of "be" comes before it or "by" introduces the agent after it ("the council,
    which is headed by Lund", "the council headed by Lund")."""
    tokens = facts.tokens
    clauses = []
    for n, item in enumerate(found):
        if item.kind != "word" or item.first != item.last:
            continue
        i = item.first
        # Items are in text order, each at least one word: those within the window
        # are among the nearest _VOICE_WINDOW on either side.
        before = frozenset(
            m.key
            for m in found[max(0, n - _VOICE_WINDOW) : n]
            if m.kind != "word" and i - m.last <= _VOICE_WINDOW and not _broken(facts, m.last, i)
        )
        if not before:
            continue
        after_items = [
            m
            for m in found[n + 1 : n + 1 + _VOICE_WINDOW]
            if m.kind != "word" and m.first - i <= _VOICE_WINDOW and not _broken(facts, i, m.first)
        ]
        # The agent: a name after "by" ("was sued in a court by Lenz"). Without a form
        # of "be" before the verb, only "by" right after it makes it passive ("the
        # council headed by Weiss"); "raised prices by 24%" is active.
        by = [
            m
            for m in after_items
            if m.kind == "name"
            and any(tokens[k].lower == "by" for k in range(i + 1, m.first))
            and tokens[m.first - 1].lower in ("by", "the")
        ]
        reduced = i + 1 < len(tokens) and tokens[i + 1].lower == "by"
        passive = _is_participle(tokens[i]) and (_be_before(tokens, i) or reduced)
        if passive and not by:
            continue  # "is bordered to the north of Mitcham": no agent, no roles to read
        after = frozenset(m.key for m in (by if passive else after_items))
        if before and after:
            clauses.append(Clause(_verb_key(tokens[i].lower), before, after, passive))
    return clauses


def _broken(facts: TextFacts, a: int, b: int) -> bool:
    return not _STRONG_PUNCTUATION.isdisjoint(_gap(facts, a, b)) or not _CLAUSE_OPENERS.isdisjoint(
        facts.lowers[a + 1 : b]
    )


_CLAUSE_OPENERS = words("while whereas although though because since when after before if")


def _be_before(tokens: tuple[Token, ...], i: int) -> bool:
    for k in (i - 1, i - 2):
        if k >= 0 and tokens[k].lower in _BE:
            return True
        if k >= 0 and not tokens[k].lower.endswith("ly"):
            return False
    return False


@lru_cache(maxsize=4096)
def _once_of(text: str) -> frozenset[str]:
    """The keys of the items that occur once in a text: only those can fill a slot."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for item in _items_of(text):
        (repeated if item.key in seen else seen).add(item.key)
    return frozenset(seen - repeated)


def _side(facts: TextFacts) -> _Side:
    found = _items_of(facts.text)
    once = _once_of(facts.text)
    items = {item.key: item for item in found if item.key in once}
    # Voice is read only where a passive can be: a side with "by" in it. A side
    # without one has active clauses only, which matter only against a passive.
    return _Side(facts, items, "by" in facts.lowers)


@lru_cache(maxsize=4096)
def _slots_of(text: str) -> dict[str, tuple[str, ...]]:
    facts = facts_of(text)
    found = _items_of(text)
    once = _once_of(text)
    slots: dict[str, tuple[str, ...]] = {}
    for n, item in enumerate(found):
        if item.key not in once:
            continue
        left_item = ""
        if n and _placed_by(facts, found[n - 1], item):
            left_item = found[n - 1].key
        right_item = ""
        if n + 1 < len(found) and _placed_by(facts, item, found[n + 1]):
            right_item = found[n + 1].key
        slots[item.key] = (
            _left_word(facts, item.first),
            _right_word(facts, item.last),
            left_item,
            right_item,
        )
    return slots


def _placed_by(facts: TextFacts, first: Item, second: Item) -> bool:
    """Whether two neighbouring items place each other: in the same clause, or two
    names joined by one comma ("Falun, Sweden")."""
    if not _clause_break(facts, first.last, second.first):
        return True
    gap = facts.text[facts.tokens[first.last].end : facts.tokens[second.first].start]
    if not (first.kind == second.kind == "name" and gap.strip() == ","):
        return False
    # Not two members of a list ("Lund, Oslo and Bergen"): nothing joins on either side.
    tokens, text = facts.tokens, facts.text
    before = text[tokens[first.first - 1].end : tokens[first.first].start] if first.first else ""
    after_end = tokens[second.last + 1].start if second.last + 1 < len(tokens) else len(text)
    after = text[tokens[second.last].end : after_end]
    joined = {tokens[k].lower for k in (first.first - 1, second.last + 1) if 0 <= k < len(tokens)}
    return "," not in before and "," not in after and not joined & _COORDINATORS


def _clause_break(facts: TextFacts, a: int, b: int) -> bool:
    """Whether two items are too far apart to place each other: another clause, more
    than three words between them, or a coordinator ("Lund and Ortiz" are a list)."""
    if b - a > 4 or not _CLAUSE_PUNCTUATION.isdisjoint(_gap(facts, a, b)):
        return True
    return not _COORDINATORS.isdisjoint(facts.lowers[a + 1 : b])


@lru_cache(maxsize=1024)
def _clauses_of(text: str) -> tuple[Clause, ...]:
    facts = facts_of(text)
    return tuple(_clauses(facts, list(_items_of(text))))


@lru_cache(maxsize=4096)
def _side_of(text: str) -> _Side:
    return _side(facts_of(text))


def _is_slot(value: str, x: str, y: str) -> bool:
    return (
        bool(value)
        and value not in (PUNCT, x, y)
        and value not in _COORDINATORS
        and value not in _PRONOUNS
    )


# Items compared per unit: a sentence holds a few dozen; hundreds are a list or scraped
# junk, and pairing them would cost the square of their number.
_MAX_SHARED_ITEMS = 120


def exchanges(source: TextFacts, target: TextFacts) -> list[tuple[Item, Item, Item, Item, int]]:
    """Pairs of items that exchanged a slot: (x and y in the source, x and y in the
    target, which slot)."""
    if source.lowers == target.lowers:
        return []
    src, tgt = _side_of(source.text), _side_of(target.text)
    # Names and numbers first: a word that merely sits next to two exchanged names
    # exchanged its neighbours too, as a consequence, not as a change of its own.
    shared = sorted(
        (k for k in src.items if k in tgt.items), key=lambda k: src.items[k].kind == "word"
    )[:_MAX_SHARED_ITEMS]
    found: list[tuple[Item, Item, Item, Item, int]] = []
    seen: set[str] = set()
    for x, y, reversed_ in _voice_changes(src, tgt):
        if x in src.items and y in src.items and x in tgt.items and y in tgt.items:
            seen.update((x, y))  # their slots moved with the voice; only roles count
            if reversed_:
                found.append((src.items[x], src.items[y], tgt.items[x], tgt.items[y], 4))
    # Two items can only have exchanged places if their order differs between the
    # sides: when every shared item keeps its order, there is nothing more to read.
    by_source = sorted(shared, key=lambda k: src.items[k].first)
    positions = [tgt.items[k].first for k in by_source]
    if all(a < b for a, b in zip(positions, positions[1:], strict=False)):
        return found
    order = {k: n for n, k in enumerate(shared)}
    # For each slot, the items of the source by what fills it: y can have exchanged
    # with x only if y's source slot is x's target slot.
    holders: list[dict[str, list[str]]] = [{}, {}, {}, {}]
    src_slots, tgt_slots = src.slots, tgt.slots
    for key in shared:
        for slot, value in enumerate(src_slots[key]):
            holders[slot].setdefault(value, []).append(key)
    for a, x in enumerate(shared):
        kind = src.items[x].kind
        candidates = {y for slot in range(4) for y in holders[slot].get(tgt_slots[x][slot], ())}
        for y in sorted((y for y in candidates if order[y] > a), key=order.__getitem__):
            if src.items[y].kind != kind or x in seen or y in seen:
                continue
            for slot in range(4):
                sx, sy = src_slots[x][slot], src_slots[y][slot]
                tx, ty = tgt_slots[x][slot], tgt_slots[y][slot]
                if sx in seen or sy in seen:
                    continue
                crossed = (src.items[x].first < src.items[y].first) != (
                    tgt.items[x].first < tgt.items[y].first
                )
                if not crossed:
                    break
                if {sx, sy} & _BE_SLOTS and {sx, sy} & {START, END}:
                    continue  # "A is B" / "B is A": the copula names one thing twice
                if sx == ty and sy == tx and sx != sy and _is_slot(sx, x, y) and _is_slot(sy, x, y):
                    found.append((src.items[x], src.items[y], tgt.items[x], tgt.items[y], slot))
                    seen.update((x, y))
                    break
    return found


def _voice_changes(src: _Side, tgt: _Side) -> list[tuple[str, str, bool]]:
    """Verbs passive on one side and active on the other: (agent, patient, whether
    the retranslation gives the roles the other way round)."""
    changes: list[tuple[str, str, bool]] = []
    if not (src.has_by or tgt.has_by):
        return changes  # no agent after "by" on either side: no passive to compare
    for a in _clauses_of(src.facts.text):
        for b in _clauses_of(tgt.facts.text):
            if a.verb != b.verb or a.passive == b.passive:
                continue
            # Sorted: the first pair is reported, and a set's order changes with the
            # interpreter's hash seed, which made the result differ from run to run.
            kept = [
                (x, y)
                for x in sorted(a.agent & b.agent)
                for y in sorted(a.patient & b.patient)
                if x != y
            ]
            swapped = [
                (x, y)
                for x in sorted(a.agent & b.patient)
                for y in sorted(a.patient & b.agent)
                if x != y
            ]
            if kept and not swapped:
                changes.append((*kept[0], False))
            elif swapped and not kept:
                changes.append((*swapped[0], True))
    return changes


class RoleCheck:
    """factual.meaning: two names, numbers or words exchanged their roles."""

    rules = ("role.reversed",)

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        found = []
        for sx, sy, tx, ty, _slot in exchanges(source, target):
            s_span = _stretch(source, sx, sy)
            t_span = _stretch(target, tx, ty)
            x = _surface(source, sx)
            y = _surface(source, sy)
            found.append(
                meaning_suggestion(
                    s_span,
                    t_span,
                    f'"{x}" and "{y}" have exchanged their roles: each now stands where '
                    "the other stood in the source.",
                    "role.reversed",
                )
            )
        return found


def _surface(facts: TextFacts, item: Item) -> str:
    return facts.text[facts.tokens[item.first].start : facts.tokens[item.last].end]


def _stretch(facts: TextFacts, a: Item, b: Item) -> str:
    first, last = sorted((a, b), key=lambda i: i.first)
    return facts.text[facts.tokens[first.first].start : facts.tokens[max(a.last, b.last)].end]
