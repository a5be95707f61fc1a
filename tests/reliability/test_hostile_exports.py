"""The hostile corpus through every export: CSV cells never run as formulas, Markdown
carries no live markup, the PDF renderer fetches nothing, JSON keeps the text exact."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from articles.models import AlignmentUnit
from tests.reliability.figures import record

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def superuser_client(seeded):
    client = Client()
    client.force_login(seeded["superuser"])
    return client


def export_urls(comparisons, fmt: str) -> list[str]:
    ids = ",".join(str(c.pk) for c in comparisons)
    return [reverse("reports:comparison", args=[c.pk, fmt]) for c in comparisons] + [
        f"{reverse('reports:selection', args=[fmt])}?ids={ids}"
    ]


def test_it_neutralises_every_formula_cell_in_csv_exports(hostile_comparisons, superuser_client):
    cells = neutralised = 0
    for url in export_urls(hostile_comparisons, "csv"):
        answer = superuser_client.get(url)
        assert answer.status_code == 200, url
        text = b"".join(answer.streaming_content if answer.streaming else [answer.content])
        for row in csv.reader(io.StringIO(text.decode("utf-8-sig"))):
            for cell in row:
                cells += 1
                assert not cell.startswith(FORMULA_STARTS), (url, cell)
                neutralised += cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS)

    assert neutralised >= 3 * 4 * 3  # every formula note and span, per comparison
    record("CSV export cells checked / formulas neutralised", f"{cells} / {neutralised}")


def test_it_escapes_all_markup_in_markdown_exports(hostile_comparisons, superuser_client):
    for url in export_urls(hostile_comparisons, "md"):
        text = superuser_client.get(url).content.decode()
        # Every < is escaped, and no scheme can become a link.
        assert not re.search(r"(?<!\\)<", text), url
        assert not re.search(r"(?i)(?<!\\)\bjavascript:", text), url


def test_it_renders_pdf_exports_without_fetching_anything(hostile_comparisons, superuser_client):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the network is off limits to the PDF renderer")

    with (
        mock.patch.object(socket.socket, "connect", refuse),
        mock.patch.object(socket, "create_connection", refuse),
        mock.patch.object(socket, "getaddrinfo", refuse),
    ):
        answers = [superuser_client.get(u) for u in export_urls(hostile_comparisons, "pdf")]

    assert attempts == []
    for answer in answers:
        assert answer.status_code == 200
        data = b"".join(answer.streaming_content) if answer.streaming else answer.content
        assert data.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                assert "/JS" not in action and "evil.example" not in str(action.get("/URI", ""))
        assert b"/JavaScript" not in data and b"/Launch" not in data
    record("PDF exports rendered with the network off, fetches", f"{len(answers)}, 0")


def test_it_keeps_article_text_exact_in_json_exports(hostile_comparisons, superuser_client):
    stored = {
        (u.comparison_id, u.position): (u.source_text, u.target_text)
        for u in AlignmentUnit.objects.filter(comparison__in=hostile_comparisons)
    }
    compared = 0
    for comparison in hostile_comparisons:
        url = reverse("reports:comparison", args=[comparison.pk, "json"])
        answer = superuser_client.get(url)
        data = b"".join(answer.streaming_content) if answer.streaming else answer.content
        document = json.loads(data)
        for unit in _units(document):
            key = (comparison.pk, unit["position"])
            assert (unit["source_text"], unit["target_text"]) == stored[key]
            compared += 1
    assert compared >= 90


def _units(document: dict):
    for report in document.get("comparisons", [document]):
        yield from report.get("units", [])
