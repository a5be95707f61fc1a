"""Every input path — a file on the command line, an uploaded file, a pasted text, a
JSON file, a side of a JSON Lines line, a zip entry — holds each side to the same limits
and refusals, in one line naming the side and the input, with nothing written."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.article_reader import ArticleImportError, parse_article
from articles.bulk_import import Limits, read_bulk_upload
from articles.importer import import_pair
from tests.admin.conftest import EMPTY_COUNTS, make_zip, row_counts, upload
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE
from tests.csrf import csrf_client
from tests.reliability.figures import record

IMPORT_URL = reverse("admin:articles_comparison_import")
BULK_URL = reverse("admin:articles_comparison_bulk_import")
GOOD_TEXT = SEED_RETRANSLATION.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Path_:
    """One input path: how to feed it a source side, and how it names that side."""

    label: str
    feed: Callable[..., str]  # (tmp_path, importer, text, suffix) -> the refusal shown
    named: str  # how the refusal names the source input


def _command(tmp_path, importer, data: bytes, suffix: str) -> str:
    path = tmp_path / f"story{suffix}"
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        call_command("import_pair", str(path), str(SEED_RETRANSLATION), stdout=io.StringIO())
    return str(caught.value)


def _form(importer, data: dict, field: str) -> str:
    response = csrf_client(importer).post(IMPORT_URL, data)
    assert response.status_code == 200, "the form was accepted"
    errors = response.context["form"].errors[field]
    assert len(errors) == 1
    return errors[0]


def _upload(tmp_path, importer, data: bytes, suffix: str) -> str:
    files = {"source_file": upload(f"story{suffix}", data), "retranslation_text": GOOD_TEXT}
    return _form(importer, files, "source_file")


def _paste(tmp_path, importer, data: bytes, suffix: str) -> str:
    text = data.decode("utf-8")
    return _form(importer, {"source_text": text, "retranslation_text": GOOD_TEXT}, "source_text")


def _bulk(importer, name: str, data: bytes) -> str:
    """The one pair's refusal, as the bulk import's job reports it on its page."""
    from articles.models import Job, JobItem
    from tests.jobs_helpers import work_off_jobs

    response = csrf_client(importer).post(BULK_URL, {"file": upload(name, data)})
    assert response.status_code == 302, response.context["form"].errors
    work_off_jobs()
    job = Job.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    (item,) = job.items.all()
    assert item.outcome == JobItem.Outcome.REJECTED
    return item.message


def _json_line(tmp_path, importer, data: bytes, suffix: str) -> str:
    text = data.decode("utf-8")
    side = json.loads(text) if suffix == ".json" else {"title": "", "body": text}
    line = json.dumps({"source": side, "retranslation": {"title": "", "body": GOOD_TEXT}})
    return _bulk(importer, "pairs.jsonl", line.encode())


def _zip_entry(tmp_path, importer, data: bytes, suffix: str) -> str:
    archive = make_zip({f"p/source{suffix}": data, "p/retranslation.txt": GOOD_TEXT})
    return _bulk(importer, "pairs.zip", archive)


PATHS = [
    Path_("command", _command, "source ({tmp}/story{suffix})"),
    Path_("upload", _upload, "source (story{suffix})"),
    Path_("paste", _paste, "source (pasted text)"),
    Path_("JSON Lines side", _json_line, "source (line 1)"),
    Path_("zip entry", _zip_entry, "source (p/source{suffix})"),
]


def refusal(path: Path_, tmp_path, importer, data: bytes, suffix: str = ".txt") -> str:
    before = row_counts()
    message = path.feed(tmp_path, importer, data, suffix)
    assert "\n" not in message
    assert message.startswith(path.named.format(tmp=tmp_path, suffix=suffix) + ": "), message
    assert row_counts() == before
    return message


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.label)
def test_every_path_holds_a_side_to_the_byte_limit(path, tmp_path, importer, settings):
    # One long sentence: under the sentence limit, over the byte limit. A file over the
    # limit is refused before it is read; a side of a JSON Lines line (which may hold two
    # articles) once it is read.
    settings.NEWSDRIFT_MAX_ARTICLE_BYTES = 3000
    data = ("Headline here\n\nThe minister said " + "very " * 1000 + "little.").encode()

    message = refusal(path, tmp_path, importer, data)

    assert message.endswith(("is larger than the limit of 3,000 bytes", "3,000 bytes of text"))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.label)
def test_every_path_holds_a_side_to_the_sentence_limit(path, tmp_path, importer):
    data = ("Headline here\n\n" + " ".join(f"Go on {i}." for i in range(5001))).encode()

    message = refusal(path, tmp_path, importer, data)

    assert message.endswith("has 5,002 sentences; articles of at most 5,000 can be compared")


NO_STORY = [
    ("© Reuters. A photo of the minister.", "'© Reuters. A photo of the minister.'"),
    ("[ad_1]\n\nSource link\n", "'[ad_1]'; 'Source link'"),
    ("Authors: Phil Stewart\n\n(Reporting by Jane Doe; Editing by John Roe)", "'Authors: Phil"),
]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.label)
@pytest.mark.parametrize(
    ("text", "shown"), NO_STORY, ids=["caption", "ad and link", "byline and credit"]
)
def test_every_path_refuses_a_text_without_story(path, tmp_path, importer, text, shown):
    message = refusal(path, tmp_path, importer, text.encode())

    assert "has no story text: nothing but a headline, captions, credits" in message
    assert shown in message


def test_it_refuses_a_pair_of_captions_in_one_line_and_writes_nothing(tmp_path):
    source, target = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("© Reuters. A photo of the minister.")
    target.write_text("© AP. A picture of the minister.")

    with pytest.raises(CommandError) as caught:
        call_command("import_pair", str(source), str(target), stdout=io.StringIO())

    assert str(caught.value).startswith(f"source ({source}): has no story text")


def test_it_refuses_an_import_with_no_units(db):
    # The example the property-based import test found: two texts of nothing but
    # boilerplate imported as a comparison with 0 units (and exit 0).
    before = row_counts()
    with pytest.raises(ArticleImportError, match="has no story text"):
        import_pair(parse_article(b"[ad_1]", "a.txt"), parse_article(b"Source link", "b.txt"))
    assert row_counts() == before == EMPTY_COUNTS


def test_it_refuses_an_analysis_without_units_rather_than_store_it(db):
    # Behind the reader's check, the importer itself never stores a comparison with
    # nothing to review.
    from articles.analysis.pipeline import PairAnalysis

    empty = PairAnalysis(units=[], ledger=[], version="test")
    source, target = (
        parse_article(SEED_SOURCE.read_bytes(), "a.txt"),
        parse_article(SEED_RETRANSLATION.read_bytes(), "b.txt"),
    )
    with (
        mock.patch("articles.importer.analyse_pair", return_value=empty),
        pytest.raises(ArticleImportError, match="no story text to compare"),
    ):
        import_pair(source, target)
    assert row_counts() == EMPTY_COUNTS


@pytest.mark.parametrize("where", ["title", "extra"])
def test_it_reads_a_json_number_of_more_than_4300_digits_without_crashing(where):
    huge = "9" * 5000
    field = "title" if where == "title" else "word_count"
    data = {"title": "A title", "body": "The story.", field: "__HUGE__"}
    raw = json.dumps(data).replace('"__HUGE__"', huge).encode()

    if where == "title":
        with pytest.raises(ArticleImportError) as caught:
            parse_article(raw, "story.json")
        assert str(caught.value) == "story.json: field 'title' must be a string"
    else:
        assert parse_article(raw, "story.json").body == "The story."  # unknown: ignored


def test_it_refuses_a_huge_json_number_through_the_admin_and_the_bulk_page(importer):
    huge = "9" * 5000
    upload_error = _form(
        importer,
        {
            "source_file": upload("story.json", f'{{"title": {huge}, "body": "x"}}'),
            "retranslation_text": GOOD_TEXT,
        },
        "source_file",
    )
    line = (
        f'{{"source": {{"title": "", "body": {huge}}}, '
        f'"retranslation": {{"title": "", "body": "y"}}}}'
    )
    bulk_error = _bulk(importer, "pairs.jsonl", line.encode())

    assert upload_error == "source (story.json): field 'title' must be a string"
    assert bulk_error == "source (line 1): field 'body' must be a string"
    assert row_counts() == EMPTY_COUNTS


def test_it_refuses_a_json_lines_side_over_the_limit_before_analysing_it(db):
    # A 20 MiB one-sentence side went into the analysis and the worker died at 60 s.
    side = "word " * (2 * 1024 * 1024 // 5)
    line = json.dumps(
        {"source": {"title": "", "body": side}, "retranslation": {"title": "", "body": "Text."}}
    )

    with mock.patch("articles.importer.analyse_pair") as analysis:
        pairs = read_bulk_upload(io.BytesIO(line.encode()), "big.jsonl", size=len(line))

    assert pairs[0].error == "source (line 1): has more than 1 MiB of text"
    assert not analysis.called


@pytest.mark.parametrize("side", ["source", "retranslation"])
def test_it_names_the_side_at_fault_the_same_way_on_every_page(side, importer):
    other = "source" if side == "retranslation" else "retranslation"
    form_error = _form(
        importer,
        {f"{side}_file": upload("story.txt", b""), f"{other}_text": GOOD_TEXT},
        f"{side}_file",
    )
    pasted_error = _form(
        importer, {f"{side}_text": "  \n", f"{other}_text": GOOD_TEXT}, f"{side}_text"
    )
    archive = make_zip({f"p/{side}.txt": b"", f"p/{other}.txt": GOOD_TEXT})
    zip_error = _bulk(importer, "pairs.zip", archive)

    assert form_error == f"{side} (story.txt): is empty"
    assert pasted_error == f"{side} (pasted text): is empty"
    assert zip_error == f"{side} (p/{side}.txt): is empty"


def test_it_queues_bulk_uploads_larger_than_one_request_could_analyse(importer):
    tiny = " ".join(f"Go on {i}." for i in range(2400))
    lines = [
        json.dumps(
            {
                "source": {"title": "", "body": f"{n} {tiny}"},
                "retranslation": {"title": "", "body": f"Story {n}."},
            }
        )
        for n in range(13)
    ]
    data = "\n".join(lines).encode()
    client = csrf_client(importer)

    started = time.perf_counter()
    response = client.post(BULK_URL, {"file": upload("pairs.jsonl", data)})
    seconds = time.perf_counter() - started

    # Issue 14: a background job imports them; the request only reads and queues.
    from articles.models import Job

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.total == 13
    assert row_counts() == EMPTY_COUNTS  # nothing analysed in the request
    # Within a request (bulk_import.import_pairs), the estimate still refuses it.
    with pytest.raises(ArticleImportError, match="more than one request may take"):
        read_bulk_upload(io.BytesIO(data), "pairs.jsonl", size=len(data), limits=Limits())
    record(
        "bulk upload of 13 pairs, 31,213 sentences: queued as a job (reading included)",
        f"{seconds:.2f} s",
    )


def test_it_takes_a_bulk_upload_the_request_can_analyse(importer):
    pairs = read_bulk_upload(
        io.BytesIO(
            b'{"source": {"title": "", "body": "One."}, '
            b'"retranslation": {"title": "", "body": "Uno."}}'
        ),
        "p.jsonl",
        size=None,
        limits=Limits(),
    )
    assert [p.error for p in pairs] == [""]
