"""The `options`, `value_options` and `keyed_options` tags (review_controls) write the
option lists the templates' loops wrote: the selected one marked, values, labels and
keys escaped."""

from __future__ import annotations

from django.template import Context, Template

from articles.forms import CATEGORY_FIELD_CHOICES, CATEGORY_KEYS, SEVERITY_CHOICES
from articles.templatetags.review_controls import keyed_options, options, value_options

LOOP = Template(
    '{% for code, label in choices %}<option value="{{ code }}"'
    "{% if code == selected %} selected{% endif %}>{{ label }}</option>{% endfor %}"
)

KEYED_LOOP = Template(
    '{% for code, label, key in choices %}<option value="{{ code }}" data-key="{{ key }}"'
    "{% if code == selected %} selected{% endif %}>{{ label }} ({{ key }})</option>{% endfor %}"
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


def test_the_keyed_list_writes_what_the_loop_wrote_for_each_selection():
    choices = [(code, label, CATEGORY_KEYS[code]) for code, label in CATEGORY_FIELD_CHOICES]
    for selected in ["", None, "nothing-like-it", *(code for code, _, _ in choices)]:
        context = Context({"choices": choices, "selected": selected})
        assert keyed_options(choices, selected) == KEYED_LOOP.render(context)


def test_the_keyed_list_escapes_values_labels_and_keys():
    html = keyed_options([('"x"', "<b>", "&")], None)
    assert html == '<option value="&quot;x&quot;" data-key="&amp;">&lt;b&gt; (&amp;)</option>'
