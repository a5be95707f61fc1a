"""A local webhook receiver: a threaded HTTP server on 127.0.0.1 that checks each
delivery's signature, as a newsroom system would, and answers as told."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.webhooks.models import EVENTS, WebhookEndpoint
from articles.webhooks.signing import HEADER, verify


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    secret: str
    url: str = ""
    received: list[Received] = field(default_factory=list)
    # Statuses to answer in turn (then 200): [500, 503] fails twice, then accepts.
    failures: list[int] = field(default_factory=list)

    def events(self) -> list[str]:
        return [r.json["event"] for r in self.received]


@pytest.fixture
def receiver():
    state = Receiver(secret="whsec_test-secret")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            ok = verify(state.secret, body, self.headers.get(HEADER, ""))
            state.received.append(Received(self.path, dict(self.headers), body, ok))
            status = state.failures.pop(0) if state.failures else (200 if ok else 401)
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"receiver says no\n(try later)")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/newsdrift?x=1"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def endpoint(db, receiver, settings) -> WebhookEndpoint:
    settings.NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    settings.NEWSDRIFT_WEBHOOK_BACKOFF_SECONDS = 30
    return WebhookEndpoint.objects.create(
        name="CMS", url=receiver.url, secret=receiver.secret, events=list(EVENTS)
    )
