"""Which units the step view steps through and the overview lists.

Two independent choices, both carried in the address so that a filtered view can be
bookmarked and survives every action:

* `show`: all units, those not reviewed yet, those with open suggestions, the flagged.
* a flag filter by `category`, `severity` and `rule`: only units holding a suggestion or
  a confirmed flag (not a dismissed one) that matches every criterion given, and on
  them only the matching suggestions.

Values are checked (`parse_scope`): an address with a value newsdrift does not know is
refused with the reason (the views answer 400), never silently widened to "all".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from articles.analysis.categories import CATEGORY_CODES, SEVERITIES

from .errors import ReviewError

SHOW_CHOICES: dict[str, str] = {
    "all": "All units",
    "unreviewed": "Not reviewed",
    "suggested": "With open suggestions",
    "flagged": "Flagged",
}
RULE_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.:\-]{0,63}")
FILTER_KEYS = ("category", "severity", "rule")


class BadFilter(ReviewError):
    """A filter value in the address that newsdrift does not know."""


@dataclass(frozen=True, slots=True)
class Scope:
    show: str = "all"
    category: str = ""
    severity: str = ""
    rule: str = ""
    # Positions of the units holding a matching flag (None: no flag filter).
    positions: frozenset[int] | None = None

    @property
    def flag_filtered(self) -> bool:
        return bool(self.category or self.severity or self.rule)

    def matches_flag(self, flag) -> bool:
        """Whether a flag (anything with category, severity and rule) passes."""
        return (
            (not self.category or flag.category == self.category)
            and (not self.severity or flag.severity == self.severity)
            and (not self.rule or flag.rule == self.rule)
        )

    def matches(self, mark) -> bool:
        """Whether a unit's mark (reading.UnitMark) is one the view steps through."""
        if self.positions is not None and mark.position not in self.positions:
            return False
        return mark.matches(self.show)

    def params(self) -> dict[str, str]:
        """The address's query parameters for this scope (defaults left out)."""
        values = {"show": self.show if self.show != "all" else ""}
        values.update({key: getattr(self, key) for key in FILTER_KEYS})
        return {key: value for key, value in values.items() if value}

    def with_positions(self, flags: Iterable) -> Scope:
        """This scope knowing which units match, from (position, flag) pairs."""
        if not self.flag_filtered:
            return self
        matching = frozenset(position for position, flag in flags if self.matches_flag(flag))
        return Scope(self.show, self.category, self.severity, self.rule, matching)


# What the step view's action forms call the flag filters they carry back. Not the
# address's names: the add-flag and edit-flag forms have fields of their own called
# `category` and `severity`, which a filter of the same name would take for one (a flag
# added as a pronoun change filtered the view to pronoun changes).
FORM_FILTER_FIELDS = {
    "category": "filter_category",
    "severity": "filter_severity",
    "rule": "filter_rule",
}


def scope_of_form(params: Mapping[str, str]) -> Scope:
    """The scope an action's form carries (`show` and the FORM_FILTER_FIELDS), with
    unknown values dropped: the action is not refused for a filter it does not need."""
    named = {"show": params.get("show") or ""}
    named |= {name: params.get(field) or "" for name, field in FORM_FILTER_FIELDS.items()}
    return parse_scope(named, strict=False)


def parse_scope(params: Mapping[str, str], *, strict: bool = True) -> Scope:
    """The scope of a request's parameters; BadFilter names a value that is not known.

    With `strict` off (the hidden fields of an action's form) an unknown value is
    dropped instead: the action is not refused for a filter it does not need.
    """
    show = params.get("show") or "all"
    category = params.get("category") or ""
    severity = params.get("severity") or ""
    rule = params.get("rule") or ""
    problems = []
    if show not in SHOW_CHOICES:
        problems.append(("show", f"show: “{show}” is not one of {', '.join(SHOW_CHOICES)}"))
    if category and category not in CATEGORY_CODES:
        problems.append(("category", f"category: “{category}” is not a known category"))
    if severity and severity not in SEVERITIES:
        problems.append(("severity", f"severity: “{severity}” is not minor, major or critical"))
    if rule and not RULE_PATTERN.fullmatch(rule):
        problems.append(("rule", f"rule: “{rule[:80]}” is not the name of an analysis rule"))
    if problems and strict:
        raise BadFilter(problems[0][1])
    bad = {name for name, _ in problems}
    return Scope(
        show="all" if "show" in bad else show,
        category="" if "category" in bad else category,
        severity="" if "severity" in bad else severity,
        rule="" if "rule" in bad else rule,
    )
