"""`make test` runs every property test on the same examples; `make fuzz` runs them long
and random (tests/properties.py).

Before, each run drew new random examples: one run failed where the next passed, and
shrinking a failure added minutes to CI.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from hypothesis import Phase, given
from hypothesis import strategies as st

from tests.conftest import REPO
from tests.properties import PROFILE, property_settings
from tests.reliability.figures import record

TESTS = REPO / "tests"


def _property_tests_in_sources() -> set[str]:
    """node ids of the functions decorated with @given, read from the test files."""
    found = set()
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and getattr(d.func, "id", "") == "given"
                for d in node.decorator_list
            ):
                found.add(f"{path.relative_to(REPO)}::{node.name}")
    return found


def _draw(examples: int) -> list[int]:
    drawn: list[int] = []

    @property_settings(examples)
    @given(st.integers())
    def prop(n):
        drawn.append(n)

    prop()
    return drawn


def test_it_draws_the_same_examples_on_every_run():
    assert PROFILE == "deterministic"  # what make test, CI and a plain pytest run use
    first, second = _draw(30), _draw(30)
    assert len(first) == 30
    assert first == second


def test_it_runs_every_property_test_derandomised_without_an_example_database():
    import importlib

    sources = _property_tests_in_sources()
    assert len(sources) >= 9  # reader 5, importer 3, alignment 1, segmenter 1
    for node_id in sources:
        path, name = node_id.split("::")
        module = importlib.import_module(path[:-3].replace("/", "."))
        used = getattr(module, name)._hypothesis_internal_use_settings
        assert used.derandomize, node_id
        assert used.database is None, node_id
        assert Phase.shrink not in used.phases, node_id  # a failure is reported at once


def test_it_takes_every_property_test_settings_from_the_shared_profile():
    # hypothesis's own settings(max_examples=...) would not grow under make fuzz.
    for path in TESTS.rglob("*.py"):
        if path.name == "properties.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "hypothesis":
                names = {alias.name for alias in node.names}
                assert "settings" not in names, f"{path}: use tests.properties.property_settings"


def test_it_marks_every_property_test_for_make_fuzz():
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-m",
            "property",
            "-p",
            "no:cacheprovider",
        ],
        cwd=REPO,
        env={**os.environ, "NEWSDRIFT_PROPERTIES": "fuzz"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout[-2000:] + collected.stderr[-2000:]
    node_ids = {line for line in collected.stdout.splitlines() if "::" in line}
    assert node_ids == _property_tests_in_sources()
    record("property tests: derandomised in make test, run by make fuzz", len(node_ids))


def test_it_fuzzes_at_random_with_many_more_examples_and_keeps_failures():
    code = (
        "import tests.properties as p; from hypothesis import settings, Phase; "
        "s = p.property_settings(100); d = settings.default; "
        "print(s.max_examples, d.derandomize, type(d.database).__name__, "
        "Phase.shrink in d.phases)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "NEWSDRIFT_PROPERTIES": "fuzz", "NEWSDRIFT_FUZZ_SCALE": "20"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["2000", "False", "DirectoryBasedExampleDatabase", "True"]


def test_it_refuses_an_unknown_profile_by_name():
    done = subprocess.run(
        [sys.executable, "-c", "import tests.properties"],
        cwd=REPO,
        env={**os.environ, "NEWSDRIFT_PROPERTIES": "quick"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "NEWSDRIFT_PROPERTIES='quick': unknown profile (one of deterministic, shrink, fuzz)" in (
        done.stderr
    )


def test_it_has_make_fuzz_run_the_property_tests_with_the_fuzz_profile():
    dry = subprocess.run(
        ["make", "-n", "-o", ".venv/.dev-installed", "fuzz", "FUZZ_SCALE=7"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    line = next(line for line in dry.stdout.splitlines() if "pytest" in line)
    assert "NEWSDRIFT_PROPERTIES=fuzz" in line and "NEWSDRIFT_FUZZ_SCALE=7" in line
    assert "-m property" in line
