"""`reverse_ids` and the `{% url %}` tag that uses it give what Django's `reverse()`
gives, for every URL of the project that takes ids (newsdrift/url_reversal.py)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from newsdrift.url_reversal import ids_reverser, reverse_ids
from tests.url_patterns import named_patterns

NAMES = sorted({(name, len(p.pattern.converters)) for name, p in named_patterns()})


@pytest.mark.parametrize(("name", "count"), NAMES, ids=[n for n, _ in NAMES])
def test_it_reverses_every_url_as_django_does(name, count):
    for args in ([0] * count, [7, 12, 345, 6789][:count], [10**12 + n for n in range(count)]):
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                reverse_ids(name, args)
            continue
        assert reverse_ids(name, args) == expected


def test_it_leaves_other_arguments_to_django():
    assert reverse_ids("articles:step", ["12", 3]) == reverse("articles:step", args=["12", 3])
    with pytest.raises(NoReverseMatch):
        reverse_ids("articles:step", [-1, 3])
    with pytest.raises(NoReverseMatch):
        reverse_ids("articles:step", [1])


@pytest.mark.parametrize(("name", "count"), NAMES, ids=[n for n, _ in NAMES])
def test_the_reverser_of_one_view_reverses_as_django_does(name, count):
    reverse_one = ids_reverser(name, count)
    for args in ([0] * count, [7, 12, 345, 6789][:count], [10**12 + n for n in range(count)]):
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                reverse_one(args)
            continue
        assert reverse_one(args) == expected


def test_the_reverser_of_one_view_leaves_other_arguments_to_django():
    reverse_one = ids_reverser("articles:step", 2)
    assert reverse_one(["12", 3]) == reverse("articles:step", args=["12", 3])
    with pytest.raises(NoReverseMatch):
        reverse_one([-1, 3])


def test_the_url_tag_renders_as_djangos():
    template = Template(
        "{% url 'articles:step' pk 4 %}|{% url 'articles:dashboard' %}|"
        "{% url 'articles:step' pk 4 as there %}[{{ there }}]|"
        "{% url 'no-such-view' as nothing %}[{{ nothing }}]"
    )
    step = reverse("articles:step", args=[12, 4])
    assert template.render(Context({"pk": 12})) == (
        f"{step}|{reverse('articles:dashboard')}|[{step}]|[]"
    )
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no-such-view' 1 %}").render(Context())
