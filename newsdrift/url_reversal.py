"""Reversing URLs whose arguments are ids, without walking the URL patterns each time.

`{% url %}` and `reverse()` cost about 30 µs each: every call resolves the namespace,
then tries the view's patterns with their regular expressions. The step view reversed
about 120 URLs a request, the dashboard 50 (issue 18). Nearly all of them take ids
only (`comparisons/<id:pk>/units/<id:unit_pk>/mark/`), and for ids the address is
the same text around different numbers: it is reversed once with stand-in numbers,
checked with others, and then filled in. Anything else — keyword arguments, an
argument that is not a non-negative int, a view whose address does not come out in
that shape — goes to Django's `reverse()` as before.

The `url` tag of this module replaces Django's in every template (settings.TEMPLATES'
"builtins"), and does exactly what Django's does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

# Stand-in ids: long enough never to be part of the rest of an address.
_STAND_IN = 987654320
# Other ids, of another length, to check that the address keeps its shape for them.
_CHECK = 3


@lru_cache(maxsize=512)
def _shape(
    viewname: str, count: int, current_app: str | None, urlconf, prefix: str
) -> tuple[str, ...] | None:
    """The address of `viewname` cut where its `count` ids go, or None when it cannot be
    (then `reverse()` answers every time). `prefix` (the script prefix, which `reverse`
    puts in front) is part of the key only."""
    stand_ins = [_STAND_IN + n for n in range(count)]
    try:
        url = reverse(viewname, args=stand_ins, current_app=current_app, urlconf=urlconf)
        checked = reverse(
            viewname,
            args=[_CHECK + n for n in range(count)],
            current_app=current_app,
            urlconf=urlconf,
        )
    except NoReverseMatch:
        return None
    parts, rest = [], url
    for stand_in in stand_ins:
        pieces = rest.split(str(stand_in))
        if len(pieces) != 2:
            return None
        parts.append(pieces[0])
        rest = pieces[1]
    parts.append(rest)
    shape = tuple(parts)
    return shape if _fill(shape, [_CHECK + n for n in range(count)]) == checked else None


def _forget_shapes(*, setting: str, **kwargs) -> None:
    """Another URL configuration (tests switch it): the shapes cut from the old one go."""
    if setting == "ROOT_URLCONF":
        _shape.cache_clear()


setting_changed.connect(_forget_shapes)


def _fill(shape: tuple[str, ...], args: Sequence[int]) -> str:
    out = [shape[0]]
    for arg, part in zip(args, shape[1:], strict=True):
        out += [str(arg), part]
    return "".join(out)


def reverse_ids(viewname: str, args: Sequence, current_app: str | None = None) -> str:
    """`reverse(viewname, args=args)`, quicker when every argument is an id."""
    if all(type(arg) is int and arg >= 0 for arg in args):
        shape = _shape(viewname, len(args), current_app, get_urlconf(), get_script_prefix())
        if shape is not None:
            return _fill(shape, args)
    return reverse(viewname, args=list(args), current_app=current_app)


def ids_reverser(viewname: str, count: int) -> Callable[[Sequence], str]:
    """`reverse_ids` for many addresses of one view with `count` ids each (the step
    view's strip: one a unit), looking the view's shape up once instead of each time."""
    shape = _shape(viewname, count, None, get_urlconf(), get_script_prefix())

    def reverse_one(args: Sequence) -> str:
        if shape is not None and all(type(arg) is int and arg >= 0 for arg in args):
            return _fill(shape, args)
        return reverse_ids(viewname, args)

    return reverse_one


class URLNode(defaulttags.URLNode):
    """Django's `{% url %}`, reversing through `reverse_ids` when it takes no keywords."""

    def render(self, context):
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_ids(view_name, args, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)
