"""The word diff's tag (review_marks.word_diff, in articles/_diff.html) writes what the
template loop it replaced wrote, for every kind of token on either side, escaping the
article's text."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from django.template import Context, Template

from articles.analysis.worddiff import CHANGED, MOVED, SAME, SPACE, Token
from articles.templatetags.review_marks import word_diff

DATA = Path(__file__).resolve().parent.parent / "data"

# articles/_diff.html's loop before the tag (issue 18), as it was.
TEMPLATE_LOOP = Template((DATA / "word_diff_loop.html").read_text(encoding="utf-8").rstrip("\n"))

HOSTILE = '<b title="x">&amp;</b>\'s'


def tokens():
    """One token for every combination of what the template looked at."""
    for (
        change,
        name,
        number,
        in_ev,
        evidence,
        bridge,
        move,
        start,
        end,
        moved_bridge,
    ) in itertools.product(
        (SAME, CHANGED, MOVED, SPACE),
        (False, True),
        (False, True),
        (False, True),
        ((), ("3", "<7>")),
        (False, True),
        (0, 2),
        (False, True),
        (False, True),
        (False, True),
    ):
        yield Token(
            text=HOSTILE if name else "word",
            start=0,
            end=4,
            change=change,
            is_name=name,
            is_number=number,
            in_evidence=in_ev,
            evidence=evidence,
            bridge=bridge,
            move=move,
            move_start=start,
            move_end=end,
            moved_bridge=moved_bridge,
        )


ALL = list(tokens())


@pytest.mark.parametrize("side", ["source", "target", ""])
def test_it_writes_each_token_as_the_template_loop_did(side):
    for token in ALL:
        expected = TEMPLATE_LOOP.render(Context({"tokens": [token], "side": side}))
        assert word_diff([token], side) == expected, token


def test_it_writes_a_whole_side_as_the_template_loop_did():
    for side in ("source", "target"):
        expected = TEMPLATE_LOOP.render(Context({"tokens": ALL, "side": side}))
        assert word_diff(ALL, side) == expected


def test_it_escapes_the_article_text():
    html = word_diff([Token(text=HOSTILE, start=0, end=4, change=SAME)], "source")
    assert "<b" not in html and "&lt;b title=&quot;x&quot;&gt;&amp;amp;&lt;/b&gt;&#x27;s" in html


def test_no_tokens_write_nothing():
    assert word_diff([], "source") == "" == word_diff(None, "target")
