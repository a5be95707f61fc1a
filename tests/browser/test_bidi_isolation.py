"""A right-to-left override in article text stays inside the element that holds it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.builders import build_comparison

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RLO = "\u202e"


def test_it_keeps_an_override_in_a_flags_words_from_reordering_the_evidence_line(
    page, live_server, editor
):
    comparison = build_comparison(
        [("Colonel Wayne Maroto said.", "Colonel Wayne Malotto said.")],
        flags={
            0: [
                {
                    "category": "factual.name",
                    "severity": "major",
                    "source_span": f"{RLO}Maroto",
                    "target_span": "Malotto",
                    "reason": "Name respelled.",
                }
            ]
        },
    )
    unit = comparison.units.get()
    sign_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/comparisons/{comparison.pk}/step/{unit.position}/")
    evidence = page.locator(".evidence").first
    source = evidence.locator("del").bounding_box()
    arrow = evidence.locator(".arrow").bounding_box()
    target = evidence.locator("ins").bounding_box()
    # Source words, then the arrow, then the retranslation's words, left to right: the
    # override reverses "Maroto" itself, not the line it sits in.
    assert source["x"] + source["width"] <= arrow["x"] + 1
    assert arrow["x"] + arrow["width"] <= target["x"] + 1
