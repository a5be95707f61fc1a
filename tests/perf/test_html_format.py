"""The hot loops' `format_html` (newsdrift/html_format.py) writes exactly what Django's
writes, escaping the same values the same way."""

from __future__ import annotations

import pytest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from newsdrift.html_format import escaped, format_escaped_html, join_escaped_html
from tests.properties import property_settings

# Hostile text (markup, quotes, entities, ampersands), text already marked safe, numbers
# and None: what the pages pass.
HOSTILE = st.lists(
    st.sampled_from(["<", ">", "&", '"', "'", "&amp;", "<script>", "a", "é", " ", "{", "}"]),
    max_size=12,
).map("".join)
VALUES = st.one_of(
    HOSTILE,
    HOSTILE.map(mark_safe),
    st.integers(),
    st.floats(allow_nan=False),
    st.none(),
)


@property_settings(300)
@given(args=st.lists(VALUES, min_size=1, max_size=4))
def test_it_writes_what_format_html_writes(args):
    format_string = "<b title='{}'>" + "{}" * (len(args) - 1) + "</b>"

    written = format_escaped_html(format_string, *args)

    assert written == format_html(format_string, *args)
    assert isinstance(written, SafeString)


@property_settings(200)
@given(title=VALUES, outlet=VALUES)
def test_it_escapes_keyword_values_as_format_html_does(title, outlet):
    format_string = '<td data-label="{outlet}">{title}</td><td>{title}</td>'

    written = format_escaped_html(format_string, title=title, outlet=outlet)

    assert written == format_html(format_string, title=title, outlet=outlet)


@property_settings(200)
@given(pieces=st.lists(VALUES, max_size=6))
def test_it_joins_what_format_html_join_joins(pieces):
    written = join_escaped_html(pieces)

    assert written == format_html_join("", "{}", ((piece,) for piece in pieces))
    assert isinstance(written, SafeString)


def test_it_escapes_hostile_text_and_keeps_safe_html():
    written = format_escaped_html(
        "<p>{} {}</p>", '<img src=x onerror="alert(1)">', mark_safe("<em>ok</em>")
    )

    assert written == "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <em>ok</em></p>"


def test_it_translates_lazy_text_before_escaping_it():
    assert escaped(gettext_lazy("<b>Done</b>")) == "&lt;b&gt;Done&lt;/b&gt;"


def test_it_refuses_a_format_string_without_values():
    with pytest.raises(TypeError, match="args or kwargs"):
        format_escaped_html("<b>{}</b>")
