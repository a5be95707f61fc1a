from __future__ import annotations

import pytest

from tests.fetch_server import serving


@pytest.fixture
def fetch_server():
    with serving() as server:
        yield server


@pytest.fixture
def allow_local(settings):
    """Fetches may reach the test server on 127.0.0.1, and nothing else that is not
    public (127.0.0.2 and localhost's other names stay refused)."""
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = "127.0.0.1/32"
    settings.NEWSDRIFT_FETCH_TIMEOUT_SECONDS = 5
    return settings


@pytest.fixture
def importer_client(client, importer):
    client.force_login(importer)
    return client
