"""Pronouns: he / she / they now pointing at someone else.

"She vowed revenge" becoming "They vowed to retaliate" may give the action to someone
else. Subject pronouns (he, she, they, and the reflexives) outside quotations are
counted per class (masculine, feminine, plural); a class that lost pronouns while
another gained some is a candidate. Before it is called drift, each pronoun is read
with its referent: the subject of its own sentence before it, else of the sentence
before (in this unit or, through the context the pipeline passes, the unit before):

* a referent that is an organisation, a force or a country is not drift: languages
  give bodies "it", "they" or "she" as they please ("the Popular Mobilization Forces
  … She vowed revenge" / "the Iraqi militia … They vowed to retaliate");
* two referents that are different people or bodies mean the sentence is about
  someone else: that is the subject's change, which other checks judge, not the
  pronoun's ("Assani said he did not know" / "Prosecutors said they did not know");
* otherwise (the same person, or a referent not found) the class change is drift:
  "Psaki said …, but she advocated" / "Psaki said … . He defended".

"It" is left out (expletive "it" is everywhere), and so are possessive and object
forms ("his", "her", "them"), which far more often point at someone other than the
subject. A pronoun replaced by a name changes no class count and is never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..categories import MAJOR
from ..types import Suggestion
from .lexicon import (
    DEMONYMS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    KNOWN_PLACES,
    SENTENCE_STARTERS,
    TITLES,
    words,
)
from .names import is_respelling, name_key
from .text import TextFacts, Token, facts_of

_CLASSES = {
    "he": "masculine", "himself": "masculine",
    "she": "feminine", "herself": "feminine",
    "they": "plural", "themselves": "plural",
}  # fmt: skip
_DESCRIPTIONS = {"masculine": "a man", "feminine": "a woman", "plural": "several people"}

# Heads of a noun phrase that name a body rather than a person.
_GROUP_HEADS = INSTITUTION_WORDS - TITLES | words(
    """militia militias faction factions group groups forces brigades battalion
    police army military government administration company firm ministry council
    committee party agency organisation organization movement regime coalition alliance
    rebels insurgents militants fighters troops board court team club union bank
    network station newspaper channel"""
)
# Common nouns that name people, so that "the spokesman … he" has a referent.
_PERSON_NOUNS = TITLES | words(
    """man woman boy girl spokesman spokeswoman spokesperson official officials officer
    officers prosecutor prosecutors witness witnesses doctor doctors resident residents
    driver pilot soldier soldiers lawyer lawyers judge victim victims suspect suspects
    activist activists analyst analysts reporter reporters mother father son daughter
    wife husband brother sister child children people men women player players"""
)
_OPENING_PREPOSITIONS = words(
    "in on at after before during since following despite amid under with from for as"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])")


@dataclass(frozen=True, slots=True)
class Referent:
    key: str
    group: bool


def subject_pronouns(facts: TextFacts) -> dict[str, list[Token]]:
    found: dict[str, list[Token]] = {}
    for token in facts.tokens:
        # Pronouns inside a quotation belong to the speaker's voice, not the report's.
        if token.lower in _CLASSES and not token.quoted:
            found.setdefault(_CLASSES[token.lower], []).append(token)
    return found


def _sentence_subject(sentence: str) -> Referent | None:
    """The first noun phrase of a sentence that can be a referent, after an opening
    prepositional phrase ("In a statement, the Forces …" -> the Forces)."""
    tokens = facts_of(sentence).tokens
    start = 0
    if tokens and tokens[0].lower in _OPENING_PREPOSITIONS:
        comma = sentence.find(",")
        if 0 < comma < 80:
            start = next((n for n, t in enumerate(tokens) if t.start > comma), len(tokens))
    n = start
    while n < len(tokens):
        token = tokens[n]
        low = token.lower.removesuffix("'s").removesuffix("’s")
        capital = token.text[:1].isupper() and low not in FUNCTION_WORDS
        starter = low in SENTENCE_STARTERS and low not in _PERSON_NOUNS | _GROUP_HEADS
        if capital and n == start and starter:
            n += 1
            continue
        if capital or low in _PERSON_NOUNS or low in _GROUP_HEADS:
            run = [token]
            while n + 1 < len(tokens) and (
                tokens[n + 1].text[:1].isupper()
                or tokens[n + 1].lower in _GROUP_HEADS
                or tokens[n + 1].lower in _PERSON_NOUNS
            ):
                n += 1
                run.append(tokens[n])
            # Words before the head only describe it ("the Iraqi militia", "White
            # House press secretary Jen Psaki"): the last word is the head, and names
            # the referent.
            head = run[-1].lower.removesuffix("'s").removesuffix("’s")
            if head in DEMONYMS and len(run) == 1:
                n += 1
                continue
            key = name_key(head)
            group = head in _GROUP_HEADS or key in KNOWN_PLACES
            return Referent(key, group)
        n += 1
    return None


def referent(before: str) -> Referent | None:
    """The referent of a pronoun, given the text before it (its context first): the
    subject of the pronoun's sentence if it comes before it, else of the sentence
    before that."""
    sentences = _SENTENCE_END.split(before)
    for sentence in reversed(sentences[-2:]):
        found = _sentence_subject(sentence)
        if found is not None:
            return found
    return None


def _same_referent(a: Referent, b: Referent) -> bool:
    return a.key == b.key or is_respelling(a.key, b.key) or a.key in b.key or b.key in a.key


class PronounCheck:
    """attribution.pronoun: a pronoun of one class replaced by one of another, for the
    same referent."""

    rules = ("pronoun.changed",)
    uses_context = True

    def run(
        self, source: TextFacts, target: TextFacts, context: tuple[str, str] = ("", "")
    ) -> list[Suggestion]:
        src, tgt = subject_pronouns(source), subject_pronouns(target)
        lost = {c: src[c][len(tgt.get(c, [])) :] for c in src if len(src[c]) > len(tgt.get(c, []))}
        gained = {
            c: tgt[c][len(src.get(c, [])) :] for c in tgt if len(tgt[c]) > len(src.get(c, []))
        }
        found: list[Suggestion] = []
        for s_class, s_tokens in lost.items():
            for t_class, t_tokens in gained.items():
                if t_class == s_class or not s_tokens or not t_tokens:
                    continue
                s, t = s_tokens.pop(0), t_tokens.pop(0)
                s_ref = referent(_before(context[0], source, s))
                t_ref = referent(_before(context[1], target, t))
                if (s_ref and s_ref.group) or (t_ref and t_ref.group):
                    continue  # a body is "it", "they" or "she" as the language likes
                if s_ref and t_ref and not _same_referent(s_ref, t_ref):
                    continue  # another subject: not the pronoun's change
                found.append(
                    Suggestion(
                        "attribution.pronoun",
                        MAJOR,
                        s.text,
                        t.text,
                        f'"{s.text}" ({_DESCRIPTIONS[s_class]}) in the source is "{t.text}" '
                        f"({_DESCRIPTIONS[t_class]}) in the retranslation.",
                        "pronoun.changed",
                    )
                )
        return found


# The referent is read in the last sentence or two before a pronoun: no more text than
# this is passed on, so that a unit of thousands of pronouns stays linear.
_BEFORE_CHARS = 600


def _before(context: str, facts: TextFacts, token: Token) -> str:
    own = facts.text[max(0, token.start - _BEFORE_CHARS) : token.start]
    if len(own) < _BEFORE_CHARS:
        own = context[-(_BEFORE_CHARS - len(own)) :] + " " + own
    return own.strip()
