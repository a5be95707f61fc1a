"""The step view's controls repeated for every unit or every form, built in Python:
the strip of unit marks, the action forms' hidden fields and the option lists.

Written as template loops they cost most of a step view's rendering (issue 18: the
strip alone was 6 of 16 ms of CPU, its 86 `{% url %}` reversals most of that:
newsdrift/url_reversal.py), and with format_html 17 µs a mark. None of them carries
article text: unit numbers, review states, kinds and severities (the models' fixed
choices), the request's filters, the categories' and severities' fixed lists and the
analysis's rule names. Each value that is text is still escaped with `html.escape`
(Django's `escape` is that function behind a lazy-text wrapper) before the markup is
marked safe; the allowance is listed with this reason in
tests/reliability/test_no_unescaped_output.py. The word diff, which is article text,
is in review_marks.py and goes through format_html. The HTML is exactly what the
templates made (tests/views/test_page_snapshot.py).
"""

from __future__ import annotations

import html

from django import template
from django.template import defaulttags
from django.utils.safestring import SafeString

from articles.review.filters import FORM_FILTER_FIELDS
from newsdrift.url_reversal import ids_reverser

register = template.Library()

_STRIP_START = '<ol class="strip" aria-label="Units of the comparison">'


@register.simple_tag(takes_context=True)
def unit_strip(context) -> SafeString:
    """One mark per unit (`marks`); with `link_to_step` each links to the step view
    (keeping `query`), else to the overview's row. `current` is the unit shown,
    `dimmed` the positions the filter leaves out.

    Written with f-strings and `html.escape` on every value that is text (Django's
    `escape` is the same function behind a lazy-text wrapper): every step answer draws
    one mark a unit, and format_html cost 17 µs a mark (issue 18)."""
    marks = context.get("marks") or ()
    current = context.get("current")
    dimmed = context.get("dimmed") or ()
    link_to_step = context.get("link_to_step")
    if link_to_step:
        pk = context["comparison"].pk
        query = context.get("query") or ""
        step_address = ids_reverser("articles:step", 2)
    rows = [_STRIP_START]
    for m in marks:
        is_current = current is not None and m.position == current
        css = f"mark st-{m.state}"
        if m.worst:
            css += f" sev-{m.worst}"
        if m.kind != "match":
            css += f" kind-{m.kind}"
        if is_current:
            css += " is-current"
        if m.position in dimmed:
            css += " is-dim"
        css = html.escape(css)
        label = html.escape(m.label)
        aria = ' aria-current="step"' if is_current else ""
        if link_to_step:
            # The address is written twice (href and hx-get), escaped once.
            href = html.escape(f"{step_address((pk, m.position))}{query}")
            rows.append(
                f'<li><a class="{css}" href="{href}" hx-get="{href}" hx-target="#step"'
                f' hx-swap="outerHTML" hx-push-url="true" title="{label}"{aria}>'
                f'<span class="visually-hidden">{label}</span></a></li>'
            )
        else:
            rows.append(
                f'<li><a class="{css}" href="#unit-{m.position:d}" title="{label}"{aria}>'
                f'<span class="visually-hidden">{label}</span></a></li>'
            )
    rows.append("</ol>")
    return SafeString("".join(rows))  # every value above is escaped or an integer


_CSRF_FIELD = defaulttags.CsrfTokenNode()


@register.simple_tag(takes_context=True)
def scope_fields(context) -> SafeString:
    """The step view's filters as an action's form carries them back: `show`, and the
    flag filters set, under their form names (articles.review.filters.
    FORM_FILTER_FIELDS), each value escaped."""
    scope = context.get("scope")
    show = html.escape(str(context.get("show", "")))
    filters = "".join(
        f'<input type="hidden" name="{field}" value="{html.escape(str(value))}">'
        for name, field in FORM_FILTER_FIELDS.items()
        if (value := getattr(scope, name, ""))
    )
    return SafeString(f'<input type="hidden" name="show" value="{show}">{filters}')


@register.simple_tag(takes_context=True)
def hidden_fields(context) -> SafeString:
    """What every action form of the step view carries: the CSRF token, the unit's
    version and position, and the filters (`scope_fields`), so that the answer comes
    back to the same view. Seven forms a unit, and more with its flags: in Python it
    costs a fifth of the include it replaced, and the templates call it directly rather
    than through an include of its own (issue 18)."""
    unit = context.get("unit")
    return SafeString(  # the token's field is format_html's; every value is escaped
        f'{_CSRF_FIELD.render(context)}<input type="hidden" name="version"'
        f' value="{unit.version:d}">{scope_fields(context)}'
        # The newline the include's file ended with: the pages stay byte for byte.
        f'\n<input type="hidden" name="position" value="{unit.position:d}">\n'
    )


@register.simple_tag
def options(choices, selected) -> SafeString:
    """The `<option>` elements of (value, label) pairs, the one equal to `selected`
    selected: the flag filter's and every flag's edit form's category and severity
    lists, a loop of twenty options each in the template (issue 18). Values and labels
    are escaped with `html.escape`, as in `unit_strip`."""
    esc = html.escape
    return SafeString(
        "".join(
            f'<option value="{esc(str(code))}"{" selected" if code == selected else ""}>'
            f"{esc(str(label))}</option>"
            for code, label in choices
        )
    )


@register.simple_tag
def keyed_options(choices, selected) -> SafeString:
    """`options` for (value, label, key) triples, each option naming its key: the new
    flag's category list, whose letter picks a category (static/newsdrift/keyboard.js)."""
    esc = html.escape
    return SafeString(
        "".join(
            f'<option value="{esc(str(code))}" data-key="{esc(str(key))}"'
            f"{' selected' if code == selected else ''}>{esc(str(label))} ({esc(str(key))})"
            "</option>"
            for code, label, key in choices
        )
    )


@register.simple_tag
def value_options(values, selected) -> SafeString:
    """`options` for values that are their own labels (the flag filter's rules)."""
    return options(((value, value) for value in values or ()), selected)
