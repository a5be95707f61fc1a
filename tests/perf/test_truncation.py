"""The pages' `truncatechars` filter (newsdrift/truncation.py) writes exactly what
Django's does, quicker for text that fits."""

from __future__ import annotations

import pytest
from django.template import engines
from django.template.defaultfilters import truncatechars as django_truncatechars
from django.utils.safestring import SafeString, mark_safe
from hypothesis import given
from hypothesis import strategies as st

from newsdrift import truncation
from tests.properties import property_settings

# Letters, combining marks (alone and after letters), characters whose NFC form is
# longer or shorter than themselves, and the ellipsis itself.
PIECES = st.sampled_from(
    ["a", "Z", " ", "é", "e\u0301", "\u0301", "\u0344", "\u1e9b\u0323", "…", "漢", "🙂", "ǅ"]
)


@property_settings(400)
@given(text=st.lists(PIECES, max_size=40).map("".join), limit=st.integers(-2, 45))
def test_it_writes_what_djangos_filter_writes(text, limit):
    assert truncation.truncatechars(text, limit) == django_truncatechars(text, limit)


@pytest.mark.parametrize("limit", ["x", "", "3.5"])
def test_it_leaves_the_text_as_it_is_for_a_limit_that_is_not_a_number(limit):
    assert truncation.truncatechars("Colonel Marotto", limit) == "Colonel Marotto"
    assert django_truncatechars("Colonel Marotto", limit) == "Colonel Marotto"


def test_it_keeps_safe_text_safe_and_other_text_not():
    assert isinstance(truncation.truncatechars(mark_safe("<b>x</b>"), 50), SafeString)
    assert not isinstance(truncation.truncatechars("<b>x</b>", 50), SafeString)


def test_the_templates_use_it_and_still_escape_what_they_truncate():
    template = engines["django"].from_string(
        "{{ text|truncatechars:20 }}|{{ text|truncatechars:4 }}"
    )
    written = template.render({"text": "<b>Brinken</b>"})
    assert written == "&lt;b&gt;Brinken&lt;/b&gt;|&lt;b&gt;…"
    assert engines["django"].engine.template_builtins[-1].filters["truncatechars"] is (
        truncation.truncatechars
    )
