"""Hedges: "reportedly", "allegedly", "may have" — the reporter's distance from a claim.

A hedge lost turns a claim into a fact; a hedge added weakens a fact. Hedges are
grouped into families so that one hedge swapped for a near-synonym ("apparently" /
"seemingly") is not flagged; any hedge answering any other is left alone too, since
the distance is kept.
"""

from __future__ import annotations

from ..categories import MAJOR
from ..types import Suggestion
from .text import TextFacts, Token, span_text, stem

# Phrase (as a tuple of lower-case words) -> family.
_HEDGES: dict[tuple[str, ...], str] = {}
for _family, _phrases in {
    "apparent": "apparently|seemingly|appears to|appeared to|seems to|seemed to|appear to|apparent|"
    "it appeared|it appears|it seemed|it seems",
    "alleged": "allegedly|alleged|purportedly|purported|supposedly|claimed to",
    "reported": "reportedly|is said to|are said to|was said to|were said to",
    "believed": "is believed to|are believed to|was believed to|were believed to|"
    "is thought to|are thought to|was thought to|were thought to|suspected|"
    "is suspected of|presumably",
    "possible": "may have|might have|could have|may be|might be|possibly|probably|"
    "likely|unlikely|perhaps|potentially|may|might|could|expected to",
    # Not hedges of their own: only there to answer one. "can be appealed" answers
    # "may be appealed", "would face" answers "could face", and evidence words
    # ("initial information indicated it had veered") answer "it appeared to have".
    "ability": "can|indicated|indicates|indicate|suggested|suggests|suggest|"
    "estimated|expects|expect|believes|believe|claims|claim|alleges|allege",
}.items():
    for _phrase in _phrases.split("|"):
        _HEDGES[tuple(_phrase.split())] = _family
_FIRST_WORDS = {phrase[0] for phrase in _HEDGES}
_LONGEST = max(len(p) for p in _HEDGES)


def hedges(facts: TextFacts) -> list[tuple[str, list[Token]]]:
    """The hedges of a text: (family, tokens), in order, longest phrase first."""
    tokens = facts.tokens
    found = []
    i = 0
    while i < len(tokens):
        if tokens[i].lower in _FIRST_WORDS:
            for size in range(_LONGEST, 0, -1):
                phrase = tuple(t.lower for t in tokens[i : i + size])
                if size == 1 and not _is_modal_hedge(tokens, i):
                    continue
                if len(phrase) == size and phrase in _HEDGES:
                    negated = i and tokens[i - 1].lower in _NEGATORS
                    family = _SILENT if negated else _HEDGES[phrase]
                    found.append((family, list(tokens[i : i + size])))
                    i += size - 1
                    break
        i += 1
    return found


_MODALS = frozenset({"may", "might", "could", "can"})
_ADVERBS = frozenset({"likely", "unlikely", "probably", "possibly", "perhaps", "potentially"})
# "no apparent sign", "not expected to": a negated hedge states the absence of the
# thing, it does not distance the reporter from it.
_NEGATORS = frozenset({"no", "not", "without", "never", "nor"})
_SILENT = "ability"
_TIME_CONJUNCTIONS = frozenset(
    {"before", "until", "till", "unless", "once"}
)  # the family that answers hedges but is never reported


def _is_modal_hedge(tokens: tuple[Token, ...], i: int) -> bool:
    """A lone modal hedges only in lower case ("May" is a month) and when not negated
    ("could not agree" states an inability, not a possibility)."""
    token = tokens[i]
    if token.lower not in _MODALS:
        return True
    following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    previous = tokens[i - 2].lower if i >= 2 else ""
    # "before they could take anything": what could happen in time, not a hedge.
    if previous in _TIME_CONJUNCTIONS:
        return False
    return token.text.islower() and following not in ("not", "never", "no")


def _same_word_on(other: TextFacts, tokens: list[Token]) -> bool:
    """Whether the hedge's content word stands on the other side in another form."""
    word = max((t.lower for t in tokens), key=len)
    if len(word) < 5 or word in _MODALS or any(t.lower in _ADVERBS for t in tokens):
        return False
    root = stem(stem(word))  # "reportedly" -> "reported" -> "report"
    return any(stem(stem(t.lower)) == root for t in other.tokens)


class HedgeCheck:
    """attribution.hedge: a hedge present on one side only."""

    rules = ("hedge.lost", "hedge.added")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src, tgt = hedges(source), hedges(target)
        found = []
        # Each hedge cancels one of the same family first, then one of any family.
        for side, other, lost in ((src, tgt, True), (tgt, src, False)):
            remaining = list(other)
            unmatched = []
            for family, tokens in side:
                same = next((h for h in remaining if h[0] == family), None)
                if same is not None:
                    remaining.remove(same)
                else:
                    unmatched.append((family, tokens))
            extra = len(unmatched) - len(remaining)
            other_facts = target if lost else source
            for family, tokens in unmatched[: max(0, extra)]:
                if family == _SILENT:
                    continue  # "can" answers a "may" but is no hedge of its own
                if _same_word_on(other_facts, tokens):
                    continue  # "is expected to remain" / "expects him to continue"
                facts = source if lost else target
                words = span_text(facts.text, tokens)
                found.append(
                    Suggestion(
                        "attribution.hedge",
                        MAJOR,
                        words if lost else "",
                        "" if lost else words,
                        f'The hedge "{words}" of the '
                        + (
                            "source is missing from the retranslation: a claim now reads as fact."
                            if lost
                            else "retranslation is not in the source."
                        ),
                        "hedge.lost" if lost else "hedge.added",
                    )
                )
        return found
