import csv
import io

from articles.models import Comparison, Flag
from articles.reports.csv_report import COLUMNS, neutralise
from articles.reports.export import comparison_document, selection_document
from tests.reports.conftest import AT_SENTENCE, HOSTILE_NOTE, as_bytes


def _rows(document) -> list[dict]:
    text = as_bytes(document).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_it_writes_one_row_per_flag_and_round_trips(reviewed):
    rows = _rows(comparison_document(reviewed.pk, "csv"))
    flags = Flag.objects.filter(unit__comparison=reviewed).select_related("unit")
    assert len(rows) == flags.count()
    assert list(rows[0]) == list(COLUMNS)
    by_key = {(int(r["unit_position"]), r["category"], r["status"]) for r in rows}
    assert by_key == {(f.unit.position, f.category, f.status) for f in flags}
    maroto = next(r for r in rows if r["source_span"] == "Maroto")
    assert maroto["source_text"] == reviewed.units.get(position=1).source_text
    assert maroto["target_text"].endswith("Colonel Wayne Malotto.")
    assert maroto["author"] == "edna" and maroto["status"] == "confirmed"


def test_it_neutralises_cells_a_spreadsheet_would_run(reviewed):
    rows = _rows(comparison_document(reviewed.pk, "csv"))
    note = next(r["note"] for r in rows if r["origin"] == "editor")
    assert note == "'" + HOSTILE_NOTE
    addition = next(r for r in rows if r["category"] == "addition")
    assert addition["target_text"] == "'" + AT_SENTENCE
    assert addition["target_span"] == "'@SUM(1+1)"
    minus = next(r for r in rows if r["target_text"].startswith("'-1"))
    assert minus["target_text"] == "'-1 Iran calls on the US."
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_it_neutralises_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("Plain text = fine") == "Plain text = fine"
    assert neutralise("") == ""


def test_it_keeps_unicode_and_starts_with_a_byte_order_mark(reviewed):
    data = as_bytes(comparison_document(reviewed.pk, "csv"))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "Wayne Maroto said – © Reuters." in text
    assert "سعيد خطيب زاده" in text


def test_it_streams_a_selection_with_one_header(reviewed, db):
    document = selection_document(Comparison.objects.all(), "csv")
    assert document.streamed
    pieces = list(document.pieces)
    assert len(pieces) == 2  # the header, then the one comparison's rows
    text = "".join(pieces).lstrip("\ufeff")
    assert text.count("comparison_id,") == 1


def test_it_lists_the_reviewed_seed_flags(reviewed_seed):
    rows = _rows(comparison_document(reviewed_seed.pk, "csv"))
    assert len(rows) == Flag.objects.filter(unit__comparison=reviewed_seed).count()
    assert {r["status"] for r in rows} == {"confirmed", "dismissed"}
    assert {r["origin"] for r in rows} == {"auto", "editor"}
