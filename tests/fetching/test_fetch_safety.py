"""articles/fetching/client.py against a real HTTP server on 127.0.0.1: what is fetched,
and every refusal as one line naming the URL and the reason."""

from __future__ import annotations

import ipaddress

import pytest

from articles.fetching import FetchRefused
from articles.fetching.addresses import kind_of, refusal_of
from articles.fetching.client import fetch_page
from articles.fetching.policy import FetchPolicy, parse_allow_private

LOCAL = FetchPolicy(timeout=5, allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))
OFF = FetchPolicy(timeout=5)


def refusal(url: str, policy: FetchPolicy = LOCAL) -> str:
    with pytest.raises(FetchRefused) as raised:
        fetch_page(url, policy)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{url}: ")
    return message


def test_it_fetches_a_page_and_keeps_what_answered(fetch_server):
    page = fetch_page(fetch_server.url("/story"), LOCAL)
    assert page.status == 200
    assert page.content_type.startswith("text/html")
    assert "Rockets hit US base" in page.html
    assert page.final_url == page.url == fetch_server.url("/story")
    assert page.size == len(page.html.encode("utf-8"))
    assert page.redirects == 0


def test_it_follows_a_few_redirects_checking_each(fetch_server):
    page = fetch_page(fetch_server.url("/hop/3"), LOCAL)
    assert page.final_url == fetch_server.url("/story")
    assert page.redirects == 3
    assert fetch_server.requests == ["/hop/3", "/hop/2", "/hop/1", "/story"]


def test_it_refuses_too_many_redirects(fetch_server):
    url = fetch_server.url("/loop")
    assert refusal(url) == f"{url}: redirected more than 5 times"
    assert len(fetch_server.requests) == 6


def test_it_refuses_a_redirect_to_a_private_address_without_asking_it(fetch_server):
    url = fetch_server.url("/to-private")
    message = refusal(url)
    assert "redirected to http://127.0.0.2:" in message
    assert "a loopback address (127.0.0.2)" in message
    assert fetch_server.requests == ["/to-private"]


def test_it_refuses_a_redirect_to_another_scheme(fetch_server):
    url = fetch_server.url("/to-ftp")
    message = refusal(url)
    assert "redirected to ftp://127.0.0.1/story.html" in message
    assert "only http and https are fetched" in message


def test_it_refuses_loopback_when_private_addresses_are_not_allowed(fetch_server):
    url = fetch_server.url("/story")
    message = refusal(url, OFF)
    assert "is a loopback address (127.0.0.1)" in message
    assert "NEWSDRIFT_FETCH_ALLOW_PRIVATE" in message
    assert fetch_server.requests == []


def test_it_checks_the_address_a_name_resolves_to(fetch_server):
    url = fetch_server.url("/story", host="localhost")
    message = refusal(url, OFF)
    assert "resolves to a loopback address" in message
    assert fetch_server.requests == []


def test_it_resolves_a_redirect_s_host_name_and_checks_its_address(fetch_server):
    url = fetch_server.url("/to-localhost")
    # 127.0.0.1 allowed: the name is resolved, its address checked and connected to.
    page = fetch_page(url, LOCAL)
    assert page.final_url == fetch_server.url("/story", host="localhost")
    # The connection went to the address checked; the server was told the name.
    assert fetch_server.hosts == [
        f"127.0.0.1:{fetch_server.port}",
        f"localhost:{fetch_server.port}",
    ]


def test_it_gives_up_on_a_server_that_does_not_answer_in_time(fetch_server):
    url = fetch_server.url("/slow")
    fetch_server.state["slow_seconds"] = 3
    policy = FetchPolicy(timeout=0.5, allowed_networks=LOCAL.allowed_networks)
    assert refusal(url, policy) == f"{url}: took longer than the limit of 0.5 s"


def test_it_gives_up_on_a_body_that_trickles_past_the_time_limit(fetch_server):
    url = fetch_server.url("/drip")
    policy = FetchPolicy(timeout=0.5, allowed_networks=LOCAL.allowed_networks)
    assert refusal(url, policy) == f"{url}: took longer than the limit of 0.5 s"


def test_it_stops_reading_a_body_over_the_size_limit(fetch_server):
    url = fetch_server.url("/huge")
    policy = FetchPolicy(timeout=5, max_bytes=256 * 1024, allowed_networks=LOCAL.allowed_networks)
    assert refusal(url, policy) == f"{url}: is larger than the limit of 262,144 bytes"


def test_it_counts_the_size_after_decompression(fetch_server):
    url = fetch_server.url("/gzip-bomb")
    policy = FetchPolicy(timeout=5, max_bytes=256 * 1024, allowed_networks=LOCAL.allowed_networks)
    assert refusal(url, policy) == f"{url}: is larger than the limit of 262,144 bytes"


def test_it_refuses_a_declared_size_over_the_limit_before_reading(fetch_server):
    url = fetch_server.url("/huge-declared")
    assert refusal(url) == f"{url}: is larger than the limit of 5 MiB (it says 50 MiB)"


def test_it_reads_a_page_whose_declared_size_is_no_number(fetch_server):
    page = fetch_page(fetch_server.url("/odd-length"), LOCAL)
    assert "Rockets hit US base" in page.html


def test_it_refuses_what_is_not_a_web_page(fetch_server):
    url = fetch_server.url("/image")
    assert refusal(url) == (
        f"{url}: answered image/png, not a web page (text/html or application/xhtml+xml)"
    )


def test_it_refuses_an_error_status_and_an_empty_page(fetch_server):
    assert refusal(fetch_server.url("/missing")).endswith(": answered 404 Not Found")
    assert refusal(fetch_server.url("/empty")).endswith(": answered an empty page")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "uses file: only http and https are fetched"),
        ("http://user:secret@example.org/", "holds a user name or password: not fetched"),
        ("http://10.1.2.3/", "is a private address (10.1.2.3)"),
        ("http://169.254.169.254/latest/", "is a link-local address (169.254.169.254)"),
        ("http://[::1]/", "is a loopback address (::1)"),
        ("http://[fe80::1]/", "is a link-local address (fe80::1)"),
        ("http://[::ffff:192.168.0.1]/", "is a private address (::ffff:c0a8:1)"),
        ("http://0.0.0.0/", "is an unspecified address (0.0.0.0)"),
        ("http://no-such-host.invalid/", "the host name 'no-such-host.invalid' cannot be"),
    ],
)
def test_it_refuses_addresses_it_must_not_ask_before_connecting(url, reason):
    assert reason in refusal(url, OFF)


def test_public_addresses_pass_and_others_need_the_setting():
    public = ipaddress.ip_address("93.184.215.14")
    private = ipaddress.ip_address("192.168.1.5")
    assert kind_of(public) is None
    assert refusal_of(private, OFF) == "a private address"
    allow_all, networks = parse_allow_private("all")
    assert refusal_of(private, FetchPolicy(allow_all_private=allow_all)) is None
    _, networks = parse_allow_private("192.168.1.0/24, 127.0.0.1")
    assert refusal_of(private, FetchPolicy(allowed_networks=networks)) is None
    assert refusal_of(ipaddress.ip_address("10.0.0.1"), FetchPolicy(allowed_networks=networks))


def test_a_bad_allow_private_value_is_one_line_naming_the_setting():
    with pytest.raises(ValueError, match=r"^NEWSDRIFT_FETCH_ALLOW_PRIVATE: 'intranet' is not"):
        parse_allow_private("intranet")


def test_it_connects_to_the_address_it_checked_and_resolves_once(fetch_server, monkeypatch):
    """DNS rebinding: a name that answers an allowed address to the check and another
    one afterwards. The answers come from a stand-in resolver (no name of ours can be
    made to do that for real); the second answer is 127.0.0.2, where nothing listens,
    so a fetch that resolved again would fail instead of reaching the test server."""
    import socket

    real = socket.getaddrinfo
    answers = iter(["127.0.0.1", "127.0.0.2", "127.0.0.2"])
    asked = []

    def rebinding(host, port, *args, **kwargs):
        if host != "news.rebind.test":
            return real(host, port, *args, **kwargs)  # an address stays itself
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetch_page(fetch_server.url("/story", host="news.rebind.test"), LOCAL)
    assert page.status == 200
    assert asked == ["news.rebind.test"]
    assert fetch_server.hosts == [f"news.rebind.test:{fetch_server.port}"]
