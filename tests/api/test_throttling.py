"""Throttling per token (NEWSDRIFT_API_RATE): one token's requests past the rate get
429 with Retry-After; another token of the same account has its own count."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from articles.api.throttle import parse_rate
from tests.api.conftest import token_for


def test_it_refuses_requests_past_the_rate_per_token(api, flagged, viewer, settings):
    settings.NEWSDRIFT_API_RATE = "3/min"
    busy, other = token_for(viewer, "busy"), token_for(viewer, "other")

    answers = [api.get("comparisons", token=busy) for _ in range(4)]

    assert [a.status for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.error_code == "throttled"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert api.get("comparisons", token=other).status == 200


def test_it_does_not_throttle_when_the_rate_is_empty(api, flagged, viewer, settings):
    settings.NEWSDRIFT_API_RATE = ""
    token = token_for(viewer)

    assert {api.get("comparisons", token=token).status for _ in range(5)} == {200}


@pytest.mark.parametrize(
    ("rate", "parsed"), [("120/min", (120, 60)), ("5/s", (5, 1)), ("1000/day", (1000, 86400))]
)
def test_it_reads_a_rate(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["fast", "10/fortnight", "x/min"])
def test_it_names_a_bad_rate(rate):
    with pytest.raises(ImproperlyConfigured, match="NEWSDRIFT_API_RATE"):
        parse_rate(rate)
