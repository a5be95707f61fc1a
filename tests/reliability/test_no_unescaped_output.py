"""No template or Python module turns escaping off where article text could pass.

Article text comes from scraped pages and is hostile, so nothing in templates/ or
articles/ may mark text safe, switch autoescaping off or build HTML from a formatted
string. A use that provably carries no article data is allowed only when listed
below with the reason.
"""

from __future__ import annotations

import re

from tests.conftest import REPO

SCANNED = [REPO / "templates", REPO / "articles", REPO / "newsdrift"]

UNSAFE = {
    "|safe filter": re.compile(r"\|\s*safe(seq)?\b"),
    "mark_safe": re.compile(r"\bmark_safe\s*\("),
    "autoescape off": re.compile(r"{%\s*autoescape\s+off"),
    "SafeString": re.compile(r"\bSafe(String|Text|Data)\s*\("),
    "is_safe filter": re.compile(r"is_safe\s*=\s*True"),
    "html_safe": re.compile(r"@html_safe\b"),
    # format_html escapes its arguments, but not a format string built beforehand; the
    # same holds for its quicker twin, format_escaped_html (newsdrift/html_format.py).
    "format_html on a built string": re.compile(
        r"(?<!def )format_(escaped_)?html\s*\("
        r"\s*(f[\"']|[\"'][^\"']*[\"']\s*(%|\.format|\+)|[a-z_]\w*\s*[,)])"
    ),
}

# (path relative to the repository, what) -> why no article text gets out unescaped
# through it (it carries none, or escaping still applies to what it carries).
ALLOWED: dict[tuple[str, str], str] = {
    ("articles/templatetags/review_controls.py", "SafeString"): (
        "the step view's strip of unit marks, hidden fields and option lists: unit "
        "numbers, the models' fixed choices, the request's filters and the analysis's "
        "rule names, each escaped with html.escape before it is joined; the word diff, "
        "which is article text, stays in review_marks.py with format_html"
    ),
    ("newsdrift/html_format.py", "SafeString"): (
        "format_html and format_html_join as Django writes them: every value is escaped "
        "as conditional_escape escapes it before it is put in a literal format string "
        "(tests/perf/test_html_format.py compares the two on hostile text)"
    ),
    ("newsdrift/truncation.py", "is_safe filter"): (
        "truncatechars, as Django's own is declared: is_safe keeps only text that was "
        "already marked safe marked safe; article text never is, and autoescaping "
        "escapes the truncated text (tests/perf/test_truncation.py)"
    ),
}


def unsafe_uses() -> list[tuple[str, str, int, str]]:
    found = []
    for root in SCANNED:
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".html", ".py", ".txt") or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for what, pattern in UNSAFE.items():
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append((str(path.relative_to(REPO)), what, line, match.group(0)))
    return found


def test_it_finds_no_unescaped_output_outside_the_allow_list():
    unexplained = [
        f"{path}:{line}: {what} ({snippet!r})"
        for path, what, line, snippet in unsafe_uses()
        if (path, what) not in ALLOWED
    ]

    assert not unexplained, "escaping turned off where article text may pass:\n" + "\n".join(
        unexplained
    )


def test_it_keeps_the_allow_list_to_uses_that_exist():
    present = {(path, what) for path, what, _, _ in unsafe_uses()}

    assert set(ALLOWED) <= present, set(ALLOWED) - present


def test_it_recognises_each_unsafe_form(tmp_path):
    samples = {
        "|safe filter": "{{ unit.source_text|safe }}",
        "mark_safe": "mark_safe(unit.target_text)",
        "autoescape off": "{% autoescape off %}{{ x }}{% endautoescape %}",
        "SafeString": "SafeString(text)",
        "is_safe filter": "@register.filter(is_safe=True)",
        "html_safe": "@html_safe",
        "format_html on a built string": 'format_html(f"<b>{title}</b>")',
    }
    for what, sample in samples.items():
        assert UNSAFE[what].search(sample), what
    assert UNSAFE["format_html on a built string"].search("format_escaped_html(f'<b>{t}</b>')")
    assert not UNSAFE["format_html on a built string"].search('format_html("<b>{}</b>", title)')
