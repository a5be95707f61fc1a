"""The delivery signature (Newsdrift-Signature: t=…,v1=…) and the address guard."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from articles.webhooks.addresses import AddressRefused, is_public, resolve
from articles.webhooks.signing import sign, verify

BODY = b'{"event":"comparison.done"}'


def test_it_signs_the_time_and_the_body_with_hmac_sha256():
    header = sign("s3cret", BODY, timestamp=1_800_000_000)

    expected = hmac.new(b"s3cret", b"1800000000." + BODY, hashlib.sha256).hexdigest()
    assert header == f"t=1800000000,v1={expected}"


def test_it_verifies_a_good_signature():
    assert verify("s3cret", BODY, sign("s3cret", BODY))


@pytest.mark.parametrize(
    ("secret", "body", "age"),
    [("other", BODY, 0), ("s3cret", BODY + b" ", 0), ("s3cret", BODY, 301)],
    ids=["another secret", "another body", "too old"],
)
def test_it_refuses_a_signature_that_does_not_fit(secret, body, age):
    header = sign("s3cret", BODY, timestamp=1_800_000_000)

    assert not verify(secret, body, header, now=1_800_000_000 + age)


@pytest.mark.parametrize("header", ["", "t=x,v1=y", "v1=abc", "garbage"])
def test_it_refuses_a_malformed_header(header):
    assert not verify("s3cret", BODY, header)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 (an address checked, not bound)
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_it_knows_private_addresses(address, public):
    assert is_public(address) is public


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/hook", "http://localhost/hook", "https://[::1]/hook"],
)
def test_it_refuses_to_deliver_to_this_machine(settings, url):
    settings.NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE = False

    with pytest.raises(AddressRefused, match="to which webhooks are not sent"):
        resolve(url)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http:///x"])
def test_it_refuses_other_schemes(url):
    with pytest.raises(AddressRefused, match="only http and https"):
        resolve(url)


def test_it_allows_a_private_address_when_the_setting_says_so(settings):
    settings.NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE = True

    assert resolve("http://127.0.0.1:8000/hook") == ("127.0.0.1", 8000)
