"""The `options` and `value_options` tags (review_marks) write the option lists the
templates' loops wrote: the selected one marked, values and labels escaped."""

from __future__ import annotations

from django.template import Context, Template

from articles.forms import CATEGORY_FIELD_CHOICES, SEVERITY_CHOICES
from articles.templatetags.review_marks import options, value_options

LOOP = Template(
    '{% for code, label in choices %}<option value="{{ code }}"'
    "{% if code == selected %} selected{% endif %}>{{ label }}</option>{% endfor %}"
)


def test_it_writes_what_the_loop_wrote_for_each_selection():
    for choices in (CATEGORY_FIELD_CHOICES, SEVERITY_CHOICES):
        for selected in ["", "nothing-like-it", *(code for code, _ in choices)]:
            context = Context({"choices": choices, "selected": selected})
            assert options(choices, selected) == LOOP.render(context)


def test_it_escapes_values_and_labels():
    html = value_options(['<a href="x">', "plain"], "plain")
    assert html == (
        '<option value="&lt;a href=&quot;x&quot;&gt;">&lt;a href=&quot;x&quot;&gt;</option>'
        '<option value="plain" selected>plain</option>'
    )


def test_no_values_write_nothing():
    assert value_options(None, "") == "" == options([], "x")
