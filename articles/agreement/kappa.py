"""Agreement between two raters: raw agreement and Cohen's kappa (plain Python).

Each item was given one label by each of two raters; the input is the list of
(label of rater A, label of rater B) pairs.

    p_o = share of items both raters labelled the same (raw agreement)
    p_e = sum over labels L of  P_A(L) * P_B(L)   (agreement expected by chance, from
          each rater's own label shares)
    kappa = (p_o - p_e) / (1 - p_e)

Kappa is *undefined* when p_e = 1: both raters gave every item one and the same label
(then p_o = 1 too, and the formula is 0/0). newsdrift shows "n/a" then, never a number:
the raters agree completely but there was nothing to disagree about, so the figure
says nothing about their consistency. With no items at all both figures are None.

No Django here: the agreement page and its tests use it directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

# p_e this close to 1 counts as 1: floating sums of shares are not exact.
EPSILON = 1e-12


@dataclass(frozen=True, slots=True)
class Agreement:
    """The figures for one set of items."""

    items: int
    agreed: int
    observed: float | None  # p_o, None without items
    expected: float | None  # p_e, None without items
    kappa: float | None  # None without items or when p_e = 1 (undefined)

    @property
    def kappa_undefined(self) -> bool:
        """There were items, but every one got the same single label from both."""
        return self.items > 0 and self.kappa is None


def agreement(pairs: Iterable[tuple[Hashable, Hashable]]) -> Agreement:
    """Raw agreement and Cohen's kappa of (rater A, rater B) label pairs."""
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        return Agreement(0, 0, None, None, None)
    agreed = sum(1 for a, b in pairs if a == b)
    shares_a = Counter(a for a, _ in pairs)
    shares_b = Counter(b for _, b in pairs)
    observed = agreed / n
    expected = sum(shares_a[label] * shares_b.get(label, 0) for label in shares_a) / (n * n)
    if expected >= 1 - EPSILON:
        return Agreement(n, agreed, observed, 1.0, None)
    return Agreement(n, agreed, observed, expected, (observed - expected) / (1 - expected))


def combine(*parts: Iterable[tuple[Hashable, Hashable]]) -> Agreement:
    """Agreement over several item lists pooled into one (e.g. across comparisons):
    kappa of the pooled pairs, not an average of kappas."""
    return agreement(pair for part in parts for pair in part)
