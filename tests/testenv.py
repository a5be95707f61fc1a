"""Loaded by pytest before Django (`-p tests.testenv` in pyproject.toml).

The suite runs the development configuration unless the shell says otherwise; the
production configuration has its own tests, run in subprocesses. Property tests run
with the profile tests/properties.py loads.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

# The property tests' profile (deterministic unless NEWSDRIFT_PROPERTIES says otherwise),
# loaded before any test module builds its hypothesis settings.
import tests.properties  # noqa: E402, F401
