"""The `<id:…>` path converter of every address that names a row.

Django's `<int:…>` takes any number of digits. Ids are 64-bit on both databases, and
SQLite's driver cannot even be given a larger number: a hand-made address such as
`/comparisons/100000000000000000000/units/2/flags/1/accept/` raised OverflowError, a
500, where a missing row is a 404. `<id:…>` refuses such a number as part of the
address, so it answers 404 before any view or query runs.
"""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import IntConverter

# The first number no id can be (ids are signed 64-bit integers).
BEYOND_IDS = 2**63


class IdConverter(IntConverter):
    def to_python(self, value: str) -> int:
        number = int(value)
        if number >= BEYOND_IDS:
            # A ValueError makes the address match nothing: 404.
            raise ValueError(f"{value} is beyond any id")
        return number


register_converter(IdConverter, "id")
