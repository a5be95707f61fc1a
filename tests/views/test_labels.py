"""Labels that say one thing: a shortcut hint is not read as part of its control's name
(\"Unreviewed 1\" read as a count), and the ledger's button says what it confirms."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.builders import build_comparison

from .conftest import step_url


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def accessible_text(element) -> str:
    """The element's text as assistive technology reads it: aria-hidden parts left out."""
    parts = []
    for text in element.find_all(string=True):
        node, hidden = text.parent, False
        while node is not None and node is not element.parent:
            hidden = hidden or node.get("aria-hidden") == "true"
            node = node.parent
        if not hidden:
            parts.append(text)
    return " ".join("".join(parts).split())


@pytest.mark.parametrize("position", [1, 2])
def test_it_hides_every_shortcut_hint_and_names_the_key_on_its_control(
    editor_client, comparison, position
):
    page = soup_of(editor_client.get(step_url(comparison, position)))

    hints = page.select("kbd")
    in_controls = [k for k in hints if k.find_parent(["a", "button", "summary"])]
    problems = []
    for hint in in_controls:
        control = hint.find_parent(["a", "button", "summary"])
        if hint.get("aria-hidden") != "true":
            problems.append(f"{control.get_text(' ', strip=True)!r}: hint not aria-hidden")
        # "Shift+D" names the key a "D" hint shows.
        keys = (control.get("aria-keyshortcuts") or "").split()
        if hint.get_text() not in keys + [k.removeprefix("Shift+") for k in keys]:
            problems.append(f"{control.get_text(' ', strip=True)!r}: no aria-keyshortcuts")

    assert len(in_controls) >= 8  # filters, undo, help, previous, next, OK, flag, accept
    assert not problems, "\n".join(problems)


def test_it_names_each_filter_by_its_words_alone(editor_client, comparison):
    page = soup_of(editor_client.get(step_url(comparison, 1)))

    filters = {
        accessible_text(a): a.get("aria-keyshortcuts") for a in page.select(".filters a.filter")
    }

    assert filters == {
        "All units": "0",
        "Not reviewed": "1",
        "With open suggestions": "2",
        "Flagged": "3",
    }


def test_it_says_how_many_units_a_ledger_confirmation_covers(editor_client, db):
    comparison = build_comparison(
        [
            ("Blinken spoke in Rome.", "Brinken spoke in Rome."),
            ("Maroto spoke.", "Malotto spoke."),
            ("Blinken told reporters.", "Brinken told reporters."),
        ],
    )
    comparison.ledger = [
        {"source": "Blinken", "target": "Brinken", "units": [0, 2]},
        {"source": "Maroto", "target": "Malotto", "units": [1]},
    ]
    comparison.save(update_fields=["ledger"])

    page = soup_of(editor_client.get(reverse("articles:comparison", args=[comparison.pk])))
    buttons = page.select("#ledger button")

    assert [accessible_text(b) for b in buttons] == [
        "Confirm Blinken → Brinken as a name flag in both units",
        "Confirm Maroto → Malotto as a name flag in its unit",
    ]
    visible = [
        " ".join(
            t
            for t in b.find_all(string=True)
            if "visually-hidden" not in (t.parent.get("class") or [])
        ).split()
        for b in buttons
    ]
    assert [" ".join(v) for v in visible] == ["Confirm in both units", "Confirm in its unit"]
