"""The `hidden_fields` tag (review_controls): what every action form of the step view
carries, the CSRF token, the unit's version and position and the filters, each value
escaped."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context

from articles.review.filters import Scope
from articles.templatetags.review_controls import hidden_fields, scope_fields


def test_it_writes_the_token_the_unit_and_the_filters_escaped():
    context = Context(
        {
            "csrf_token": "tok",
            "unit": SimpleNamespace(version=4, position=12),
            "show": 'all"><b>',
            "scope": Scope(category="factual", rule='rule"><script>'),
        }
    )
    assert hidden_fields(context) == (
        '<input type="hidden" name="csrfmiddlewaretoken" value="tok">'
        '<input type="hidden" name="version" value="4">'
        '<input type="hidden" name="show" value="all&quot;&gt;&lt;b&gt;">'
        '<input type="hidden" name="filter_category" value="factual">'
        '<input type="hidden" name="filter_rule" value="rule&quot;&gt;&lt;script&gt;">\n'
        '<input type="hidden" name="position" value="12">\n'
    )


def test_it_leaves_out_the_filters_not_set():
    context = Context({"csrf_token": "tok", "unit": SimpleNamespace(version=1, position=0)})
    assert hidden_fields(context) == (
        '<input type="hidden" name="csrfmiddlewaretoken" value="tok">'
        '<input type="hidden" name="version" value="1">'
        '<input type="hidden" name="show" value="">\n'
        '<input type="hidden" name="position" value="0">\n'
    )


def test_it_writes_the_filters_alone_for_forms_without_a_unit():
    context = Context({"show": "flagged", "scope": Scope(severity="major", rule="<x>")})
    assert scope_fields(context) == (
        '<input type="hidden" name="show" value="flagged">'
        '<input type="hidden" name="filter_severity" value="major">'
        '<input type="hidden" name="filter_rule" value="&lt;x&gt;">'
    )
