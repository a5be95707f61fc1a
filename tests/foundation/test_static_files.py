"""The production static storage: collectstatic builds a manifest with hashed names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO


def test_it_collects_static_files_with_hashed_and_compressed_copies(tmp_path):
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsdrift.settings"}
    script = (
        "import django; from django.conf import settings; django.setup();"
        f"settings.STATIC_ROOT = {str(tmp_path)!r};"
        "from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["newsdrift/app.css"]
    assert hashed != "newsdrift/app.css"
    assert (tmp_path / hashed).exists()
    assert (tmp_path / (hashed + ".gz")).exists()
    assert "django_htmx/htmx-2.min.js" in manifest
