"""The review templates and scripts stay safe under the strict Content-Security-Policy:
article text is always escaped, nothing inline runs, nothing is evaluated."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

from .conftest import step_url

TEMPLATES = sorted(
    [*(REPO / "templates" / "articles").glob("*.html"), REPO / "templates" / "base.html"]
)
PYTHON = sorted(
    [
        *(REPO / "articles" / "views").glob("*.py"),
        *(REPO / "articles" / "review").glob("*.py"),
        REPO / "articles" / "analysis" / "worddiff.py",
        REPO / "articles" / "forms.py",
    ]
)
UNSAFE_TEMPLATE = [
    r"\|\s*safe",
    r"autoescape\s+off",
    r"\bstyle=",
    r"<style",
    r"<script(?![^>]*\bsrc=)",
    r"\son[a-z]+=",
    r"hx-on",
    r"\bjs:",
    r"javascript:",
    r"hx-trigger=\"[^\"]*\[",
]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_template_marks_text_safe_or_runs_anything_inline(path):
    text = path.read_text(encoding="utf-8")
    for pattern in UNSAFE_TEMPLATE:
        assert not re.search(pattern, text), f"{path.name}: {pattern}"


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: p.name)
def test_no_review_code_marks_anything_safe(path):
    text = path.read_text(encoding="utf-8")
    for name in ("mark_safe", "format_html", "SafeString", "SafeData"):
        assert name not in text, f"{path.name}: {name}"


def test_the_step_view_is_served_under_the_strict_policy(editor_client, comparison):
    response = editor_client.get(step_url(comparison, 1))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert (
        '<script src="/static/newsdrift/keyboard.js" defer></script>' in response.content.decode()
    )


def test_the_scripts_evaluate_no_strings():
    for name in ("keyboard.js", "selection.js"):
        text = (REPO / "static" / "newsdrift" / name).read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function|innerHTML|setTimeout\(\s*['\"]", text), name
