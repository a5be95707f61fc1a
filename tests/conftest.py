"""Fixtures shared by the whole suite: accounts in each role, the seed comparison, and a
small hand-built comparison for tests that must not depend on the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from hypothesis import is_hypothesis_test

from articles.models import Comparison
from articles.roles import EDITORS, IMPORTERS, VIEWERS

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_SOURCE = SEEDS / "000_7be70c43fb544a5f.txt"
SEED_RETRANSLATION = SEEDS / "001_bce71628527fee74.txt"
TEST_OUTPUT = REPO / "test-output"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every hypothesis test is a property test: `make fuzz` runs them (-m property).
    for item in items:
        if is_hypothesis_test(getattr(item, "obj", None)):
            item.add_marker(pytest.mark.property)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Accounts are made in nearly every test; the real hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic first; tests serve static files as
    # development does. The production storage has its own test (test_static_files).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # The API's throttle counts requests per account id and minute in the cache, and
    # ids are used again from one test to the next: without this, a test's API calls
    # counted against the next test's account in the same minute (a URL walk got 429
    # once, after the throttling tests).
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def _user(username: str, *groups: str, is_staff: bool = False) -> User:
    user = User.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=is_staff
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db) -> User:
    return _user("edna", EDITORS)


@pytest.fixture
def other_editor(db) -> User:
    return _user("otto", EDITORS)


@pytest.fixture
def viewer(db) -> User:
    return _user("vera", VIEWERS)


@pytest.fixture
def importer(db) -> User:
    """Staff with the import permission (and an editor too)."""
    return _user("ines", IMPORTERS, EDITORS, is_staff=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def seed_comparison(db) -> Comparison:
    """The seed pair, imported and analysed as `make run` does (with the demo story)."""
    call_command("import_seeds", stdout=_Discard())
    return Comparison.objects.get(source__origin=SEED_SOURCE.name)


class _Discard:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass
