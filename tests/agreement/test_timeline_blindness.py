"""The comparison's timeline keeps a blind double review blind: an editor's decisions,
flags and marks are left out until both editors have handed in; asking for the review
and handing in are shown."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse

from articles.agreement import blind

from .conftest import review_everything, side


def timeline_actions(client, comparison) -> list[str]:
    response = client.get(reverse("articles:timeline", args=[comparison.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".timeline-entry")]


def test_it_leaves_out_an_editors_decisions_while_the_other_is_reviewing(
    client, double_review, first, second
):
    review_everything(double_review, first, accept={0})
    unit = double_review.comparison.units.filter(flags__isnull=False).first()
    blind.decide(
        review=side(double_review, second), unit=unit, flag=unit.flags.first(), decision="dismiss"
    )
    client.force_login(second)

    lines = timeline_actions(client, double_review.comparison)

    text = "\n".join(lines)
    assert "asked for a blind double review" in text
    assert "edna handed in a blind review" in text
    for step in ("decided a suggestion", "marked a unit in", "flag in the blind review"):
        assert step not in text


def test_it_shows_every_step_once_both_have_handed_in(client, double_review, first, second):
    review_everything(double_review, first, accept={0})
    review_everything(double_review, second)
    client.force_login(second)

    text = "\n".join(timeline_actions(client, double_review.comparison))

    assert "edna decided a suggestion in the blind review" in text
    assert "otto marked a unit in the blind review" in text
    assert text.count("handed in a blind review") == 2
