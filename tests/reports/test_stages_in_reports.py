"""Every report format carries the review and approval stages: the reviewer, the
approver, the date of each stage and every send-back; the JSON still validates, and a
report without stages keeps its shape."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pypdf
import pytest

from articles.assignments import stages
from articles.models import Comparison
from articles.reports.data import report_for
from articles.reports.export import comparison_document
from articles.review.units import mark_done
from articles.roles import APPROVERS
from tests.reports.conftest import as_bytes, as_text
from tests.team_helpers import make_user

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report-format.schema.json"
NOTE = "Unit 5: =check the <b>quote</b> again"


@pytest.fixture
def approved(reviewed, editor) -> Comparison:
    """Reviewed by the editor, sent back once, marked done again, then approved."""
    approver = make_user("april", APPROVERS)
    mark_done(user=editor, comparison=reviewed)
    assert reviewed.status == "in_approval"
    stages.send_back(user=approver, comparison=reviewed, note=NOTE)
    mark_done(user=editor, comparison=reviewed)
    stages.approve(user=approver, comparison=reviewed)
    reviewed.refresh_from_db()
    return reviewed


def test_the_json_report_carries_the_stages_and_validates(approved):
    data = json.loads(as_text(comparison_document(approved.pk, "json")))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(data)
    got = data["comparison"]["stages"]
    assert data["comparison"]["status"] == "done"
    assert (got["reviewer"], got["approver"]) == ("edna", "april")
    assert got["review_started_at"] <= got["reviewed_at"] <= got["approved_at"]
    assert got["send_backs"] == [
        {
            "at": got["send_backs"][0]["at"],
            "by": "april",
            "reviewer": "edna",
            "note": NOTE,
        }
    ]


def test_a_comparison_never_reviewed_has_empty_stages_and_still_validates(db):
    from tests.builders import build_comparison

    fresh = build_comparison([("One.", "Uno.")], flags={0: [{"category": "omission"}]})
    data = json.loads(as_text(comparison_document(fresh.pk, "json")))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(data)
    assert data["comparison"]["stages"] == {
        "review_started_at": None,
        "reviewer": None,
        "reviewed_at": None,
        "approver": None,
        "approved_at": None,
        "send_backs": [],
    }


def test_a_report_written_before_the_stages_still_validates(approved):
    data = json.loads(as_text(comparison_document(approved.pk, "json")))
    del data["comparison"]["stages"]
    data["comparison"]["status"] = "done"
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(data)


def test_the_csv_carries_them_at_the_end_of_each_row(approved):
    text = as_text(comparison_document(approved.pk, "csv")).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    row = rows[0]
    assert list(row)[-5:] == [
        "comparison_reviewer",
        "comparison_reviewed_at",
        "approver",
        "approved_at",
        "send_backs",
    ]
    assert (row["comparison_reviewer"], row["approver"]) == ("edna", "april")
    assert row["approved_at"] and row["comparison_reviewed_at"]
    assert "by april to edna: " + NOTE in row["send_backs"]


def test_markdown_html_and_pdf_say_who_and_when(approved):
    lines = report_for(approved.pk).stages.lines()
    assert lines[0].startswith("Review started ")
    assert lines[1].startswith("Reviewed by edna, marked done ")
    assert lines[2].startswith("Sent back ") and lines[2].endswith(f"by april to edna: {NOTE}")
    assert lines[3].startswith("Approved by april, ")
    markdown = as_text(comparison_document(approved.pk, "md"))
    assert "Reviewed by edna, marked done" in markdown and "Approved by april" in markdown
    assert "\\<b\\>quote\\</b\\>" in markdown  # escaped like all text
    html = as_text(comparison_document(approved.pk, "html"))
    assert "Approved by april" in html and "&lt;b&gt;quote&lt;/b&gt;" in html
    pdf = pypdf.PdfReader(io.BytesIO(as_bytes(comparison_document(approved.pk, "pdf"))))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Approved by april" in text and "Reviewed by edna" in text
