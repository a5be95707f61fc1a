"""Pronouns: he / she / they referring to another gender or number.

"She vowed revenge" becoming "They vowed to retaliate" gives the action to someone
else. Pronouns are counted per class (masculine, feminine, plural); a class that lost
pronouns while another gained some is a flip. "It" is left out: organisations are
"it" in one style and "they" in another, and expletive "it" is everywhere. A pronoun
replaced by a name (or the reverse) changes no class count, so it is not flagged.
"""

from __future__ import annotations

from ..categories import MAJOR
from ..types import Suggestion
from .text import TextFacts, Token

_CLASSES = {
    "he": "masculine", "him": "masculine", "his": "masculine", "himself": "masculine",
    "she": "feminine", "her": "feminine", "hers": "feminine", "herself": "feminine",
    "they": "plural", "them": "plural", "their": "plural", "theirs": "plural",
    "themselves": "plural",
}  # fmt: skip
_DESCRIPTIONS = {"masculine": "a man", "feminine": "a woman", "plural": "several people"}


def pronouns_by_class(facts: TextFacts) -> dict[str, list[Token]]:
    found: dict[str, list[Token]] = {}
    for token in facts.tokens:
        # Pronouns inside a quotation belong to the speaker's voice, not the report's.
        if token.lower in _CLASSES and not token.quoted:
            found.setdefault(_CLASSES[token.lower], []).append(token)
    return found


class PronounCheck:
    """attribution.pronoun: a pronoun of one class replaced by one of another."""

    rules = ("pronoun.changed",)

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]:
        src, tgt = pronouns_by_class(source), pronouns_by_class(target)
        lost = {c: src[c][len(tgt.get(c, [])) :] for c in src if len(src[c]) > len(tgt.get(c, []))}
        gained = {
            c: tgt[c][len(src.get(c, [])) :] for c in tgt if len(tgt[c]) > len(src.get(c, []))
        }
        found = []
        for s_class, s_tokens in lost.items():
            for t_class, t_tokens in gained.items():
                if t_class == s_class or not s_tokens or not t_tokens:
                    continue
                s, t = s_tokens.pop(0), t_tokens.pop(0)
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
