"""Meaning shifts that keep the sentence's shape: another weapon, another body, a label
put on people.

* `meaning.term`: a specific term replaced by a different one of the same kind —
  co-hyponyms, which a retranslation swaps as if they were synonyms: missiles /
  rockets, mortars / shells, the army / the police. A general word (attack, weapon,
  forces, officials) answers any specific one, so "missile attacks" / "the attacks" is
  not flagged here.
* `meaning.bodies`: two bodies said together become one ("the Iraqi army and
  government condemned" / "the Iraqi military condemned"): one of them no longer
  acts.
* `meaning.label`: a word that labels people by creed, sect or violence ("Sunni",
  "extremist", "terrorist", "rebel") on one side only, with no word of the same kind
  on the other. Part of a name ("Islamic State", "Islamic Jihad") is not a label.

The lists are short and curated: each entry is a distinction an editor would want
shown, and a list an editor can read is a list an editor can correct.
"""

from __future__ import annotations

from ..types import Suggestion
from .lexicon import words
from .meaning import meaning_suggestion
from .text import TextFacts, Token, span_text

# word -> (kind, concept). Words of one concept are synonyms; two concepts of one kind
# are different things.
_TERMS: dict[str, tuple[str, str]] = {}
for _kind, _concepts in {
    "weapon": (
        "missile missiles",
        "rocket rockets",
        "shell shells shelling artillery",
        "mortar mortars",
        "drone drones",
        "bomb bombs bombing bombings",
        "grenade grenades",
        "bullet bullets gunfire",
    ),
    "body": (
        "army armies military militaries troops soldiers",
        "police policemen",
        "government governments cabinet",
        "parliament parliaments congress legislature lawmakers legislators",
        "militia militias faction factions",
        "court courts judge judges",
    ),
}.items():
    for _concept in _concepts:
        for _word in _concept.split():
            _TERMS[_word] = (_kind, _concept.split()[0])

_LABELS: dict[str, str] = {}
for _kind, _words in {
    "creed": "sunni sunnis shia shiite shiites shi'ite shi'ites muslim muslims islamist "
    "islamists christian christians jewish jew jews hindu hindus catholic catholics "
    "protestant protestants",
    "extremism": "extremist extremists terrorist terrorists radical radicals jihadist "
    "jihadists fundamentalist fundamentalists hardline hardliner hardliners",
    "armed": "militant militants insurgent insurgents rebel rebels separatist separatists "
    "guerrilla guerrillas",
}.items():
    for _word in _words.split():
        _LABELS[_word] = _kind


# A body named before these is their modifier ("government forces", "army officers"):
# what acts is the head noun.
_HEADS = words(
    """forces force troops officials official officers spokesman spokeswoman sources
    source buildings building positions base bases"""
)


def _terms(facts: TextFacts) -> dict[tuple[str, str], Token]:
    found: dict[tuple[str, str], Token] = {}
    tokens, lowers = facts.tokens, facts.lowers
    for n, low in enumerate(lowers):
        entry = _TERMS.get(low)
        if entry is None or tokens[n].quoted:
            continue
        token = tokens[n]
        following = lowers[n + 1] if n + 1 < len(lowers) else ""
        if entry[0] == "body" and following in _HEADS:
            continue
        found.setdefault(entry, token)
    return found


# Nouns after which a label word qualifies a thing rather than people.
_NOT_PEOPLE = words(
    """attack attacks threat threats plot plots bombing bombings act acts financing
    funding violence activity activities offence offences offense offenses charges
    law laws list lists"""
)


def _labels(facts: TextFacts) -> list[list[Token]]:
    """Runs of adjacent label words ("Sunni extremist"), names left out."""
    tokens = facts.tokens
    runs: list[list[Token]] = []
    for n, token in enumerate(tokens):
        if token.lower not in _LABELS or token.quoted:
            continue
        following = tokens[n + 1] if n + 1 < len(tokens) else None
        if following is not None and following.lower in _NOT_PEOPLE:
            continue  # "a terrorist attack" labels an act, not people
        in_name = following is not None and following.text[:1].isupper()
        if token.text[:1].isupper() and in_name and following.lower not in _LABELS:
            continue  # part of a name: "Islamic State", "Christian Democrats"
        if runs and runs[-1][-1] is tokens[n - 1]:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


class ShiftCheck:
    """factual.meaning: a term, a body or a label that changed."""

    rules = ("meaning.term", "meaning.bodies", "meaning.label")

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        return (
            _terms_replaced(source, target)
            + _bodies(source, target)
            + _labels_changed(source, target)
        )


def _terms_replaced(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    src, tgt = _terms(source), _terms(target)
    found = []
    used: set[tuple[str, str]] = set()
    for key, s_token in src.items():
        kind, _ = key
        if key in tgt:
            continue
        other = next((k for k in tgt if k[0] == kind and k not in src and k not in used), None)
        if other is None:
            continue
        used.add(other)
        t_token = tgt[other]
        found.append(
            meaning_suggestion(
                s_token.text,
                t_token.text,
                f'"{s_token.text}" in the source is "{t_token.text}" in the retranslation: '
                f"a different {'weapon' if kind == 'weapon' else 'body'}, not a synonym.",
                "meaning.term",
            )
        )
    return found


def _coordinated_bodies(facts: TextFacts) -> list[tuple[Token, Token]]:
    """Pairs of different bodies joined by "and": "the army and government"."""
    tokens = facts.tokens
    pairs = []
    for n in range(1, len(tokens) - 1):
        if tokens[n].lower != "and":
            continue
        a, b = _TERMS.get(tokens[n - 1].lower), _TERMS.get(tokens[n + 1].lower)
        if a and b and a[0] == b[0] == "body" and a != b:
            pairs.append((tokens[n - 1], tokens[n + 1]))
    return pairs


def _bodies(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    found = []
    for a, b in (source, target), (target, source):
        other_terms = _terms(b)
        for first, second in _coordinated_bodies(a):
            kept = [t for t in (first, second) if _TERMS[t.lower] in other_terms]
            if len(kept) != 1:
                continue
            gone = second if kept[0] is first else first
            single = other_terms[_TERMS[kept[0].lower]]
            pair = span_text(a.text, [first, second])
            one = _with_modifier(b, single)
            s_span, t_span = (pair, one) if a is source else (one, pair)
            found.append(
                meaning_suggestion(
                    s_span,
                    t_span,
                    f'"{s_span}" in the source, "{t_span}" in the retranslation: '
                    f'"{gone.text}" no longer takes part.',
                    "meaning.bodies",
                )
            )
    return found


def _with_modifier(facts: TextFacts, token: Token) -> str:
    """The body with the adjective before it ("Iraqi military")."""
    index = facts.tokens.index(token)
    if index and facts.tokens[index - 1].text[:1].isupper():
        return span_text(facts.text, facts.tokens[index - 1 : index + 1])
    return token.text


def _labels_changed(source: TextFacts, target: TextFacts) -> list[Suggestion]:
    src, tgt = _labels(source), _labels(target)
    kinds = [{_LABELS[t.lower] for run in side for t in run} for side in (src, tgt)]
    found = []
    for runs, other_kinds, added in ((src, kinds[1], False), (tgt, kinds[0], True)):
        for run in runs:
            if {_LABELS[t.lower] for t in run} <= other_kinds:
                continue
            facts = target if added else source
            words = span_text(facts.text, run)
            found.append(
                meaning_suggestion(
                    "" if added else words,
                    words if added else "",
                    f'The label "{words}" is '
                    + ("only in the retranslation." if added else "not in the retranslation."),
                    "meaning.label",
                )
            )
    return found
