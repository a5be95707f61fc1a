"""The drift checks: each reads both sides of a unit and returns suggestions.

Every check has one job and one category family; `articles.analysis.detect` runs them
in order and resolves the few overlaps between them.
"""

from __future__ import annotations

from typing import Protocol

from ..types import Suggestion
from .attribution import SourceCheck, SpeakerCheck
from .clauses import ClauseCheck
from .hedges import HedgeCheck
from .meaning import MeaningCheck
from .names import NameCheck
from .negation import NegationCheck
from .numbers import NumberCheck
from .pronouns import PronounCheck
from .quotes import QuoteCheck
from .roles import RoleCheck
from .shifts import ShiftCheck
from .text import TextFacts


class Check(Protocol):
    rules: tuple[str, ...]

    def run(self, source: TextFacts, target: TextFacts) -> list[Suggestion]: ...


ALL_CHECKS: tuple[Check, ...] = (
    NameCheck(),
    NumberCheck(),
    NegationCheck(),
    MeaningCheck(),
    RoleCheck(),
    ShiftCheck(),
    QuoteCheck(),
    SpeakerCheck(),
    SourceCheck(),
    PronounCheck(),
    HedgeCheck(),
    ClauseCheck(),
)

__all__ = [
    "ALL_CHECKS",
    "Check",
    "ClauseCheck",
    "HedgeCheck",
    "MeaningCheck",
    "NameCheck",
    "NegationCheck",
    "NumberCheck",
    "PronounCheck",
    "QuoteCheck",
    "RoleCheck",
    "ShiftCheck",
    "SourceCheck",
    "SpeakerCheck",
]
