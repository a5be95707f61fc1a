"""Editors at work, for locust: sign in, open the dashboard, page and search it with htmx,
open a comparison, step through its units deciding and flagging, now and then undo.

Run by bench/bench_web.py (which starts gunicorn and passes these settings through the
environment); by hand:

    BENCH_EDITORS=bench-editor-01,… BENCH_EDITOR_PASSWORD=… BENCH_COMPARISONS=pks.json \
    locust -f bench/locustfile.py --headless -u 20 -r 5 --run-time 60s \
        --host http://127.0.0.1:8765

Every request goes to the address given with --host (loopback). It behaves as the TLS
proxy and a browser together: `X-Forwarded-Proto: https` on every request (the server
runs with BEHIND_TLS_PROXY=1, as in production), the CSRF token from the page's forms
with an `Origin` header on every POST, and the htmx headers on the partial requests.
Each editor reviews comparisons of its own (no two editors on one unit), pauses between
actions as a fast editor would (BENCH_THINK seconds, default 0.5–2), and stops after
BENCH_ITERATIONS comparisons; the run also ends at --run-time. The figures start once
every editor has signed in, each then pausing once before its first action.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from urllib.parse import urlencode, urlsplit

import gevent
import gevent.event
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

EDITORS = [name for name in os.environ.get("BENCH_EDITORS", "").split(",") if name]
PASSWORD = os.environ.get("BENCH_EDITOR_PASSWORD", "")
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "40"))
STEPS_PER_COMPARISON = int(os.environ.get("BENCH_STEPS", "8"))
HEALTHZ = os.environ.get("BENCH_HEALTHZ", "1") == "1"
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "0.5,2").split(","))
# What editors type in the search box: "name=words" pairs separated by ";".
SEARCHES = [
    tuple(pair.split("=", 1))
    for pair in os.environ.get("BENCH_SEARCHES", "dashboard search (htmx)=border").split(";")
    if "=" in pair
]
COMPARISONS: list[int] = []
if os.environ.get("BENCH_COMPARISONS"):
    with open(os.environ["BENCH_COMPARISONS"]) as handle:
        COMPARISONS = json.load(handle)

_next_editor = itertools.count()
_running = {"users": 0, "signed_in": 0}
# Every editor waits here after signing in; the last one to sign in clears the figures
# and lets everyone go, so that the figures are the working day's and not the burst of
# 20 password checks at 9 o'clock (gunicorn's access log still has those).
_all_signed_in = gevent.event.Event()

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
UNIT = re.compile(r'data-unit="(\d+)" data-version="(\d+)"')
POSITION = re.compile(r'id="unit-title" class="unit-title">Unit (\d+)')
SUGGESTION = re.compile(r'data-flag="(\d+)" tabindex="0" data-suggestion')
NEXT = re.compile(r'href="(/comparisons/\d+/step/\d+/[^"]*)"[^>]*rel="next"')
CONFIRMED = re.compile(r'Confirmed flags <span class="count-badge">(\d+)</span>')
CATEGORY = re.compile(r'<select name="category"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')


class Unit:
    """What the editor sees of the current unit: enough to act on it."""

    def __init__(self, html: str) -> None:
        found = UNIT.search(html)
        position = POSITION.search(html)
        if not found or not position:
            raise ValueError("the response shows no unit (data-unit/unit-title not found)")
        self.pk, self.version = int(found.group(1)), int(found.group(2))
        self.position = int(position.group(1))
        self.suggestions = [int(pk) for pk in SUGGESTION.findall(html)]
        following = NEXT.search(html)
        self.next_url = following.group(1).replace("&amp;", "&") if following else None
        confirmed = CONFIRMED.search(html)
        self.confirmed = int(confirmed.group(1)) if confirmed else 0
        select = CATEGORY.search(html)
        self.categories = OPTION.findall(select.group(1)) if select else []


class Editor(FastHttpUser):
    wait_time = between(*THINK)
    undoable = 0  # changes on the current comparison not undone yet

    def on_start(self) -> None:
        if not EDITORS or not COMPARISONS:
            raise StopUser()
        index = next(_next_editor) % len(EDITORS)
        self.username = EDITORS[index]
        self.comparisons = COMPARISONS[index :: len(EDITORS)] or COMPARISONS
        self.origin = "https://" + urlsplit(self.host).netloc
        self.token = ""
        self.iterations = 0
        _running["users"] += 1
        self.sign_in()
        _running["signed_in"] += 1
        if _running["signed_in"] >= self.environment.parsed_options.num_users:
            self.environment.stats.reset_all()
            _all_signed_in.set()
        _all_signed_in.wait(timeout=120)
        # Then a pause, as before every other action: released at once, all 20 asked
        # for the dashboard in the same instant, and its p95 was that queue's (two
        # workers, 20 requests: 110–130 ms against 14 ms served; docs/PERFORMANCE.md).
        self.wait()

    def on_stop(self) -> None:
        _running["users"] -= 1
        if _running["users"] <= 0 and self.environment.runner is not None:
            # Everyone has finished: end the run now rather than idle until --run-time.
            gevent.spawn_later(0.5, self.environment.runner.quit)

    # --- requests -------------------------------------------------------------------

    def _headers(self, htmx: bool = False, post: bool = False) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https"}
        if htmx:
            headers |= {"HX-Request": "true", "HX-Current-URL": self.origin + "/"}
        if post:
            headers |= {
                "Origin": self.origin,
                "Referer": self.origin + "/",
                "X-CSRFToken": self.token,
            }
        return headers

    def _remember_token(self, html: str) -> None:
        if found := CSRF_INPUT.search(html):
            self.token = found.group(1)

    def get(self, url: str, name: str, *, htmx: bool = False, expect: int = 200) -> str | None:
        with self.client.get(
            url, name=name, headers=self._headers(htmx), allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != expect:
                response.failure(f"{name}: status {response.status_code}, expected {expect}")
                return None
            text = response.text or ""
            self._remember_token(text)
            if expect == 302:
                return response.headers.get("Location", "")
            return text

    def post(self, url: str, data: dict, name: str, *, htmx: bool = True) -> str | None:
        form = {"csrfmiddlewaretoken": self.token, **data}
        with self.client.post(
            url,
            data=form,
            name=name,
            headers=self._headers(htmx, post=True),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 302):
                response.failure(f"{name}: status {response.status_code}")
                return None
            text = response.text or ""
            self._remember_token(text)
            # Every change on this comparison can be undone once; an undo uses one up.
            if "/comparisons/" in url and name != "sign in (POST)":
                self.undoable += -1 if name == "undo (htmx)" else 1
            return text

    # --- what an editor does ----------------------------------------------------------

    def sign_in(self) -> None:
        self.get("/accounts/login/", "sign-in page (trivial)")
        with self.client.post(
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": self.token,
                "username": self.username,
                "password": PASSWORD,
            },
            name="sign in (POST)",
            headers=self._headers(post=True),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign in as {self.username}: status {response.status_code}")
                raise StopUser()

    @task
    def review_a_comparison(self) -> None:
        if self.iterations >= ITERATIONS:
            raise StopUser()
        self.iterations += 1
        if HEALTHZ:
            self.get("/healthz", "healthz (trivial)")
        self.get("/", "dashboard")
        self.wait()
        self.get(f"/?page={random.randint(2, 40)}", "dashboard page (htmx)", htmx=True)
        self.wait()
        self.get("/?status=in_review", "dashboard filter (htmx)", htmx=True)
        self.wait()
        for name, words in SEARCHES:
            self.get(f"/?{urlencode({'q': words})}", name, htmx=True)
            self.wait()
        pk = random.choice(self.comparisons)
        self.get(f"/comparisons/{pk}/", "overview")
        self.wait()
        location = self.get(f"/comparisons/{pk}/review/", "review start (redirect)", expect=302)
        if not location:
            return
        target = urlsplit(location)
        html = self.get(
            target.path + (f"?{target.query}" if target.query else ""), "step (full page)"
        )
        self.get("/accounts/login/", "sign-in page (trivial)")
        self.undoable = 0
        for _ in range(STEPS_PER_COMPARISON):
            if not html:
                return
            self.wait()
            html = self.act_on(pk, html)

    def act_on(self, pk: int, html: str) -> str | None:
        """One decision (or a look at the next unit); returns the unit shown next."""
        try:
            unit = Unit(html)
        except ValueError as error:
            events.request.fire(
                request_type="PARSE", name="step (parse)", response_time=0,
                response_length=0, exception=error, context={},
            )  # fmt: skip
            return None
        base = f"/comparisons/{pk}/units/{unit.pk}/"
        hidden = {"version": unit.version, "show": "all", "position": unit.position}
        roll = random.random()
        if roll < 0.2 and unit.next_url:
            # Look at the next unit without deciding about this one.
            return self.get(unit.next_url, "step (htmx)", htmx=True)
        if roll < 0.45 and unit.suggestions:
            flag = unit.suggestions[0]
            action = "accept" if random.random() < 0.6 else "dismiss"
            html = self.post(f"{base}flags/{flag}/{action}/", hidden, f"flag {action} (htmx)")
            if html is None:
                return None
            unit = Unit(html)
            hidden["version"] = unit.version
            self.wait()
            # A unit with a confirmed flag cannot be OK (the server refuses it with 422):
            # one accepted earlier whose mark an undo took back is still confirmed.
            state = "flagged" if action == "accept" or unit.confirmed else "ok"
            return self.post(f"{base}mark/", {**hidden, "state": state}, f"mark {state} (htmx)")
        if roll < 0.55 and unit.categories:
            added = self.post(
                f"{base}flags/",
                {
                    **hidden,
                    "category": random.choice(unit.categories),
                    "severity": random.choice(("minor", "major")),
                    "source_span": "",
                    "target_span": "",
                    "note": "Checked against the wire copy.",
                },
                "flag add (htmx)",
            )
            if added is None:
                return None
            hidden["version"] = Unit(added).version
            self.wait()
            return self.post(f"{base}mark/", {**hidden, "state": "flagged"}, "mark flagged (htmx)")
        if roll < 0.6 and self.undoable > 0:
            # Undo this editor's last change here (one not undone yet).
            self.post(f"/comparisons/{pk}/undo/", {"show": "all", "position": unit.position},
                      "undo (htmx)")  # fmt: skip
            return self.get(f"/comparisons/{pk}/step/{unit.position}/", "step (htmx)", htmx=True)
        if unit.confirmed:
            # An editor's earlier flag stands (a unit with confirmed flags cannot be OK).
            return self.post(f"{base}mark/", {**hidden, "state": "flagged"}, "mark flagged (htmx)")
        return self.post(f"{base}mark/", {**hidden, "state": "ok"}, "mark ok (htmx)")
