"""A management command that makes no PDF does not load the PDF stack.

fpdf2, fontTools and HarfBuzz took 0.3 s of every command's 0.8 s start-up, pulled in
by the admin's autodiscovery (`django.setup()` imports articles.admin, whose export
action imported the PDF renderer). They are imported when a PDF is made; so is
BeautifulSoup, when an HTML article is read, and the analysis (rapidfuzz and the
checks), when an import or an alignment fix runs. These tests count what is imported, in a
fresh interpreter; the times are in docs/PERFORMANCE.md (bench/bench_startup.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

PDF_STACK = ("fpdf", "fontTools", "uharfbuzz")

# Runs `code` in a fresh interpreter with Django set up as manage.py would, then prints
# the names of the imported modules.
_SCRIPT = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdrift.settings")
{code}
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(code=code)],
        cwd=REPO,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_it_sets_django_up_and_imports_the_admin_without_the_pdf_stack():
    modules = _modules_after(
        "import django; django.setup()\nimport articles.admin, articles.admin.comparisons"
    )
    assert "articles.admin.comparisons" in modules  # the admin really was imported
    assert not _top_level(modules) & set(PDF_STACK)
    assert "articles.reports.pdf_report" not in modules
    # The API's library loads with the first API request, not with every command.
    assert not _top_level(modules) & {"ninja", "pydantic"}


def test_it_runs_check_without_the_pdf_stack_the_html_reader_or_the_analysis():
    code = (
        "from django.core.management import execute_from_command_line\n"
        "try:\n"
        "    execute_from_command_line(['manage.py', 'check'])\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
    )
    modules = _modules_after(code)
    assert "articles.views.step" in modules  # check walked the URL configuration
    assert "articles.views.alignment_fixes" in modules
    assert not _top_level(modules) & {*PDF_STACK, "bs4", "rapidfuzz"}
    assert "articles.analysis.pipeline" not in modules
    # The API's addresses are checked without django-ninja (articles.api.routes).
    assert "articles.api.routes" in modules
    assert not _top_level(modules) & {"ninja", "pydantic"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("from articles.reports.export import _pdf_report; _pdf_report()", "fpdf"),
        (
            "from articles.article_reader import parse_article\n"
            "parse_article(b'<html><body><p>A story.</p></body></html>', 'a.html')",
            "bs4",
        ),
        ("from articles.views.alignment_fixes import _alignment; _alignment()", "rapidfuzz"),
        (
            "from django.test import Client\n"
            "assert Client(SERVER_NAME='localhost').get('/api/v1/').status_code == 200",
            "ninja",
        ),
    ],
    ids=["a PDF is made", "an HTML article is read", "an alignment fix runs", "the API answers"],
)
def test_it_imports_the_library_when_the_work_needs_it(code, expected):
    # The control: the same count sees the library once something uses it.
    modules = _modules_after(f"import django; django.setup()\n{code}")
    assert expected in _top_level(modules)
