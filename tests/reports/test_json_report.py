import json
from pathlib import Path

import jsonschema
import pytest

from articles.models import Comparison, Flag
from articles.reports.export import comparison_document, selection_document
from tests.builders import build_comparison
from tests.reports.conftest import as_text, flagged_units

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report-format.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _report(comparison) -> dict:
    return json.loads(as_text(comparison_document(comparison.pk, "json")))


def test_it_validates_the_reviewed_seed_report_against_the_schema(reviewed_seed, validator):
    data = _report(reviewed_seed)
    validator.validate(data)
    assert data["schema"] == "newsdrift.report/1.1"
    assert data["comparison"]["id"] == reviewed_seed.pk
    assert data["comparison"]["status"] == "in_review"


def test_it_carries_every_unit_in_order_with_its_flags(reviewed_seed):
    data = _report(reviewed_seed)
    units = list(reviewed_seed.units.order_by("position"))
    assert [u["position"] for u in data["units"]] == [u.position for u in units]
    assert [u["source_text"] for u in data["units"]] == [u.source_text for u in units]
    statuses = {f["status"] for u in data["units"] for f in u["flags"]}
    origins = {f["origin"] for u in data["units"] for f in u["flags"]}
    assert statuses == {"confirmed", "dismissed"}
    assert origins == {"auto", "editor"}
    flags = Flag.objects.filter(unit__comparison=reviewed_seed)
    assert sum(len(u["flags"]) for u in data["units"]) == flags.count()


def test_it_summarises_flags_and_the_drift_score(reviewed_seed):
    data = _report(reviewed_seed)
    summary = data["summary"]
    confirmed = Flag.objects.filter(unit__comparison=reviewed_seed, status="confirmed")
    points = sum({"minor": 1, "major": 5, "critical": 25}[f.severity] for f in confirmed)
    words = reviewed_seed.source.word_count
    assert summary["confirmed_flags"] == confirmed.count()
    assert summary["drift_score"] == {
        "score": round(points * 100 / words, 2),
        "penalty_points": points,
        "source_words": words,
    }
    assert sum(sum(c.values()) for c in summary["flags_by_category"].values()) == confirmed.count()
    assert summary["flagged_units"] == len(flagged_units(reviewed_seed))
    assert (
        summary["reviewed_units"] == reviewed_seed.units.exclude(review_state="unreviewed").count()
    )


def test_it_records_the_editor_flag_with_its_note_and_author(reviewed, validator):
    data = _report(reviewed)
    validator.validate(data)
    editor_flags = [f for u in data["units"] for f in u["flags"] if f["origin"] == "editor"]
    assert len(editor_flags) == 1
    assert editor_flags[0]["note"].startswith("=HYPERLINK(")
    assert editor_flags[0]["author"] == "edna"
    assert editor_flags[0]["status"] == "confirmed"


def test_it_writes_a_selection_as_an_object_with_a_reports_list(reviewed, validator, db):
    other = build_comparison([("One sentence.", "One sentence!")], title="Another story")
    document = selection_document(Comparison.objects.all(), "json", described={"ids": []})
    assert document.streamed
    data = json.loads(as_text(document))
    validator.validate(data)
    assert [r["comparison"]["id"] for r in data["reports"]] == sorted([reviewed.pk, other.pk])


def test_it_writes_an_empty_selection_as_valid_json(db, validator):
    data = json.loads(as_text(selection_document(Comparison.objects.none(), "json")))
    validator.validate(data)
    assert data["reports"] == []


def test_it_rejects_a_report_missing_a_required_field(reviewed, validator):
    # The schema is not a formality: a unit without its flags is invalid.
    data = _report(reviewed)
    del data["units"][0]["flags"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_it_documents_an_example_that_validates(validator):
    doc = (SCHEMA_FILE.parent / "report-format.md").read_text(encoding="utf-8")
    example = doc.split("### Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    data = json.loads(example)
    validator.validate(data)
    assert data["schema"] == "newsdrift.report/1.1"
