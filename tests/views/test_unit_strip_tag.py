"""The `unit_strip` tag (review_controls): one mark a unit, linked to the step view or to
the overview's rows, the current one and the dimmed ones told apart, every value that
is text escaped."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context

from articles.review.reading import UnitMark
from articles.templatetags.review_controls import unit_strip

MARKS = [
    UnitMark(11, 0, "ok", "match", 1, 0, 0, ""),
    UnitMark(12, 1, "unreviewed", "added", 1, 2, 0, "critical"),
]


def test_it_links_each_mark_to_its_step_view_keeping_the_query_escaped():
    html = unit_strip(
        Context(
            {
                "marks": MARKS,
                "current": 1,
                "dimmed": {0},
                "link_to_step": True,
                "comparison": SimpleNamespace(pk=7),
                "query": '?rule="><script>x</script>&show=all',
            }
        )
    )
    assert html.startswith('<ol class="strip" aria-label="Units of the comparison"><li>')
    assert "<script>" not in html
    href = "/comparisons/7/step/1/?rule=&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;show=all"
    assert (
        f'<a class="mark st-unreviewed sev-critical kind-added is-current" href="{href}"'
        f' hx-get="{href}" hx-target="#step" hx-swap="outerHTML" hx-push-url="true"'
        ' title="Unit 2, unreviewed, added, worst flag critical, 2 open suggestion(s)"'
        ' aria-current="step">'
    ) in html
    assert '<a class="mark st-ok is-dim" href="/comparisons/7/step/0/?rule=' in html
    assert html.count("aria-current") == 1


def test_it_links_to_the_overviews_rows_without_a_step():
    html = unit_strip(Context({"marks": MARKS}))
    assert (
        '<li><a class="mark st-ok" href="#unit-0" title="Unit 1, ok">'
        '<span class="visually-hidden">Unit 1, ok</span></a></li>'
    ) in html
    assert "hx-get" not in html and "aria-current" not in html


def test_no_marks_make_an_empty_list():
    assert unit_strip(Context({})) == (
        '<ol class="strip" aria-label="Units of the comparison"></ol>'
    )
