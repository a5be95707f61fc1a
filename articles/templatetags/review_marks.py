"""Markup repeated for every unit or every word of the review pages, built in Python.

The strip of unit marks has a link per unit (two on the step view) and the word diff
an element per word: written as template loops they cost most of a step view's
rendering (issue 18: the strip alone was 6 of 16 ms of CPU, its 86 `{% url %}`
reversals most of that). The HTML is exactly what the templates made
(tests/views/test_page_snapshot.py); every value is escaped by format_html.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Constant markup (never text from an article or a user).
_ARIA_CURRENT = mark_safe(' aria-current="step"')  # noqa: S308

# A position no unit has, reversed once and then replaced by each unit's position.
_SENTINEL = 987654321


def _step_urls(comparison_pk: int):
    """A function of a position giving the step view's address, reversing the URL once."""
    parts = reverse("articles:step", args=[comparison_pk, _SENTINEL]).split(str(_SENTINEL))
    if len(parts) != 2:  # the sentinel is part of the comparison's id: reverse each
        return lambda position: reverse("articles:step", args=[comparison_pk, position])
    before, after = parts
    return lambda position: f"{before}{position}{after}"


@register.simple_tag(takes_context=True)
def unit_strip(context) -> SafeString:
    """One mark per unit (`marks`); with `link_to_step` each links to the step view
    (keeping `query`), else to the overview's row. `current` is the unit shown,
    `dimmed` the positions the filter leaves out."""
    marks = context.get("marks") or ()
    current = context.get("current")
    dimmed = context.get("dimmed") or ()
    link_to_step = context.get("link_to_step")
    if link_to_step:
        step_url = _step_urls(context["comparison"].pk)
        query = context.get("query") or ""
    rows = []
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
        label = m.label
        if link_to_step:
            href = f"{step_url(m.position)}{query}"
            links = format_html(
                ' hx-get="{}" hx-target="#step" hx-swap="outerHTML" hx-push-url="true"', href
            )
        else:
            href, links = f"#unit-{m.position}", ""
        rows.append((css, href, links, label, _ARIA_CURRENT if is_current else "", label))
    items = format_html_join(
        "",
        '<li><a class="{}" href="{}"{} title="{}"{}><span class="visually-hidden">{}</span>'
        "</a></li>",
        rows,
    )
    return format_html(
        '<ol class="strip" aria-label="Units of the comparison">{}</ol>',
        items,
    )
