"""A gunicorn worker freezes what it holds after its first requests
(newsdrift/gunicorn.conf.py), so that full garbage collections stop walking Django,
the URL patterns and the compiled templates on every other request (issue 18)."""

from __future__ import annotations

import gc
import runpy
from types import SimpleNamespace

import pytest

from tests.conftest import REPO


@pytest.fixture
def config(monkeypatch):
    monkeypatch.delenv("GUNICORN_GC_FREEZE", raising=False)
    yield runpy.run_path(str(REPO / "newsdrift" / "gunicorn.conf.py"))
    gc.unfreeze()


def test_it_freezes_after_the_first_request_and_again_later(config):
    gc.unfreeze()
    config["post_request"](SimpleNamespace(nr=1), None, {}, None)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    config["post_request"](SimpleNamespace(nr=2), None, {}, None)
    assert gc.get_freeze_count() == 0
    for nr in config["GC_FREEZE_AFTER"][1:]:
        config["post_request"](SimpleNamespace(nr=nr), None, {}, None)
        assert gc.get_freeze_count() > 0
        gc.unfreeze()


def test_it_can_be_switched_off(config, monkeypatch):
    gc.unfreeze()
    monkeypatch.setenv("GUNICORN_GC_FREEZE", "0")
    config["post_request"](SimpleNamespace(nr=1), None, {}, None)
    assert gc.get_freeze_count() == 0
