"""What two editors' blind reviews are compared on, as plain data (no Django).

From each editor's side of a double review (a `Sheet`) come three kinds of items, each
a (label of editor A, label of editor B) pair for `kappa.agreement`:

* suggestions: each of the analysis's suggestions, accepted or dismissed;
* units: each unit, flagged or not (flagged = a suggestion on it accepted, or a flag
  of the editor's own added);
* categories: for each unit and each category either editor flagged anywhere in the
  comparison, whether the editor flagged the unit with it (yes/no). Per category, the
  same pairs limited to that category.

The categories taken are only those one of the two used in the comparison: counting
every category of the taxonomy would add thousands of "neither flagged it" items and
make any two editors look alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACCEPT, DISMISS = "accept", "dismiss"
FLAGGED, NOT_FLAGGED = "flagged", "not flagged"
YES, NO = "yes", "no"


@dataclass(frozen=True, slots=True)
class Suggestion:
    pk: int
    unit: int
    category: str


@dataclass
class Sheet:
    """One editor's decisions: suggestion id -> accept/dismiss, unit id -> categories
    of their own flags."""

    decisions: dict[int, str] = field(default_factory=dict)
    own: dict[int, set[str]] = field(default_factory=dict)

    def categories(self, unit: int, suggestions: list[Suggestion]) -> set[str]:
        """The categories the editor flagged the unit with."""
        accepted = {s.category for s in suggestions if self.decisions.get(s.pk) == ACCEPT}
        return accepted | self.own.get(unit, set())


@dataclass
class Items:
    suggestions: list[tuple[str, str]] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)
    by_category: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def extend(self, other: Items) -> None:
        self.suggestions += other.suggestions
        self.units += other.units
        self.categories += other.categories
        for code, pairs in other.by_category.items():
            self.by_category.setdefault(code, []).extend(pairs)


def paired_items(units: list[int], suggestions: list[Suggestion], a: Sheet, b: Sheet) -> Items:
    """The items of one comparison reviewed by editors A and B.

    A suggestion one of them left undecided is not an item (a finished blind review
    has none: every unit marked reviewed has every suggestion decided)."""
    on_unit: dict[int, list[Suggestion]] = {u: [] for u in units}
    for s in suggestions:
        on_unit.setdefault(s.unit, []).append(s)
    items = Items()
    for s in suggestions:
        if s.pk in a.decisions and s.pk in b.decisions:
            items.suggestions.append((a.decisions[s.pk], b.decisions[s.pk]))
    flagged = {u: (a.categories(u, on_unit[u]), b.categories(u, on_unit[u])) for u in on_unit}
    used = sorted(set().union(*(cats_a | cats_b for cats_a, cats_b in flagged.values())))
    for unit in units:
        cats_a, cats_b = flagged[unit]
        items.units.append((FLAGGED if cats_a else NOT_FLAGGED, FLAGGED if cats_b else NOT_FLAGGED))
        for code in used:
            pair = (YES if code in cats_a else NO, YES if code in cats_b else NO)
            items.categories.append(pair)
            items.by_category.setdefault(code, []).append(pair)
    return items
