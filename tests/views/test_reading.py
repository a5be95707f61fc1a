"""The reading mode: both whole articles side by side, each sentence a link to its unit."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Sentence
from tests.builders import build_comparison

from .conftest import UNITS, step_url


def reading_url(comparison, unit=None) -> str:
    url = reverse("articles:reading", args=[comparison.pk])
    return f"{url}?unit={unit}" if unit is not None else url


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_it_sends_a_signed_out_visitor_to_sign_in(client, comparison):
    response = client.get(reading_url(comparison))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_an_account_in_no_role(client, comparison, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x-y-z-w"))
    assert client.get(reading_url(comparison)).status_code == 403


def test_it_shows_both_whole_articles_each_sentence_linking_to_its_unit(viewer_client, comparison):
    soup = page(viewer_client, reading_url(comparison))
    source = soup.select_one('[data-pane="source"]')
    target = soup.select_one('[data-pane="target"]')
    source_links = [(a.get_text(" ", strip=True), a["href"]) for a in source.select("a[data-unit]")]
    assert source_links[:4] == [
        (UNITS[0][0], step_url(comparison, 0)),
        (UNITS[1][0], step_url(comparison, 1)),
        (UNITS[2][0], step_url(comparison, 2)),
        (f"{UNITS[3][0]} omitted", step_url(comparison, 3)),
    ]
    target_units = [a["data-unit"] for a in target.select("a[data-unit]")]
    assert target_units == ["0", "1", "2", "4"]  # unit 3 was omitted
    assert target.select("a[data-unit]")[-1].select_one(".rs-tag").get_text() == "added"
    # Each unit's first sentence is the anchor the panes scroll to.
    assert source.select_one("#source-u1")["data-unit"] == "1"
    assert target.select_one("#target-u4")["data-unit"] == "4"
    assert not soup.select(".is-current")


def test_it_serves_the_synchronised_scrolling_as_a_static_script(viewer_client, comparison):
    response = viewer_client.get(reading_url(comparison))
    html = response.content.decode()
    assert '<script src="/static/newsdrift/reading.js" defer></script>' in html
    assert "<style" not in html and " style=" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # The control only the script makes work is hidden until it runs.
    assert BeautifulSoup(html, "html.parser").select_one("[data-reading-tools]").has_attr("hidden")


def test_it_highlights_the_unit_the_reader_came_from(viewer_client, comparison):
    soup = page(viewer_client, reading_url(comparison, unit=1))
    assert soup.select_one("[data-reading]")["data-current"] == "1"
    current = soup.select(".is-current")
    assert [a["data-unit"] for a in current] == ["1", "1"]
    assert all(a["aria-current"] == "true" for a in current)


def test_it_ignores_a_unit_parameter_that_is_not_a_number(viewer_client, comparison):
    # "²" (%C2%B2) is a digit to str.isdigit() but not to int(); "١" is not ASCII.
    for value in ("x", "-1", "1e5", "9" * 40, "<b>", "%C2%B2", "%D9%A1"):
        soup = page(viewer_client, f"{reading_url(comparison)}?unit={value}")
        assert not soup.select_one("[data-reading]").has_attr("data-current")


def test_it_keeps_paragraphs_and_shows_metadata_lines_without_a_link(viewer_client, db):
    comparison = build_comparison([("First one.", "Erste."), ("Second one.", "Zweite.")])
    source = comparison.source
    Sentence.objects.filter(article=source, position=1).update(paragraph=7)
    Sentence.objects.create(
        article=source,
        position=5,
        paragraph=9,
        text="By A. Reporter",
        start=0,
        end=14,
        kind="byline",
    )
    soup = page(viewer_client, reading_url(comparison))
    paragraphs = soup.select('[data-pane="source"] .read-par')
    assert [p.get_text(" ", strip=True) for p in paragraphs][-2:] == [
        "Second one.",
        "By A. Reporter",
    ]
    assert paragraphs[-1].select_one(".rs-meta") and not paragraphs[-1].select("a")


def test_it_escapes_the_articles(viewer_client, db):
    hostile = build_comparison([('<script>alert("x")</script>', "<img src=x onerror=alert(1)>")])
    html = viewer_client.get(reading_url(hostile)).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_it_makes_the_same_queries_for_a_short_or_a_long_pair(viewer_client, db):
    short = build_comparison([("One.", "Uno.")] * 3)
    long = build_comparison([(f"Sentence {n}.", f"Satz {n}.") for n in range(80)])
    counts = []
    for comparison in (short, long):
        with CaptureQueriesContext(connection) as queries:
            viewer_client.get(reading_url(comparison))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_answers_404_for_a_missing_comparison(viewer_client, db):
    assert viewer_client.get(reverse("articles:reading", args=[999999])).status_code == 404


def test_the_step_view_and_the_overview_link_to_it(viewer_client, comparison):
    step = page(viewer_client, step_url(comparison, 2))
    link = step.select_one('a[data-key="reading"]')
    assert link["href"] == f"{reading_url(comparison, unit=2)}#source-u2"
    assert link["aria-keyshortcuts"] == "w"
    overview = page(viewer_client, reverse("articles:comparison", args=[comparison.pk]))
    assert overview.select_one("#read-whole")["href"] == reading_url(comparison)
