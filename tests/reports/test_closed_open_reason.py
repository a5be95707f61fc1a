"""A comparison staff closed with things still open says so, with the reason, in every
format; units are numbered from 1 in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from articles.models import Comparison
from articles.reports.export import comparison_document
from articles.review.units import mark_done
from tests.reports.conftest import as_bytes, as_text

REASON = "Deadline: desk chief checked the open names by phone; “Malotto” stays."
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report-format.schema.json"


@pytest.fixture
def closed(reviewed, importer) -> Comparison:
    """The reviewed comparison with units still open, closed by staff with a reason."""
    reviewed.units.filter(position=6).update(review_state="unreviewed")
    mark_done(user=importer, comparison=reviewed, override_reason=REASON)
    reviewed.refresh_from_db()
    return reviewed


def test_the_json_report_carries_the_reason_and_validates(closed):
    data = json.loads(as_text(comparison_document(closed.pk, "json")))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["comparison"]["status"] == "done"
    assert data["comparison"]["closed_open_reason"] == REASON
    assert [u["number"] for u in data["units"]] == [u["position"] + 1 for u in data["units"]]
    assert data["units"][0]["number"] == 1


def test_the_csv_report_carries_the_reason_and_the_unit_number(closed):
    text = as_text(comparison_document(closed.pk, "csv")).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert {row["closed_open_reason"] for row in rows} == {REASON}
    assert all(int(row["unit_number"]) == int(row["unit_position"]) + 1 for row in rows)


def test_the_markdown_report_says_it_was_closed_with_things_open(closed):
    markdown = as_text(comparison_document(closed.pk, "md"))
    assert "**Closed with things still open.** Reason: Deadline" in markdown
    assert "### Unit 0 " not in markdown


def test_the_html_report_says_it_was_closed_with_things_open(closed):
    html = as_text(comparison_document(closed.pk, "html"))
    assert "Closed with things still open.</strong> Reason: Deadline" in html
    assert ">Unit 0<" not in html


def test_the_pdf_report_says_it_was_closed_with_things_open(closed):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(as_bytes(comparison_document(closed.pk, "pdf"))))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Closed with things still open. Reason: Deadline" in text


def test_a_comparison_done_without_override_has_no_reason(reviewed):
    data = json.loads(as_text(comparison_document(reviewed.pk, "json")))
    assert data["comparison"]["closed_open_reason"] == ""
    assert "Closed with things still open" not in as_text(comparison_document(reviewed.pk, "md"))
