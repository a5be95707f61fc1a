"""The review pages render exactly as recorded: speed work on the views and templates
(issue 18) must not change a byte of what editors see.

`tests/data/page_snapshot.json` holds the seed pair's pages — every unit's step view
(htmx), the whole step page, a filtered one, a viewer's, an action's answer, the
overview and the dashboard — with what differs between runs replaced by placeholders
(CSRF tokens, ids, times). It is a regression snapshot, recorded from the code before
the change; after a change that means to alter these pages, record it again with

    SNAPSHOT_WRITE=1 .venv/bin/python -m pytest tests/views/test_page_snapshot.py

and read the diff of the JSON file before committing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

import pytest
from django.urls import reverse

from articles.models import Comparison, Flag
from tests.conftest import REPO

from .conftest import HTMX

SNAPSHOT = REPO / "tests" / "data" / "page_snapshot.json"
# Where a run that differs leaves its pages, to compare with the recorded ones.
ACTUAL = REPO / "var" / "page_snapshot-actual.json"
# Recorded in full; the other pages (every unit's step view, …) by their digest only.
IN_FULL = (
    "dashboard (htmx)",
    "flag accept (htmx answer)",
    "overview",
    "step (full page)",
    "step as a viewer (full page)",
    "step filtered (full page)",
)


class Normaliser:
    """Replaces what changes from run to run: ids by names, tokens and times by marks."""

    def __init__(self, comparison) -> None:
        others = Comparison.objects.exclude(pk=comparison.pk).order_by("pk")
        self.names = {("c", str(c.pk)): f"C{index}" for index, c in enumerate(others)}
        self.names[("c", str(comparison.pk))] = "C"
        for unit in comparison.units.all():
            self.names[("u", str(unit.pk))] = f"U{unit.position}"
        flags = Flag.objects.filter(unit__comparison=comparison).order_by("unit__position", "id")
        for index, flag in enumerate(flags):
            self.names[("f", str(flag.pk))] = f"F{index}"

    def _name(self, kind: str, pk: str) -> str:
        return self.names.get((kind, pk), f"{kind.upper()}?")

    def _flags(self, match: re.Match) -> str:
        names = ",".join(self._name("f", pk) for pk in match[1].split(","))
        return f'name="flags" value="{names}"'

    def _versions(self, match: re.Match) -> str:
        pairs = (pair.split(":") for pair in match[1].split(","))
        names = ",".join(f"{self._name('u', pk)}:{version}" for pk, version in pairs)
        return f'name="versions" value="{names}"'

    def __call__(self, html: str) -> str:
        name = self._name
        html = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1TOKEN", html)
        html = re.sub(r'("X-CSRFToken": ")[^"]+', r"\1TOKEN", html)
        html = re.sub(r"/comparisons/(\d+)/", lambda m: f"/comparisons/{name('c', m[1])}/", html)
        html = re.sub(r"/units/(\d+)/", lambda m: f"/units/{name('u', m[1])}/", html)
        html = re.sub(r"/flags/(\d+)/", lambda m: f"/flags/{name('f', m[1])}/", html)
        html = re.sub(r'data-unit="(\d+)"', lambda m: f'data-unit="{name("u", m[1])}"', html)
        html = re.sub(r"flag-(\d+)", lambda m: f"flag-{name('f', m[1])}", html)
        html = re.sub(r'data-flag="(\d+)"', lambda m: f'data-flag="{name("f", m[1])}"', html)
        html = re.sub(r'value="(\d+):', lambda m: f'value="{name("u", m[1])}:', html)
        html = re.sub(r'name="flags" value="([\d,]+)"', self._flags, html)
        html = re.sub(r'name="versions" value="([\d:,]+)"', self._versions, html)
        html = re.sub(r"#(\d+) ", lambda m: f"#{name('c', m[1])} ", html)
        html = re.sub(r'Pick up #(\d+)"', lambda m: f'Pick up #{name("c", m[1])}"', html)
        html = re.sub(r'col-id">(\d+)<', lambda m: f'col-id">{name("c", m[1])}<', html)
        html = re.sub(r"comments-unit-(\d+)", lambda m: f"comments-unit-{name('u', m[1])}", html)
        html = re.sub(
            r'name="unit" value="(\d+)"', lambda m: f'name="unit" value="{name("u", m[1])}"', html
        )
        html = re.sub(
            r'name="(comparisons?)" value="(\d+)"',
            lambda m: f'name="{m[1]}" value="{name("c", m[2])}"',
            html,
        )
        html = re.sub(r'datetime="[^"]+"', 'datetime="TIME"', html)
        html = re.sub(r"\d{1,2} [A-Z][a-z]{2},? \d\d:\d\d", "TIME", html)
        return html


def _get(client, url: str, **headers) -> str:
    return client.get(url, **headers).content.decode()


def _pages(client, viewer_client, comparison) -> dict[str, str]:
    units = list(comparison.units.order_by("position"))

    def step(position: int, query: str = "") -> str:
        return reverse("articles:step", args=[comparison.pk, position]) + query

    pages: dict[str, str] = {}
    # Some decisions first, so that every kind of flag and unit state is shown.
    with_suggestions = [u for u in units if u.flags.filter(status=Flag.Status.SUGGESTED).exists()]
    accepted_unit, dismissed_unit = with_suggestions[0], with_suggestions[1]
    flag = accepted_unit.flags.filter(status=Flag.Status.SUGGESTED).order_by("id").first()
    hidden = {"version": accepted_unit.version, "show": "all", "position": accepted_unit.position}
    response = client.post(
        reverse("articles:flag_accept", args=[comparison.pk, accepted_unit.pk, flag.pk]),
        hidden,
        **HTMX,
    )
    pages["flag accept (htmx answer)"] = response.content.decode()
    flag = dismissed_unit.flags.filter(status=Flag.Status.SUGGESTED).order_by("id").first()
    client.post(
        reverse("articles:flag_dismiss", args=[comparison.pk, dismissed_unit.pk, flag.pk]),
        {"version": dismissed_unit.version, "show": "all", "position": dismissed_unit.position},
        **HTMX,
    )
    first = units[0]
    response = client.post(
        reverse("articles:unit_mark", args=[comparison.pk, first.pk]),
        {"version": first.version, "show": "all", "position": 0, "state": "ok"},
        **HTMX,
    )
    pages["mark ok (htmx answer)"] = response.content.decode()
    for unit in units:
        pages[f"step {unit.position} (htmx)"] = _get(client, step(unit.position), **HTMX)
    pages["step (full page)"] = _get(client, step(accepted_unit.position))
    filtered = step(dismissed_unit.position, "?show=suggested&category=factual.name")
    pages["step filtered (full page)"] = _get(client, filtered)
    pages["step as a viewer (full page)"] = _get(viewer_client, step(accepted_unit.position))
    pages["overview"] = _get(client, reverse("articles:comparison", args=[comparison.pk]))
    dashboard = reverse("articles:dashboard")
    pages["dashboard"] = _get(client, dashboard)
    pages["dashboard (htmx)"] = _get(client, dashboard + "?status=in_review", **HTMX)
    normalise = Normaliser(comparison)
    return {name: normalise(html) for name, html in pages.items()}


@pytest.fixture
def two_clients(client, editor, viewer):
    from django.test import Client

    client.force_login(editor)
    other = Client()
    other.force_login(viewer)
    return client, other


# Ids from 1 on every database: PostgreSQL's sequences do not go back when a test's
# transaction is rolled back, so after other tests its ids would differ from SQLite's,
# and ids the normaliser does not know (an article's, a story's) would differ too.
@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_review_pages_render_as_recorded(two_clients, seed_comparison):
    editor_client, viewer_client = two_clients
    pages = _pages(editor_client, viewer_client, seed_comparison)
    kept = {
        name: html if name in IN_FULL else hashlib.sha256(html.encode()).hexdigest()
        for name, html in pages.items()
    }
    if os.environ.get("SNAPSHOT_WRITE") == "1":
        SNAPSHOT.write_text(json.dumps(kept, indent=0, ensure_ascii=False, sort_keys=True) + "\n")
        pytest.skip(f"recorded {SNAPSHOT.relative_to(REPO)}")
    recorded = json.loads(SNAPSHOT.read_text())
    differ = sorted(
        name for name in recorded.keys() | kept.keys() if recorded.get(name) != kept.get(name)
    )
    if differ:
        ACTUAL.parent.mkdir(exist_ok=True)
        ACTUAL.write_text(json.dumps(pages, indent=0, ensure_ascii=False, sort_keys=True) + "\n")
    assert not differ, f"pages not as recorded: {differ} (they are in {ACTUAL})"
