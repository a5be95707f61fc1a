"""The XSS sweep: the hostile corpus imported every way, every page rendered.

The payloads of tests/data/hostile/payloads.json go in through the command line
(plain text, HTML and JSON files, and the command's title and outlet options) and
through the admin's import page; then every URL of the project is rendered for them,
as a full page and as an htmx partial, for a superuser, an editor and a viewer, and
every response is checked: no payload reaches markup, only its escaped form appears.
"""

from __future__ import annotations

import html
import json

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import AuditEvent, Comparison, Flag
from tests.reliability.figures import record
from tests.reliability.hostile import (
    SPECIAL,
    json_article,
    payloads,
    problems_in_html,
    raw_payloads_in,
    write_html_pair,
    write_text_pair,
)
from tests.reliability.urlwalk import walk


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def hostile_comparisons(seeded, tmp_path, editor) -> list[Comparison]:
    """The corpus imported through the command line in all three formats."""
    items = payloads()
    call_command("import_pair", *map(str, write_text_pair(tmp_path)), stdout=_Quiet())
    call_command(
        "import_pair",
        *map(str, write_html_pair(tmp_path)),
        "--source-outlet",
        items[2].text,
        "--retranslation-title",
        items[11].text,
        stdout=_Quiet(),
    )
    source, target = tmp_path / "hostile-source.json", tmp_path / "hostile-retranslation.json"
    source.write_text(json.dumps(json_article("reported", "Monday")), encoding="utf-8")
    target.write_text(json.dumps(json_article("claimed", "Tuesday")), encoding="utf-8")
    call_command("import_pair", str(source), str(target), stdout=_Quiet())
    comparisons = list(Comparison.objects.exclude(pk=seeded["comparison"].pk).order_by("pk"))
    assert len(comparisons) == 3
    # What editors type is hostile too: a note and an audit trail quoting payloads.
    for comparison, item in zip(comparisons, items, strict=False):
        unit = comparison.units.order_by("position").first()
        flag = Flag.objects.create(
            unit=unit,
            category="factual.name",
            severity="major",
            origin=Flag.Origin.EDITOR,
            status=Flag.Status.CONFIRMED,
            source_span=item.text,
            target_span=items[-1].text,
            note=f"Editor note {item.text}",
            author=editor,
        )
        AuditEvent.objects.create(
            comparison=comparison,
            unit=unit,
            flag=flag,
            actor=editor,
            action="flag.add",
            before={"note": item.text},
            after={"note": flag.note},
        )
    return comparisons


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
        for comparison in hostile_comparisons:
            for url in walk(objects_of(comparison, seeded)):
                urls.add(url.url)
                for headers in ({}, {"HX-Request": "true"}):
                    answer = client.get(url.url, headers=headers)
                    if not answer.get("Content-Type", "").startswith("text/html"):
                        continue
                    responses += 1
                    body = answer.content.decode()
                    where = f"{user.username} GET {url.url}{' (htmx)' if headers else ''}"
                    problems += problems_in_html(body, where)
                    problems += raw_payloads_in(body, texts, where)

    assert not problems, "\n".join(sorted(set(problems))[:60])
    record("hostile payloads in the corpus", len(texts))
    record("hostile sweep: URLs rendered", len(urls))
    record("hostile sweep: HTML responses checked", responses)


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
