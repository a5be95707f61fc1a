"""The word diff of the review pages, built in Python: one element a changed, moved or
marked word, the text alone for the others.

Written as a template loop it was the largest part of a step view's rendering left
(issue 18). This is article text: every value goes through format_escaped_html or
join_escaped_html (Django's format_html and format_html_join, escaping the same way
with fewer calls: newsdrift/html_format.py), whose format strings are literals here,
and nothing is marked safe by hand (tests/reliability/test_no_unescaped_output.py).
The HTML is exactly what the template made (tests/views/test_word_diff_tag.py,
tests/views/test_page_snapshot.py).
The step view's controls, which carry no article text, are in review_controls.py.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from newsdrift.html_format import format_escaped_html, join_escaped_html

register = template.Library()

# The word diff's elements (articles/_diff.html), written as the template wrote them:
# every value escaped by format_escaped_html, whose format strings are literals here; the class
# names come from worddiff's fixed vocabulary.
_MOVED_TITLE = {
    "source": "the retranslation has these words elsewhere",
    "target": "the source has these words elsewhere",
}
_MOVED_SAID = format_escaped_html('<span class="visually-hidden mv-said">{}</span>', "moved: ")
_MOVED_END_SAID = format_escaped_html(
    '<span class="visually-hidden mv-said">{}</span>', " (end of moved words)"
)


def _space_html(t, source: bool):
    if t.bridge:
        if t.evidence:
            if source:
                return format_escaped_html(
                    '<del class="w w-chg" data-ev="{}">{}</del>', t.evidence_keys, t.text
                )
            return format_escaped_html(
                '<ins class="w w-chg" data-ev="{}">{}</ins>', t.evidence_keys, t.text
            )
        if source:
            return format_escaped_html('<del class="w w-chg">{}</del>', t.text)
        return format_escaped_html('<ins class="w w-chg">{}</ins>', t.text)
    if t.moved_bridge:
        if t.evidence:
            return format_escaped_html(
                '<span class="w w-mov" data-move="{}" data-ev="{}">{}</span>',
                t.move,
                t.evidence_keys,
                t.text,
            )
        return format_escaped_html('<span class="w w-mov" data-move="{}">{}</span>', t.move, t.text)
    if t.evidence:
        return format_escaped_html(
            '<span class="w" data-ev="{}">{}</span>', t.evidence_keys, t.text
        )
    return t.text


def _moved_html(t, side: str):
    return format_escaped_html(
        '<span class="{}{}{}" data-move="{}" title="Moved: {}"{}>{}{}{}</span>',
        t.css,
        " mv-start" if t.move_start else "",
        " mv-end" if t.move_end else "",
        t.move,
        _MOVED_TITLE.get(side, _MOVED_TITLE["target"]),
        format_escaped_html(' data-ev="{}"', t.evidence_keys) if t.evidence else "",
        _MOVED_SAID if t.move_start else "",
        t.text,
        _MOVED_END_SAID if t.move_end else "",
    )


def _token_html(t, side: str):
    """One token as articles/_diff.html wrote it: its text alone (escaped by the join)
    for a plain word or space, else its element."""
    if not t.is_word:
        return _space_html(t, side == "source")
    if t.changed:
        if t.evidence:
            if side == "source":
                return format_escaped_html(
                    '<del class="{}" data-ev="{}">{}</del>', t.css, t.evidence_keys, t.text
                )
            return format_escaped_html(
                '<ins class="{}" data-ev="{}">{}</ins>', t.css, t.evidence_keys, t.text
            )
        if side == "source":
            return format_escaped_html('<del class="{}">{}</del>', t.css, t.text)
        return format_escaped_html('<ins class="{}">{}</ins>', t.css, t.text)
    if t.moved:
        return _moved_html(t, side)
    css = t.css
    if css == "w":
        return t.text
    if t.evidence:
        return format_escaped_html(
            '<span class="{}" data-ev="{}">{}</span>', css, t.evidence_keys, t.text
        )
    return format_escaped_html('<span class="{}">{}</span>', css, t.text)


@register.simple_tag
def word_diff(tokens, side: str) -> SafeString:
    """One side of the word diff (`side` "source" or "target"): an element a changed,
    moved or marked word, the text alone for the others. The template's loop over the
    words with its conditions was the largest part of a step view's rendering left
    (issue 18); here a plain word costs one escape."""
    return join_escaped_html(_token_html(t, side) for t in tokens or ())
