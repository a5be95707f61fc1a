"""Test-wide set-up: the suite runs the development configuration, whatever the shell has."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
