"""The XSS sweep: the hostile corpus imported every way, every page rendered.

The payloads of tests/data/hostile/payloads.json go in through the command line
(plain text, HTML and JSON files, and the command's title and outlet options) and
through the admin's import page; then every URL of the project is rendered for them,
as a full page and as an htmx partial, for a superuser, an editor and a viewer, and
every response is checked: no payload reaches markup, only its escaped form appears.
"""

from __future__ import annotations

import html

from django.test import Client
from django.urls import reverse

from articles.models import Comparison
from tests.reliability.figures import record
from tests.reliability.hostile import SPECIAL, payloads, problems_in_html, raw_payloads_in
from tests.reliability.urlwalk import walk


def objects_of(comparison: Comparison, seeded: dict) -> dict:
    unit = comparison.units.filter(flags__isnull=False).order_by("position").first()
    flag = unit.flags.order_by("pk").first()
    return {
        **seeded,
        "comparison": comparison,
        "unit": unit,
        "alignmentunit": unit,
        "flag": flag,
        "event": comparison.audit.first(),
        "auditevent": comparison.audit.first(),
        "article": comparison.source,
        "sentence": comparison.source.sentences.order_by("position").first(),
    }


def test_it_shows_only_the_escaped_form_of_every_payload_everywhere(
    hostile_comparisons, seeded, editor, viewer
):
    texts = [p.text for p in payloads()]
    problems: list[str] = []
    responses = 0
    urls = set()
    for user in (seeded["superuser"], editor, viewer):
        client = Client()
        client.force_login(user)
        seen = set()
        for comparison in hostile_comparisons:
            for url in walk(objects_of(comparison, seeded)):
                if url.url in seen or (url.is_admin and not user.is_staff):
                    continue  # the admin sends non-staff away (tested in test_url_access)
                if url.variant not in ("", "html"):
                    continue  # CSV, JSON, Markdown and PDF: test_hostile_exports.py
                seen.add(url.url)
                urls.add(url.url)
                # Full pages, and the partials the same URL answers to htmx.
                for headers in [{}] if url.is_admin else [{}, {"HX-Request": "true"}]:
                    answer = client.get(url.url, headers=headers)
                    if not answer.get("Content-Type", "").startswith("text/html"):
                        continue
                    responses += 1
                    body = answer.content.decode()
                    where = f"{user.username} GET {url.url}{' (htmx)' if headers else ''}"
                    problems += problems_in_html(body, where)
                    problems += raw_payloads_in(body, texts, where)

    for where, body in hostile_comparisons.admin_pages.items():
        responses += 1
        problems += problems_in_html(body, where)
        problems += raw_payloads_in(body, texts, where)

    assert not problems, "\n".join(sorted(set(problems))[:60])
    record("hostile payloads in the corpus", len(texts))
    record("hostile sweep: URLs rendered", len(urls))
    record("hostile sweep: HTML responses checked", responses)


def test_it_escapes_every_unit_of_the_corpus_in_the_step_view(hostile_comparisons, editor):
    """The step view shows each unit with its word diff (markup built around article
    words): every unit of every hostile comparison."""
    texts = [p.text for p in payloads()]
    client = Client()
    client.force_login(editor)
    problems, steps = [], 0
    for number, comparison in enumerate(hostile_comparisons):
        # Pages for every comparison; the htmx swaps (the same partial) for the first.
        variants = [{}, {"HX-Request": "true"}] if number == 0 else [{}]
        for position in comparison.units.values_list("position", flat=True):
            url = reverse("articles:step", args=[comparison.pk, position])
            for headers in variants:
                answer = client.get(url, headers=headers)
                assert answer.status_code == 200, url
                body = answer.content.decode()
                problems += problems_in_html(body, url) + raw_payloads_in(body, texts, url)
                steps += 1

    assert not problems, "\n".join(sorted(set(problems))[:60])
    record("hostile sweep: step views of every unit checked", steps)


def test_it_shows_each_stored_payload_escaped_on_the_pages_that_show_it(
    hostile_comparisons, seeded
):
    client = Client()
    client.force_login(seeded["superuser"])
    shown = 0
    for comparison in hostile_comparisons:
        page = client.get(comparison.get_absolute_url()).content.decode()
        for unit in comparison.units.all():
            for text in (unit.source_text, unit.target_text):
                if text:
                    assert html.escape(text) in page, text
                    shown += 1
    assert shown > 60
    # Template syntax in article text is shown as typed, never evaluated.
    assert "{{ request.user.password }}" in page
    record("hostile sweep: unit texts found escaped on the overview", shown)


def test_it_catches_every_payload_rendered_unescaped():
    """The sweep's checks are not vacuous: each markup payload, left unescaped, fails."""
    missed = []
    for item in payloads():
        if not SPECIAL.search(item.text):
            continue  # plain text (template syntax, bidi and zero-width characters)
        page = f"<html><body><p>Officials said {item.text} today.</p></body></html>"
        if not raw_payloads_in(page, [item.text], item.id):
            missed.append(item.id)
        assert not problems_in_html(
            f"<html><body><p>{html.escape(item.text)}</p></body></html>", item.id
        ), item.id
    assert not missed
    structural = [
        p.id
        for p in payloads()
        if problems_in_html(f"<html><body><p>{p.text}</p></body></html>", p.id)
    ]
    assert len(structural) >= 14, structural
