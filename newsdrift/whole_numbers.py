"""Whole numbers read from text that people or other programs send: query parameters,
form fields, HTTP headers.

`str.isdigit()` is not the test: it also takes "²" and "①", which `int()` then refuses
with a ValueError (a 500), and `int()` takes "١٢" and " 12" and "1_000", which are no
id or page number anyone meant. One rule, ASCII digits only, in one place.
"""

from __future__ import annotations


def whole_number(text: str, *, max_digits: int) -> int | None:
    """`text` as a whole number when it is 1 to `max_digits` ASCII digits, else None."""
    if 0 < len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
