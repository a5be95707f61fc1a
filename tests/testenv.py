"""Loaded by pytest before Django (`-p tests.testenv` in pyproject.toml).

The suite runs the development configuration unless the shell says otherwise; the
production configuration has its own tests, run in subprocesses.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
