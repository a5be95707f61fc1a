"""Collecting a report costs a constant number of queries, whatever its size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Comparison
from articles.reports import data
from articles.reports.data import iter_reports, report_for
from articles.reports.export import comparison_document, selection_document
from tests.builders import build_comparison
from tests.reports.conftest import as_bytes


def _comparison(units: int, title: str = "Story") -> Comparison:
    pairs = [
        (f"{title}: source sentence {i} by Blinken.", f"{title}: target {i} by Brinken.")
        for i in range(units)
    ]
    flags = {
        i: [
            {
                "category": "factual.name",
                "severity": "major",
                "source_span": "Blinken",
                "target_span": "Brinken",
                "status": "confirmed",
            },
            {"category": "factual.meaning", "severity": "minor", "status": "dismissed"},
        ]
        for i in range(units)
    }
    return build_comparison(pairs, title=title, flags=flags)


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def test_it_collects_one_comparison_in_five_queries(db, django_assert_num_queries):
    small, large = _comparison(3, "Small"), _comparison(60, "Large")
    with django_assert_num_queries(5):
        report = report_for(small.pk)
    assert len(report.units) == 3
    with django_assert_num_queries(5):
        report = report_for(large.pk)
    assert sum(len(u.flags) for u in report.units) == 120


def test_it_renders_every_format_with_as_many_queries_for_few_or_many_units(db):
    small, large = _comparison(2, "Small"), _comparison(40, "Large")
    for fmt in ("json", "csv", "md", "html", "pdf"):
        few = _queries(lambda fmt=fmt: as_bytes(comparison_document(small.pk, fmt)))
        many = _queries(lambda fmt=fmt: as_bytes(comparison_document(large.pk, fmt)))
        assert few == many, fmt


def test_it_streams_a_selection_in_chunks_of_five_queries(db, monkeypatch):
    monkeypatch.setattr(data, "CHUNK_SIZE", 4)
    for index in range(10):
        _comparison(2 + index % 3, f"Story {index}")
    reports = iter_reports(Comparison.objects.all(), chunk_size=4)
    with CaptureQueriesContext(connection) as captured:
        ids = [report.id for report in reports]
    assert ids == sorted(Comparison.objects.values_list("pk", flat=True))
    assert len(captured) == 3 * 5  # chunks of 4, 4 and 2


def test_it_streams_selections_of_different_sizes_with_queries_per_chunk(db):
    for index in range(3):
        _comparison(2, f"Few {index}")
    few = _queries(lambda: as_bytes(selection_document(Comparison.objects.all(), "csv")))
    for index in range(3):
        _comparison(30, f"Many {index}")
    many = _queries(lambda: as_bytes(selection_document(Comparison.objects.all(), "json")))
    assert few == many == 5  # one chunk either way


def test_it_summarises_only_confirmed_flags_in_the_score(db):
    comparison = _comparison(4)
    report = report_for(comparison.pk)
    words = comparison.source.word_count
    assert report.summary.penalty_points == 4 * 5
    assert report.summary.drift_score == round(20 * 100 / words, 2)
    assert report.summary.flags_by_status == {"suggested": 0, "confirmed": 4, "dismissed": 4}
    assert report.summary.confirmed_by_category["factual.name"] == {
        "minor": 0,
        "major": 4,
        "critical": 0,
    }


def test_it_titles_an_untitled_article_from_its_first_sentence_without_a_query(
    db, django_assert_num_queries
):
    comparison = build_comparison([("The lead sentence of the story.", "The lead.")], title="")
    with django_assert_num_queries(5):
        report = report_for(comparison.pk)
    assert report.title == "(untitled) The lead sentence of the story.…"
