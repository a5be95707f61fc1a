"""A bad NEWSDRIFT_FETCH_ALLOW_PRIVATE is reported by `manage.py check`, and a fetch
asked for meanwhile is refused with the same line."""

from __future__ import annotations

import pytest

from articles.fetching import FetchRefused
from articles.fetching.checks import check_fetch_settings
from articles.fetching.extract import fetch_article


def test_the_check_reports_a_bad_value_in_one_line(settings):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = "intranet"
    [error] = check_fetch_settings()
    assert error.id == "newsdrift.E101"
    assert error.msg == (
        "NEWSDRIFT_FETCH_ALLOW_PRIVATE: 'intranet' is not an address or a network "
        "(e.g. 127.0.0.1/32), nor one of 0, 1, all"
    )


@pytest.mark.parametrize("value", ["", "0", "1", "all", "10.0.0.0/8, 127.0.0.1"])
def test_the_check_accepts_the_documented_values(settings, value):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = value
    assert check_fetch_settings() == []


def test_a_fetch_is_refused_while_the_value_is_bad(settings, fetch_server):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = "intranet"
    url = fetch_server.url("/story")
    with pytest.raises(
        FetchRefused, match=rf"^{url}: not fetched: NEWSDRIFT_FETCH_ALLOW_PRIVATE: "
    ):
        fetch_article(url)
    assert fetch_server.requests == []
