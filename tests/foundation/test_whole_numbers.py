"""newsdrift.whole_numbers: the one rule for numbers read from requests and headers."""

from __future__ import annotations

import pytest

from newsdrift.whole_numbers import whole_number


@pytest.mark.parametrize(
    "text, expected",
    [("7", 7), ("0", 0), ("007", 7), ("123456789", 123456789)],
)
def test_it_reads_ascii_digits(text, expected):
    assert whole_number(text, max_digits=9) == expected


@pytest.mark.parametrize(
    "text",
    # "²" and "①" pass str.isdigit() but int() refuses them; int() takes "١٢", " 12",
    # "1_000" and "+5", which are no number anyone sent.
    ["", "²", "①", "١٢", " 12", "12 ", "1_000", "+5", "-1", "1e3", "x", "1234567890"],
)
def test_it_refuses_anything_else_and_more_digits_than_allowed(text):
    assert whole_number(text, max_digits=9) is None
