"""A real HTTP server on 127.0.0.1 for the import-by-URL tests: news-like pages we
wrote (tests/fetching/pages.py) and every way a fetch must refuse to go on.

Routes:
- /story, /retold (its retranslation), /story-2 (another story), /hostile (markup
  in its title and text, as text), /bare (paragraphs
  with no article markup), /changing (its text follows `state["version"]`);
- /hop/N (N redirects, then /story), /loop (redirects to itself), /to-private (a
  redirect to 127.0.0.2, a loopback address the tests do not allow), /to-localhost
  (a redirect to localhost), /to-ftp;
- /slow (headers after `state["slow_seconds"]`), /drip (a byte every 0.1 s), /huge (a
  body larger than any limit the tests set, with no Content-Length), /huge-declared
  (a Content-Length over the limit), /odd-length (a Content-Length that is no number),
  /gzip-bomb (64 MiB compressed small), /image (image/png), /missing (404), /empty.

Every request's path is recorded in `requests` and its Host header in `hosts`, to
show what was (not) asked for and under which name.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.fetching.pages import CHANGED_PARAGRAPH, STORY_PARAGRAPHS, news_page, retold_page

SECOND_STORY = news_page(
    title="City council approves budget after long debate",
    paragraphs=(
        "The city council approved a budget of 4.2 billion dollars on Tuesday after a "
        "debate that lasted nine hours.",
        "Mayor Ana Ruiz said the budget keeps every library open.",
        "Three members voted against it, citing the cost of the new tram line.",
    ),
    canonical="https://news.example.org/local/council-budget",
)
# Markup in the text itself (entities in the page): it must come out as text.
HOSTILE_STORY = news_page(
    title="&lt;img src=x onerror=alert(1)&gt; Rockets hit US base",
    paragraphs=(
        "US forces came under fire &lt;script&gt;alert(2)&lt;/script&gt; on Monday, "
        "officials said.",
        "No one was hurt in the attack, a spokesman said.",
    ),
)
HUGE_BYTES = 3 * 1024 * 1024


@functools.cache
def gzip_bomb() -> bytes:
    """64 MiB of spaces in an HTML page, compressed to about 64 KiB."""
    return gzip.compress(b"<html><body><p>" + b" " * (64 * 1024 * 1024), compresslevel=9)


@dataclass
class FetchServer:
    port: int
    state: dict = field(default_factory=lambda: {"version": 1, "slow_seconds": 3.0})
    requests: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)  # the Host header of each request

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _changing_page(version: int) -> str:
    paragraphs = list(STORY_PARAGRAPHS)
    if version > 1:
        paragraphs[4] = CHANGED_PARAGRAPH
    if version > 2:
        paragraphs.append(f"This story was updated {version - 1} times.")
    return news_page(paragraphs=tuple(paragraphs))


def _handler(server_state: FetchServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            server_state.requests.append(self.path)
            server_state.hosts.append(self.headers.get("Host", ""))
            path = self.path.split("?", 1)[0]
            port = server_state.port
            try:
                if path == "/story":
                    self._html(news_page())
                elif path == "/retold":
                    self._html(retold_page())
                elif path == "/hostile":
                    self._html(HOSTILE_STORY)
                elif path == "/story-2":
                    self._html(SECOND_STORY)
                elif path == "/changing":
                    self._html(_changing_page(server_state.state["version"]))
                elif path == "/bare":
                    paragraphs = "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[:3])
                    self._html(f"<html><body>{paragraphs}</body></html>")
                elif path.startswith("/hop/"):
                    left = int(path.rsplit("/", 1)[1])
                    self._redirect("/story" if left <= 1 else f"/hop/{left - 1}")
                elif path == "/loop":
                    self._redirect("/loop")
                elif path == "/to-private":
                    self._redirect(f"http://127.0.0.2:{port}/story")
                elif path == "/to-localhost":
                    self._redirect(f"http://localhost:{port}/story")
                elif path == "/to-ftp":
                    self._redirect("ftp://127.0.0.1/story.html")
                elif path == "/slow":
                    time.sleep(server_state.state["slow_seconds"])
                    self._html(news_page())
                elif path == "/drip":
                    self._drip()
                elif path == "/huge":
                    self._huge()
                elif path == "/huge-declared":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(50 * 1024 * 1024))
                    self.end_headers()
                    self.wfile.write(b"<html><body><p>" + b"x" * 1024)
                elif path == "/odd-length":
                    # A Content-Length of "²": a digit to str.isdigit(), not to int().
                    body = news_page().encode("utf-8")
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", "²")
                    self.end_headers()
                    self.wfile.write(body)
                elif path == "/gzip-bomb":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(gzip_bomb())))
                    self.end_headers()
                    self.wfile.write(gzip_bomb())
                elif path == "/image":
                    self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
                elif path == "/empty":
                    self._send(200, "text/html; charset=utf-8", b"")
                else:
                    self._send(404, "text/html", b"<html><body>Not found</body></html>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should have

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _html(self, text: str) -> None:
            self._send(200, "text/html; charset=utf-8", text.encode("utf-8"))

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _drip(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>")
            for _ in range(100):  # at most 10 s, whatever the client does
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)

        def _huge(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"filler words " * 5000 + b"</p>\n"
            sent = 0
            while sent < HUGE_BYTES:
                self.wfile.write(chunk)
                sent += len(chunk)

    return Handler


@contextmanager
def serving() -> Iterator[FetchServer]:
    state = FetchServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
