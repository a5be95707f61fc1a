"""Bulk JSON Lines with a story line: one source and a list of copies, each a pair."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from articles.bulk_import import read_bulk_upload
from articles.models import Article, Comparison, Job
from tests.admin.conftest import upload
from tests.admin.test_bulk_import import GOOD_1
from tests.jobs_helpers import work_off_jobs

SOURCE = {
    "title": "Flood barrier gives way",
    "body": "A flood barrier gave way on Tuesday.\nEngineer Pieter Vandersloot saw the cracks.",
    "outlet": "Wire",
}


def copy(outlet: str, name: str, day: str = "Tuesday") -> dict:
    return {
        "title": "Flood barrier fails",
        "body": f"A flood barrier collapsed on {day}.\nEngineer Pieter {name} saw the cracks.",
        "outlet": outlet,
        "published_at": "2024-03-12T10:00:00+00:00",
    }


def story_line(*copies) -> str:
    return json.dumps({"source": SOURCE, "copies": list(copies)})


def read(text: str):
    data = text.encode("utf-8")
    return read_bulk_upload(io.BytesIO(data), "stories.jsonl", size=len(data))


def test_it_reads_each_copy_of_a_story_line_as_a_pair_with_its_source():
    pairs = read(
        "\n".join([GOOD_1, story_line(copy("A", "Fandersloot"), copy("B", "Vandersloot"))])
    )
    assert [p.label for p in pairs] == ["line 1", "line 2, copy 1", "line 2, copy 2"]
    assert pairs[1].source == pairs[2].source
    assert pairs[1].source.title == "Flood barrier gives way"
    assert [p.retranslation.outlet for p in pairs[1:]] == ["A", "B"]


def test_it_rejects_one_bad_copy_alone_and_names_it():
    pairs = read(story_line(copy("A", "Fandersloot"), {"title": "No body"}, SOURCE))
    assert [bool(p.error) for p in pairs] == [False, True, True]
    assert pairs[1].error == "retranslation (line 1, copy 2): has no 'body' field"
    assert "the source and the retranslation are the same text" in pairs[2].error


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            {"source": SOURCE, "copies": []},
            "line 1: 'copies' must be a non-empty list of article objects",
        ),
        (
            {"source": SOURCE, "copies": [copy("A", "X")], "retranslation": copy("B", "Y")},
            "line 1: has both 'retranslation' and 'copies': give one",
        ),
        ({"copies": [copy("A", "X")]}, "line 1: has no 'source' object"),
        (
            {"source": {"title": "T"}, "copies": [copy("A", "X")]},
            "source (line 1): has no 'body' field",
        ),
    ],
)
def test_it_rejects_a_story_line_that_cannot_be_read_as_one_pair(line, message):
    [pair] = read(json.dumps(line))
    assert pair.error == message


def test_it_imports_a_story_line_as_comparisons_with_one_source(client, importer):
    client.force_login(importer)
    line = story_line(copy("A", "Fandersloot"), copy("B", "Vandersloot", "Monday"))
    response = client.post(
        reverse("admin:articles_comparison_bulk_import"),
        {"file": upload("stories.jsonl", line, "application/octet-stream")},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("articles:job", args=[job.pk])
    work_off_jobs()
    assert list(job.items.order_by("position").values_list("label", "outcome")) == [
        ("line 1, copy 1", "imported"),
        ("line 1, copy 2", "imported"),
    ]
    source = Article.objects.get(role="source")
    assert Comparison.objects.filter(source=source).count() == 2
