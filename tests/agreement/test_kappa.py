"""Cohen's kappa against examples worked by hand (no database)."""

from __future__ import annotations

import pytest

from articles.agreement.kappa import agreement, combine


def pairs(counts: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    return [pair for pair, n in counts.items() for _ in range(n)]


def test_it_matches_the_textbook_example_of_fifty_grant_proposals():
    # Two readers, 50 proposals: both yes 20, both no 15, A yes B no 5, A no B yes 10.
    # p_o = 35/50 = 0.70. A says yes to 25/50 = 0.5, B to 30/50 = 0.6.
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50; kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40.
    result = agreement(
        pairs({("yes", "yes"): 20, ("no", "no"): 15, ("yes", "no"): 5, ("no", "yes"): 10})
    )
    assert (result.items, result.agreed) == (50, 35)
    assert result.observed == pytest.approx(0.70)
    assert result.expected == pytest.approx(0.50)
    assert result.kappa == pytest.approx(0.40)


def test_it_works_out_three_labels_by_hand():
    # 10 units: A = a a a a b b b c c c, B = a a a b b b c c c a.
    # Positions 1-3 a/a, 4 a/b, 5-6 b/b, 7 b/c, 8-9 c/c, 10 c/a: agreed 3 + 2 + 2 = 7,
    # so p_o = 0.7.
    # A: a 4, b 3, c 3. B: a 4, b 3, c 3. p_e = (16 + 9 + 9) / 100 = 0.34.
    # kappa = (0.7 - 0.34) / 0.66 = 0.5454…
    a = list("aaaabbbccc")
    b = list("aaabbbccca")
    result = agreement(zip(a, b, strict=True))
    assert result.agreed == 7
    assert result.observed == pytest.approx(0.7)
    assert result.expected == pytest.approx(0.34)
    assert result.kappa == pytest.approx(0.36 / 0.66)


def test_it_gives_one_for_perfect_agreement_with_both_labels_used():
    result = agreement([("accept", "accept"), ("dismiss", "dismiss"), ("accept", "accept")])
    assert result.observed == 1.0
    assert result.expected == pytest.approx(5 / 9)  # (2/3)^2 + (1/3)^2
    assert result.kappa == pytest.approx(1.0)


def test_it_gives_zero_at_chance_level():
    # Each says yes half the time, independently: p_o = 0.5 = p_e.
    result = agreement([("y", "y"), ("y", "n"), ("n", "y"), ("n", "n")])
    assert result.observed == 0.5
    assert result.expected == 0.5
    assert result.kappa == 0.0


def test_it_goes_negative_when_they_always_disagree():
    result = agreement([("y", "n"), ("n", "y")])
    assert result.observed == 0.0
    assert result.expected == 0.5
    assert result.kappa == -1.0


def test_it_leaves_kappa_undefined_when_both_give_every_item_one_same_label():
    # p_e = 1 * 1 = 1: the formula is 0/0. The page shows "n/a", raw agreement 100%.
    result = agreement([("dismiss", "dismiss")] * 6)
    assert result.observed == 1.0
    assert result.expected == 1.0
    assert result.kappa is None
    assert result.kappa_undefined


def test_it_has_no_figures_without_items():
    result = agreement([])
    assert (result.items, result.observed, result.expected, result.kappa) == (0, None, None, None)
    assert not result.kappa_undefined


def test_it_pools_item_lists_rather_than_averaging_kappas():
    # Separately: undefined (all dismiss) and 1.0; pooled: p_o = 1, p_e = (5/6)^2 +
    # (1/6)^2 = 26/36, kappa = 1.
    pooled = combine([("d", "d")] * 4, [("a", "a"), ("d", "d")])
    assert pooled.items == 6
    assert pooled.expected == pytest.approx(26 / 36)
    assert pooled.kappa == pytest.approx(1.0)
