"""The discussion in every report format (format 1.1): comments on the comparison and
on its units, replies, deleted comments, and hostile text defused as elsewhere."""

from __future__ import annotations

import csv
import io
import json

import pypdf
import pytest

from articles.discussion.comments import add_comment, delete_comment
from articles.reports.export import comparison_document, selection_document
from tests.builders import build_comparison
from tests.reports.conftest import as_bytes, as_text
from tests.reports.test_json_report import validator  # noqa: F401 - a fixture

HOSTILE = '=HYPERLINK("http://evil.example") <script>alert(1)</script> [x](http://e.example)'


@pytest.fixture
def discussed(db, editor, other_editor):
    comparison = build_comparison(
        [("Colonel Maroto spoke.", "Colonel Malotto spoke."), ("Rain fell.", "Rain fell.")],
        title="Mutual bombing in Syria",
        flags={0: [{"category": "factual.name", "severity": "major", "status": "confirmed"}]},
    )
    unit = comparison.units.get(position=0)
    unit.comparison = comparison
    first = add_comment(
        user=editor, comparison=comparison, unit=unit, body="@otto is Malotto right?"
    ).comment
    add_comment(user=other_editor, comparison=comparison, parent=first, body="No: Maroto.")
    add_comment(user=editor, comparison=comparison, body=HOSTILE)
    gone = add_comment(user=editor, comparison=comparison, body="Never mind.").comment
    delete_comment(user=editor, comment=gone)
    return comparison


def test_the_json_report_lists_every_comment_and_validates(discussed, validator):  # noqa: F811
    data = json.loads(as_text(comparison_document(discussed.pk, "json")))
    validator.validate(data)
    assert data["schema"] == "newsdrift.report/1.1"
    comments = data["comments"]
    assert [(c["author"], c["unit_number"], c["text"]) for c in comments] == [
        ("edna", 1, "@otto is Malotto right?"),
        ("otto", 1, "No: Maroto."),
        ("edna", None, HOSTILE),
        ("edna", None, ""),
    ]
    assert comments[0]["mentions"] == ["otto"]
    assert comments[1]["reply_to"] == comments[0]["id"]
    assert [c["deleted"] for c in comments] == [False, False, False, True]


def test_a_version_1_document_without_comments_still_validates(discussed, validator):  # noqa: F811
    data = json.loads(as_text(comparison_document(discussed.pk, "json")))
    del data["comments"]
    data["schema"] = "newsdrift.report/1"
    validator.validate(data)


def test_the_json_selection_carries_comments_per_report(discussed, validator):  # noqa: F811
    from articles.models import Comparison

    data = json.loads(as_text(selection_document(Comparison.objects.all(), "json")))
    validator.validate(data)
    assert len(data["reports"][0]["comments"]) == 4


def test_the_csv_report_gives_each_comment_a_row_after_the_flags(discussed):
    text = as_text(comparison_document(discussed.pk, "csv")).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["row_kind"] for r in rows] == ["flag", "comment", "comment", "comment", "comment"]
    comments = rows[1:]
    assert comments[0]["unit_number"] == "1" and comments[0]["comment_author"] == "edna"
    assert comments[1]["comment_reply_to"] == comments[0]["comment_id"]
    assert comments[2]["unit_number"] == "" and comments[2]["category"] == ""
    assert comments[2]["comment_text"].startswith("'=HYPERLINK")  # shown, never run
    assert rows[0]["comment_text"] == ""
    assert all(len(r) == len(rows[0]) for r in rows)


def test_the_markdown_report_escapes_comments(discussed):
    text = as_text(comparison_document(discussed.pk, "md"))
    section = text.split("## Discussion (4 comments)", 1)[1]
    assert "by **otto** on unit 1" in section and "reply to comment" in section
    assert "<script>" not in section and "](http" not in section
    assert "\\@otto is Malotto right?" in section
    assert "*deleted by its author*" in section


def test_the_html_report_escapes_comments(discussed):
    html = as_text(comparison_document(discussed.pk, "html"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "No: Maroto." in html and "Deleted by its author." in html


def test_the_pdf_report_prints_the_discussion(discussed):
    reader = pypdf.PdfReader(io.BytesIO(as_bytes(comparison_document(discussed.pk, "pdf"))))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "DISCUSSION" in text
    assert "No: Maroto." in text
    assert "Deleted by its author." in text
