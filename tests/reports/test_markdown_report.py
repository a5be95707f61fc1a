import re

from articles.models import Comparison
from articles.reports.export import comparison_document, selection_document
from articles.reports.markdown_report import escape
from tests.builders import build_comparison
from tests.reports.conftest import as_text, flagged_units


def _unit_block(markdown: str, position: int) -> str:
    # Units are numbered from 1 in the report (positions count from 0).
    match = re.search(rf"^### Unit {position + 1} .*?(?=^### |\Z)", markdown, re.M | re.S)
    assert match, f"unit {position} is not in the report"
    return match.group(0)


def test_it_shows_every_flagged_unit_of_the_reviewed_seed(reviewed_seed):
    markdown = as_text(comparison_document(reviewed_seed.pk, "md"))
    units = flagged_units(reviewed_seed)
    assert units
    assert f"## Flagged units ({len(units)})" in markdown
    for unit in units:
        block = _unit_block(markdown, unit.position)
        for side in (unit.source_text, unit.target_text):
            for word in side.split()[:3]:
                assert escape(word).strip("*") in block


def test_it_starts_with_a_summary_and_the_drift_score(reviewed):
    markdown = as_text(comparison_document(reviewed.pk, "md"))
    head = markdown.split("## Flagged units")[0]
    assert head.startswith("# Review report: Mutual bombing between US forces")
    assert re.search(r"drift score \*\*\d+\.\d\d\*\*", head)
    assert "| Name | 1 | 1 | 0 | 2 |" in head


def test_it_marks_the_words_at_issue_and_keeps_the_notes(reviewed):
    markdown = as_text(comparison_document(reviewed.pk, "md"))
    block = _unit_block(markdown, 1)
    assert "Colonel Wayne **Maroto** said" in block
    assert "Colonel Wayne **Malotto**." in block
    note_block = _unit_block(markdown, 0)
    assert "Note: =HYPERLINK\\(" in note_block


def test_it_escapes_markup_in_article_text(reviewed):
    markdown = as_text(comparison_document(reviewed.pk, "md"))
    block = _unit_block(markdown, 4)
    # No raw HTML, no link, no autolink survives.
    assert not re.search(r"(?<!\\)[<\[]", block)  # every < and [ is escaped
    assert "](" not in block
    assert "http://" not in block and "www.evil" not in block
    assert "\\<img" in block and "\\[click\\]\\(http\\://evil.example/\\)" in block
    assert "\\*\\*bold\\*\\*" in block


def test_it_folds_line_breaks_so_text_cannot_open_a_block():
    assert escape("line one\n# heading\n\n- item") == "line one \\# heading - item"
    assert escape("mail me@evil.example") == "mail me\\@evil.example"


def test_it_lists_open_suggestions_of_an_unreviewed_comparison(db):
    comparison = build_comparison(
        [("Blinken spoke.", "Brinken spoke.")],
        flags={
            0: [
                {
                    "category": "factual.name",
                    "severity": "major",
                    "source_span": "Blinken",
                    "target_span": "Brinken",
                }
            ]
        },
    )
    markdown = as_text(comparison_document(comparison.pk, "md"))
    assert "No unit is flagged." in markdown
    assert "## Suggestions awaiting review (1 units)" in markdown
    assert "**Blinken** spoke." in markdown


def test_it_renders_a_selection_with_one_section_per_comparison(reviewed, db):
    build_comparison([("One.", "Two.")], title="Second story")
    markdown = as_text(selection_document(Comparison.objects.all(), "md"))
    assert markdown.startswith("# newsdrift review reports")
    assert markdown.count("\n## Review report: ") == 2
