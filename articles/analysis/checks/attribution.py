"""Attribution: who says it (speaker) and on what authority (sourcing).

Speaker policy, to give one flag per change: a speaker whose name is merely respelled
("Maroto said" / "said Malotto") is the name check's finding and nothing more; the
speaker check fires only when the person speaking is someone else — no name of one
side's speakers matches, in any spelling, a name of the other side's.
"""

from __future__ import annotations

import re

from ..categories import MAJOR, MINOR
from ..types import Suggestion
from .lexicon import INSTITUTION_WORDS, KNOWN_PLACES, OUTLETS, words
from .names import Mention, is_respelling, mentions, name_key, unmatched_mentions
from .text import TextFacts, span_text

_SPEECH_VERBS = words(
    """said say says stated states told tells added adds announced claimed claims
    declared declares noted notes insisted insists warned warns wrote writes tweeted
    argued argues explained explains confirmed confirms"""
)
# How far before a speech verb its subject may start, in words.
_SUBJECT_WINDOW = 8

# Phrases marking an anonymous source; any one of them answers any other.
# Each pattern that is searched for a phrase says first which letters the phrase can
# start with, so that the engine passes over every other position at once.
_ANONYMITY = re.compile(
    r"\b(?=[oadrsnu])(?:on (?:the )?condition of anonymity|asked not to be (?:named|identified)|"
    r"declined to be (?:named|identified)|requested anonymity|speaking anonymously|"
    r"not authori[sz]ed to (?:speak|talk|comment)|unnamed|anonymous|"
    r"on condition (?:that )?(?:they|he|she) (?:not be|were not|was not) (?:named|identified))",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\b(?:according to|citing|cited by)\s+(?:[\w’'-]+\s*){1,5}", re.IGNORECASE)
_TOLD_OUTLET = re.compile(r"\btold\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
_GENERIC_AGENTS = words(
    """militia militias group groups faction factions organisation organization body
    movement officials official sources source authorities government"""
)
_ORGANISATION_HEADS = words(
    """forces force ministry army brigades brigade group council committee agency party
    front movement organization organisation office command guard guards corps militia
    authority department commission mobilization mobilisation"""
)


# What ends the run of words before a speech verb: a quotation mark or a sentence break.
_SPEECH_BREAKS = frozenset('”“".;:')


def speakers(facts: TextFacts) -> list[Mention]:
    """The names next to a speech verb, outside quotations: the subject before it
    ("Blinken told") or the inverted subject after it ("said Colonel Wayne Malotto")."""
    tokens = facts.tokens
    found = [m for m in mentions(facts) if not tokens[m.token_index].quoted]
    by_index: dict[int, list[Mention]] = {}
    for m in found:
        by_index.setdefault(m.token_index, []).append(m)
    chosen: list[Mention] = []
    for i, token in enumerate(tokens):
        if token.lower not in _SPEECH_VERBS or token.quoted:
            continue
        before = []
        for j in range(i - 1, max(-1, i - 1 - _SUBJECT_WINDOW), -1):
            gap = facts.text[tokens[j].end : tokens[j + 1].start]
            if tokens[j].quoted or not _SPEECH_BREAKS.isdisjoint(gap):
                break
            before.extend(by_index.get(j, []))
        after = []
        if token.lower in ("said", "says", "stated", "added") and not before:
            for j in range(i + 1, min(len(tokens), i + 5)):
                if j not in by_index:
                    break
                after.extend(by_index[j])
        chosen.extend(m for m in before + after if m.key not in INSTITUTION_WORDS)
    return chosen


def _same_person(a: list[Mention], b: list[Mention]) -> bool:
    keys_b = {m.key for m in b}
    return any(m.key in keys_b or any(is_respelling(m.key, k) for k in keys_b) for m in a)


# A relative clause that reports speech: "which it said were killed" (someone else
# says it of them) against "who said they were killed" (they say it themselves).
_RELATIVE_SPEECH = re.compile(
    r"\b(?P<rel>which|who|that|whom)\s+(?:(?P<subject>it|he|she|they|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s+)?"
    r"(?P<verb>said|says|say|claimed|claims|reported|reports)\b"
)


def _relative_speech(facts: TextFacts) -> list[re.Match]:
    return list(_RELATIVE_SPEECH.finditer(facts.text))


def _relative_speaker_changes(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    """The speaker of a relative clause changed: "which it said" (the clause's own
    subject speaks) against "who said" (the people the clause is about speak)."""
    src, tgt = _relative_speech(source), _relative_speech(target)
    found = []
    for s, t in zip(src, tgt, strict=False):
        if bool(s.group("subject")) == bool(t.group("subject")):
            continue
        s_span, t_span = _clause_words(source, s), _clause_words(target, t)
        found.append(
            Suggestion(
                "attribution.speaker",
                MAJOR,
                s_span,
                t_span,
                f'"{s_span}" in the source, "{t_span}" in the retranslation: the claim is '
                "now made by someone else.",
                "speaker.relative",
            )
        )
    return found


def _clause_words(facts: TextFacts, match: re.Match) -> str:
    """The relative clause's speech words and what they are said of, up to three words
    ("which it said were killed", "who said they were killed")."""
    after = [t for t in facts.tokens if t.start >= match.end()][
        : 2 if match.group("subject") else 3
    ]
    end = after[-1].end if after else match.end()
    return facts.text[match.start() : end]


class SpeakerCheck:
    """attribution.speaker: the words given to another person."""

    rules = ("speaker.changed", "speaker.relative")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        return _relative_speaker_changes(source, target) + self._speakers(source, target)

    def _speakers(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src, tgt = _people(speakers(source)), _people(speakers(target))
        if not src or not tgt or _same_person(src, tgt):
            return []
        # Conservative: a speaker still named anywhere on the other side (in any form,
        # alias or initials: "the World Health Organization" / "the WHO") may simply
        # have moved within the sentence; only a speaker gone from it is a swap.
        src_gone = set(unmatched_mentions(source, target))
        tgt_gone = set(unmatched_mentions(target, source))
        if not all(m in src_gone for m in src) or not all(m in tgt_gone for m in tgt):
            return []
        s_name = _full_name(source, src)
        t_name = _full_name(target, tgt)
        return [
            Suggestion(
                "attribution.speaker",
                MAJOR,
                s_name,
                t_name,
                f'Said by "{s_name}" in the source, by "{t_name}" in the retranslation.',
                "speaker.changed",
            )
        ]


def _people(found: list[Mention]) -> list[Mention]:
    """Speakers that can be a person or body: not a country alone ("Iran said" next to
    "Tehran said" is the alias table's business, not a new speaker)."""
    return [m for m in found if m.key not in KNOWN_PLACES and len(m.key) > 2]


def _full_name(facts: TextFacts, found: list[Mention]) -> str:
    """The speaker's name as written: the run of adjacent name words that ends with the
    first speaker's last word ("Khumbize Chiponda", not "Health")."""
    ordered = sorted(found, key=lambda m: m.token_index)
    first = last = ordered[0]
    for m in ordered[1:]:
        if m.token_index - last.token_index > 1:
            first = m
        last = m
        if m.token_index - ordered[0].token_index > 6:
            break
    return facts.text[first.start : last.end]


class SourceCheck:
    """attribution.source: anonymity, an outlet, "according to" or a named author
    appearing on one side only."""

    rules = (
        "source.anonymity", "source.outlet", "source.according", "source.vaguer",
        "source.closing",
    )  # fmt: skip

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        found = []
        s_anon, t_anon = _ANONYMITY.search(source.text), _ANONYMITY.search(target.text)
        if bool(s_anon) != bool(t_anon):
            s_text, t_text = (s_anon.group(), "") if s_anon else ("", t_anon.group())
            found.append(
                Suggestion(
                    "attribution.source",
                    MAJOR,
                    s_text,
                    t_text,
                    "The source's anonymity is " + ("dropped." if s_anon else "added."),
                    "source.anonymity",
                )
            )
        s_out, t_out = _outlets(source.text), _outlets(target.text)
        for phrase, key in s_out.items():
            if key not in set(t_out.values()):
                found.append(
                    Suggestion(
                        "attribution.source",
                        MINOR,
                        phrase,
                        "",
                        f'"{phrase}" is not in the retranslation.',
                        "source.outlet",
                    )
                )
        for phrase, key in t_out.items():
            if key not in set(s_out.values()):
                found.append(
                    Suggestion(
                        "attribution.source",
                        MINOR,
                        "",
                        phrase,
                        f'"{phrase}" is only in the retranslation.',
                        "source.outlet",
                    )
                )
        s_acc, t_acc = _ACCORDING.search(source.text), _ACCORDING.search(target.text)
        if bool(s_acc) != bool(t_acc):
            match = s_acc or t_acc
            phrase = match.group().strip()
            other = target if s_acc else source
            head = phrase.split()[-1].lower()
            if head not in other.lowers or head in ("the", "a"):
                found.append(
                    Suggestion(
                        "attribution.source",
                        MAJOR,
                        phrase if s_acc else "",
                        "" if s_acc else phrase,
                        f'"{phrase}" is only in the ' + ("source." if s_acc else "retranslation."),
                        "source.according",
                    )
                )
        found.extend(_vaguer_author(source, target))
        found.extend(_closing_attribution(source, target))
        return found


# Attribution appended at the end of a sentence: ", sources said.", ", the ministry
# said on Monday.", ", officials told Reuters."
_CLOSING = re.compile(
    r",\s+(?P<words>(?:[\w’'.-]+\s+){0,5}?(?:said|says|reported|reports|told|added|stated)"
    r"(?:\s+[\w’'.-]+){0,4}?)\s*[.!?]?[\"”’]*\s*$"
)
_ANY_SOURCING = re.compile(
    r"\b(?=[strac])(?:said|says|say|told|tells|reported|reports|added|stated|according to|citing|"
    r"announced|claimed|confirmed)\b",
    re.IGNORECASE,
)


# Who an appended attribution may name: unnamed sources, whose presence or absence is
# the sourcing level of the claim. A named speaker is the speaker check's business.
_UNNAMED_SOURCES = words(
    """sources source officials official police authorities witnesses residents
    diplomats analysts reports media spokesman spokeswoman spokesperson aides aide
    investigators medics doctors activists"""
)


def _closing_attribution(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    """An attribution to unnamed sources appended to a sentence ("…, sources said.")
    on one side, when the other side attributes the statement to no one at all."""
    found = []
    for facts, other, added in ((source, target, False), (target, source, True)):
        match = _CLOSING.search(facts.text)
        if match is None or _ANY_SOURCING.search(other.text):
            continue
        phrase = match.group("words").strip().rstrip(".")
        if not _UNNAMED_SOURCES & {w.lower().strip(".,") for w in phrase.split()}:
            continue
        found.append(
            Suggestion(
                "attribution.source",
                MAJOR,
                "" if added else phrase,
                phrase if added else "",
                f'The attribution "{phrase}" is '
                + (
                    "only in the retranslation: the statement now has a source."
                    if added
                    else "not in the retranslation: the statement now stands as fact."
                ),
                "source.closing",
            )
        )
    return found


def _outlets(text: str) -> dict[str, str]:
    found = {}
    for match in _TOLD_OUTLET.finditer(text):
        name = match.group(1)
        if name.split()[0].lower().strip(".") in OUTLETS:
            found[match.group()] = name_key(name.split()[0])
    return found


def _vaguer_author(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    """A named organisation of the source that the retranslation calls only by a
    generic noun ("the Popular Mobilization Forces" / "the Iraqi militia")."""
    src_names = mentions(source)
    tgt_keys = {m.key for m in mentions(target)}
    generic = [
        t for t in target.tokens if t.lower in _GENERIC_AGENTS and t.lower not in source.lowers
    ]
    if not generic:
        return []
    for n, m in enumerate(src_names):
        if m.key not in _ORGANISATION_HEADS or m.token_index == 0:
            continue
        if n + 1 < len(src_names) and src_names[n + 1].token_index == m.token_index + 1:
            continue  # not the last word of the name
        # The organisation's name: the capitalised words that run into its head word,
        # less the places that only situate it ("pro-Iranian").
        start = n
        while start > 0 and src_names[start - 1].token_index >= src_names[start].token_index - 1:
            start -= 1
        own = [
            x
            for x in src_names[start:n]
            if x.key not in _ORGANISATION_HEADS and x.key not in KNOWN_PLACES
        ]
        if not own or any(x.key in tgt_keys for x in own):
            continue
        organisation = source.text[own[0].start : m.end]
        g = generic[0]
        index = target.tokens.index(g)
        phrase = span_text(target.text, target.tokens[max(0, index - 2) : index + 1])
        return [
            Suggestion(
                "attribution.source",
                MAJOR,
                organisation,
                phrase,
                f'The named "{organisation}" of the source is only "{phrase}" in '
                "the retranslation.",
                "source.vaguer",
            )
        ]
    return []
