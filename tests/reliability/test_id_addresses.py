"""An address whose id is beyond any 64-bit id is a 404 like any missing row, on every
view that takes ids (newsdrift/url_converters.py), never a database error."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.urls.converters import IntConverter

from newsdrift.url_converters import BEYOND_IDS, IdConverter
from tests.builders import build_comparison
from tests.url_patterns import named_patterns

# This project's pages (the admin's are Django's, the API's are read by its own
# schema: tests/api).
OURS = [
    (name, converters)
    for name, converters in (
        (name, list(p.pattern.converters.values())) for name, p in named_patterns()
    )
    if converters and not name.startswith(("admin:", "api-"))
]
WITH_IDS = sorted(
    (name, len(converters))
    for name, converters in OURS
    if all(isinstance(c, IdConverter) for c in converters)
)


def test_every_number_in_an_address_is_an_id():
    # A new route written with Django's <int:…> would take any number of digits.
    assert len(WITH_IDS) > 30
    for name, converters in OURS:
        numbers = [c for c in converters if isinstance(c, IntConverter)]
        assert all(isinstance(c, IdConverter) for c in numbers), name


def test_the_converter_reads_ids_up_to_the_largest_and_refuses_beyond():
    converter = IdConverter()
    assert converter.to_python("0") == 0
    assert converter.to_python(str(BEYOND_IDS - 1)) == BEYOND_IDS - 1
    for beyond in (BEYOND_IDS, 10**20, 10**400):
        with pytest.raises(ValueError, match="beyond any id"):
            converter.to_python(str(beyond))


@pytest.mark.parametrize(("name", "count"), WITH_IDS, ids=[name for name, _ in WITH_IDS])
def test_an_id_beyond_any_row_is_a_404(admin_client, name, count):
    comparison = build_comparison([("A.", "A."), ("B.", "C.")], flags={1: [{"category": "number"}]})
    unit = comparison.units.get(position=1)
    real = [comparison.pk, unit.pk, unit.flags.get().pk][:count]
    for at in range(count):
        args = [*real[:at], 10**20, *real[at + 1 :]]
        url = reverse(name, args=args)
        assert admin_client.get(url).status_code == 404, url
        assert admin_client.post(url, {"version": 1}).status_code == 404, url
