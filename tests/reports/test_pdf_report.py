import builtins
import io
import socket
import urllib.request
from pathlib import Path

import pypdf
import pytest

from articles.reports import pdf_report
from articles.reports.data import report_for
from articles.reports.export import comparison_document
from tests.reports.conftest import ARABIC_NAME, as_bytes, flagged_units


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_it_opens_and_contains_every_flagged_sentence_of_the_reviewed_seed(reviewed_seed):
    data = as_bytes(comparison_document(reviewed_seed.pk, "pdf"))
    assert data.startswith(b"%PDF-")
    text = _squash(_text(data))
    units = flagged_units(reviewed_seed)
    assert units
    for unit in units:
        for side in (unit.source_text, unit.target_text):
            assert _squash(side) in text, side


def test_it_prints_typographic_characters_and_names(reviewed):
    text = _text(as_bytes(comparison_document(reviewed.pk, "pdf")))
    assert "“There are no casualties,” Colonel Wayne Maroto said – © Reuters." in text
    assert "Drift score".upper() in text
    # Arabic is shaped and laid out right to left: its letters are all there.
    assert set(ARABIC_NAME.replace(" ", "")) <= set(text)


def test_it_prints_urls_and_tags_as_text_without_fetching(reviewed, monkeypatch):
    report = report_for(reviewed.pk)
    pdf_report.covered_characters()  # the fonts' coverage is read once per process
    fonts = {str(p.resolve()) for p in pdf_report.font_files()}
    opened: list[str] = []
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        path = str(Path(file).resolve()) if isinstance(file, (str, Path)) else file
        opened.append(path)
        if isinstance(path, str) and path not in fonts:
            raise AssertionError(f"the PDF renderer opened {path}")
        return real_open(file, *args, **kwargs)

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer used the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(pdf_report.ReportPDF, "image", no_network)
    data = pdf_report.render([report], title="Review report")
    monkeypatch.undo()
    text = _text(data)
    assert '<img src="file:///etc/passwd">' in text
    assert "http://evil.example/x" in text
    assert all(p in fonts for p in opened if isinstance(p, str))
    assert b"/Subtype /Image" not in data and b"/URI" not in data


def test_it_spells_out_characters_no_font_has():
    assert pdf_report.printable("A ★ star") == "A [U+2605] star"
    assert pdf_report.printable("“Café” – ©") == "“Café” – ©"
    assert pdf_report.printable("tab\there") == "tab here"
    # Arrows the fonts lack are spelled in ASCII, as an editor's note means them.
    assert pdf_report.printable("Maroto → Malotto ⇒ wrong") == "Maroto -> Malotto => wrong"


@pytest.mark.parametrize("fmt", ["pdf"])
def test_it_names_the_file_after_the_comparison_and_day(reviewed, fmt):
    document = comparison_document(reviewed.pk, fmt)
    assert document.filename.startswith(f"newsdrift-comparison-{reviewed.pk}-")
    assert document.filename.endswith(".pdf")


def test_it_prints_the_page_count_alias_of_the_text_as_written(reviewed):
    # fpdf2 replaces its page-count alias wherever it is on a page: "{nb}" in a title
    # or a note must stay "{nb}", not become the number of pages.
    from articles.models import Article, Flag

    Article.objects.filter(pk=reviewed.source_id).update(title="Strikes leave {nb} dead")
    flag = Flag.objects.filter(unit__comparison=reviewed, status=Flag.Status.CONFIRMED).first()
    Flag.objects.filter(pk=flag.pk).update(note="The ministry says {nb} dead, not 40.")
    data = as_bytes(comparison_document(reviewed.pk, "pdf"))
    text = _text(data)
    assert "Strikes leave {nb} dead" in text
    assert "The ministry says {nb} dead, not 40." in text
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
