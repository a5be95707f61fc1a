from bs4 import BeautifulSoup

from articles.reports.export import comparison_document
from tests.reports.conftest import ARABIC_NAME, as_text, flagged_units


def _soup(comparison) -> BeautifulSoup:
    return BeautifulSoup(as_text(comparison_document(comparison.pk, "html")), "html.parser")


def test_it_shows_every_flagged_unit_of_the_reviewed_seed(reviewed_seed):
    soup = _soup(reviewed_seed)
    units = flagged_units(reviewed_seed)
    shown = soup.select("section.units:not(.suggestions) .unit")
    assert len(shown) == len(units)
    for unit, block in zip(units, shown, strict=True):
        text = "".join(block.get_text("").split())
        assert block["id"] == f"unit-{reviewed_seed.pk}-{unit.position}"
        for side in (unit.source_text, unit.target_text):
            assert "".join(side.split()) in text


def test_it_has_the_summary_chart_and_drift_strip(reviewed):
    soup = _soup(reviewed)
    assert soup.select_one(".figure.score .value").get_text() == f"{_score(reviewed):.2f}"
    bars = soup.select("svg.bars rect")
    assert {r["class"][0] for r in bars} == {"sev-minor", "sev-major"}
    labels = [t.get_text() for t in soup.select("svg.bars .bar-label")]
    assert labels == ["Name", "Meaning", "Pronoun", "Hedge", "Addition"]
    marks = soup.select("svg.strip rect")
    assert len(marks) == reviewed.units.count()
    assert marks[1]["class"] == ["state-major"]  # Maroto -> Malotto, confirmed major
    assert marks[2]["class"] == ["state-ok"]


def test_it_marks_the_words_at_issue(reviewed):
    soup = _soup(reviewed)
    block = soup.select_one(f"#unit-{reviewed.pk}-1")
    assert [m.get_text() for m in block.select("mark")] == ["Maroto", "Malotto"]


def test_it_escapes_article_text_and_uses_no_inline_style(reviewed):
    html = as_text(comparison_document(reviewed.pk, "html"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None and soup.find("script") is None
    assert "<mark>&lt;img</mark> src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;" in html
    assert soup.find(attrs={"style": True}) is None and soup.find("style") is None
    assert soup.find("a") is None
    assert ARABIC_NAME in html


def test_it_links_its_own_print_stylesheet(reviewed):
    soup = _soup(reviewed)
    link = soup.find("link", rel="stylesheet")
    assert link["href"].endswith("/static/newsdrift/report.css")
    assert link["href"].startswith("http")  # a downloaded file is opened away from the site


def _score(comparison) -> float:
    from articles.scoring import comparison_score

    return comparison_score(comparison)
