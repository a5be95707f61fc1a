"""Comparisons through the API: created from texts (at once, or by a job to poll),
listed with filters and a cursor, read as a newsdrift.report/1 report and as flags."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from articles.models import Comparison, Job
from tests.api.conftest import token_for
from tests.builders import build_comparison
from tests.jobs_helpers import work_off_jobs
from tests.team_helpers import queue_of_work, role_users

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report-format.schema.json"


def pair(n: int = 1, sentences: int = 3) -> dict:
    source = " ".join(f"Story {n} line {i} says the mayor met 12 people." for i in range(sentences))
    target = " ".join(f"Story {n} line {i} says the mayor met 21 people." for i in range(sentences))
    return {
        "source": {"title": f"Mayor story {n}", "body": source, "outlet": "Wire"},
        "retranslation": {"title": f"Mayor story {n} retold", "body": target},
    }


@pytest.fixture
def importer_token(importer) -> str:
    return token_for(importer)


def test_it_creates_and_analyses_a_comparison_at_once(api, importer_token, importer):
    answer = api.post("comparisons", pair(), token=importer_token)

    assert answer.status == 201, answer.body
    created = Comparison.objects.get(pk=answer.json["id"])
    assert answer.json["created"] is True
    assert answer.json["job"] is None
    assert created.analysed_at is not None
    assert created.source.imported_by == importer
    assert answer.json["url"].endswith(f"/api/v1/comparisons/{created.pk}/report")


def test_it_answers_200_with_the_same_comparison_for_a_pair_sent_twice(api, importer_token):
    first = api.post("comparisons", pair(), token=importer_token)
    again = api.post("comparisons", pair(), token=importer_token)

    assert again.status == 200
    assert again.json == {**first.json, "created": False}
    assert Comparison.objects.count() == 1


def test_it_queues_a_long_pair_and_the_job_names_the_comparison(api, importer_token, settings):
    settings.NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES = 2

    answer = api.post("comparisons", pair(sentences=4), token=importer_token)

    assert answer.status == 202, answer.body
    assert answer.json["id"] is None
    job_url = answer.json["job"]["url"]
    assert api.get(job_url, token=importer_token).json["state"] == "queued"
    assert not Comparison.objects.exists()

    work_off_jobs()
    status = api.get(job_url, token=importer_token).json

    assert status["state"] == "done"
    assert status["outcomes"] == {"imported": 1}
    assert status["comparisons"] == [Comparison.objects.get().pk]


def test_it_hides_a_job_from_another_account_without_the_import_permission(
    api, importer_token, editor, settings
):
    settings.NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES = 2
    job_url = api.post("comparisons", pair(sentences=4), token=importer_token).json["job"]["url"]

    answer = api.get(job_url, token=token_for(editor))

    assert answer.status == 404
    assert Job.objects.count() == 1


NEWS_PAGE = b"""<!doctype html><html><head><title>Bridge closed | Daily Wire</title>
<meta property="og:site_name" content="Daily Wire"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Bridge closed after the council vote</h1>
<p>The council closed the old bridge on Monday after a vote of seven to two.</p>
<p>The mayor said repairs would take twelve weeks and cost four million dollars.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


@pytest.fixture
def news_site(settings):
    """A news page served on 127.0.0.1 (allowed to be fetched for the test)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(NEWS_PAGE)))
            self.end_headers()
            self.wfile.write(NEWS_PAGE)

        def log_message(self, *args) -> None:
            pass

    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = "1"
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/2026/bridge"
    finally:
        server.shutdown()
        server.server_close()


def test_it_imports_a_side_given_as_a_url_through_a_job(api, importer_token, news_site):
    retold = {
        "title": "Bridge shut",
        "body": "The council shut the old bridge on Tuesday after a vote of seven to two. "
        "The mayor said repairs would take twelve weeks.",
    }

    answer = api.post(
        "comparisons", {"source_url": news_site, "retranslation": retold}, token=importer_token
    )

    assert answer.status == 202, answer.body
    assert answer.json["id"] is None
    work_off_jobs()
    status = api.get(answer.json["job"]["url"], token=importer_token).json
    assert status["state"] == "done", status
    assert status["outcomes"] == {"imported": 1}
    comparison = Comparison.objects.get(pk=status["comparisons"][0])
    assert "closed the old bridge on Monday" in comparison.source.body
    assert "Subscribe" not in comparison.source.body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"source_url": "ftp://example.org/a", "retranslation": {"title": "t", "body": "b"}},
            "not an http(s) address",
        ),
        ({"source_url": "https://example.org/a"}, "retranslation: give its text"),
        (
            {
                "source_url": "https://example.org/a",
                "source": {"title": "t", "body": "b"},
                "retranslation_url": "https://example.org/b",
            },
            "not both",
        ),
    ],
    ids=["not http", "a side missing", "text and URL for one side"],
)
def test_it_refuses_a_bad_url_pair_at_once(api, importer_token, body, message):
    answer = api.post("comparisons", body, token=importer_token)

    assert answer.status == 422
    assert message in answer.json["error"]["message"]
    assert not Job.objects.exists()


def test_it_rejects_a_url_the_fetch_refuses_in_the_jobs_messages(api, importer_token, settings):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = ""
    body = {
        "source_url": "http://127.0.0.1:9/story",
        "retranslation": {"title": "T", "body": "A story told again here."},
    }

    job_url = api.post("comparisons", body, token=importer_token).json["job"]["url"]
    work_off_jobs()

    status = api.get(job_url, token=importer_token).json
    assert status["outcomes"] == {"rejected": 1}
    assert "127.0.0.1" in status["messages"][0]
    assert not Comparison.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "code", "message"),
    [
        ({"source": pair()["source"]}, 422, "invalid", "retranslation: give the article"),
        (
            {"source": {"title": "x"}, "retranslation": {"title": "y", "body": "z"}},
            422,
            "invalid",
            "source.body",
        ),
        (
            {"source": pair()["source"], "retranslation": pair()["source"]},
            400,
            "bad_article",
            "the source and the retranslation are the same text",
        ),
        (
            {"source": {"title": "T", "body": ""}, "retranslation": pair()["retranslation"]},
            400,
            "bad_article",
            "source (request)",
        ),
    ],
    ids=["a side missing", "a body missing", "the same text twice", "an empty side"],
)
def test_it_refuses_a_bad_pair_in_one_line_and_stores_nothing(
    api, importer_token, body, status, code, message
):
    answer = api.post("comparisons", body, token=importer_token)

    assert answer.status == status, answer.body
    assert answer.error_code == code
    assert message in answer.json["error"]["message"]
    assert "\n" not in answer.json["error"]["message"]
    assert not Comparison.objects.exists()


def test_it_refuses_a_body_that_is_not_json(api, importer_token):
    answer = api.call("POST", "comparisons", raw=b"{not json", token=importer_token)

    assert answer.status in (400, 422)
    assert set(answer.json["error"]) >= {"code", "message"}


def test_it_lists_comparisons_newest_first_a_page_at_a_time(api, transactional_db, viewer):
    made = [build_comparison([(f"One {n}.", f"Uno {n}.")], title=f"Story {n}") for n in range(5)]
    token = token_for(viewer)

    first = api.get("comparisons?limit=2", token=token).json
    second = api.get(first["next"], token=token).json
    third = api.get(f"comparisons?limit=2&cursor={second['next_cursor']}", token=token).json

    ids = [c["id"] for page in (first, second, third) for c in page["items"]]
    assert ids == [c.pk for c in reversed(made)]
    assert third["next_cursor"] is None and third["next"] is None
    assert first["items"][0]["title"] == "Story 4"
    assert first["items"][0]["web_url"].endswith(f"/comparisons/{made[4].pk}/")


def test_it_keeps_its_place_when_comparisons_are_added_between_pages(api, transactional_db, viewer):
    for n in range(3):
        build_comparison([(f"One {n}.", f"Uno {n}.")], title=f"Story {n}")
    token = token_for(viewer)
    first = api.get("comparisons?limit=2", token=token).json
    build_comparison([("New.", "Nuevo.")], title="Newest")

    second = api.get(first["next"], token=token).json

    assert [c["title"] for c in second["items"]] == ["Story 0"]


def test_it_filters_by_status_and_text(api, transactional_db, viewer):
    done = build_comparison([("The bridge closed.", "The bridge shut.")], title="Bridge")
    done.status = "done"
    done.save()
    build_comparison([("The mayor spoke.", "The mayor talked.")], title="Mayor")
    token = token_for(viewer)

    by_status = api.get("comparisons?status=done", token=token).json["items"]
    by_text = api.get("comparisons?q=mayor", token=token).json["items"]

    assert [c["id"] for c in by_status] == [done.pk]
    assert [c["title"] for c in by_text] == ["Mayor"]


def test_it_filters_by_the_dashboards_queue_filters(api, transactional_db):
    people = role_users()
    work = queue_of_work(people)
    token = token_for(people["editor"])

    def titles(query: str) -> set[str]:
        answer = api.get(f"comparisons?{query}", token=token)
        assert answer.status == 200, answer.json
        return {c["title"] for c in answer.json["items"]}

    mine = {t for t in work if t.startswith("Mine")}
    assert titles("assignee=me") == titles("assignee=eddie") == mine
    assert titles("assignee=none") == {t for t in work if t.startswith("Nobody")}
    assert titles("stage=approval") == {"Mine awaiting approval", "Staff awaiting approval"}
    assert titles("due=overdue") == {"Mine late", "Mine awaiting approval"}
    assert titles("assignee=stella&due=week") == {"Staff tomorrow"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("status=finished", "bad_filter"),
        ("assignee=ghost", "bad_filter"),
        ("stage=shipping", "bad_filter"),
        ("due=soon", "bad_filter"),
        ("since=2026-13-01", "bad_filter"),
        ("cursor=not-a-cursor", "bad_cursor"),
        ("limit=0", "invalid"),
        ("limit=100000", "invalid"),
    ],
)
def test_it_refuses_a_bad_filter(api, transactional_db, viewer, query, code):
    answer = api.get(f"comparisons?{query}", token=token_for(viewer))

    assert answer.status in (400, 422)
    assert answer.error_code == code


def test_it_gives_the_report_in_the_documented_format(api, flagged, viewer):
    answer = api.get(f"comparisons/{flagged.pk}/report", token=token_for(viewer))

    report = answer.json
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(report)
    assert report["schema"] == "newsdrift.report/1.1"
    assert report["comparison"]["id"] == flagged.pk
    assert answer.headers["Content-Type"].startswith("application/json")


def test_it_lists_a_comparisons_flags_with_their_unit_versions(api, flagged, viewer):
    answer = api.get(f"comparisons/{flagged.pk}/flags", token=token_for(viewer))

    flags = answer.json["flags"]
    assert [f["unit_position"] for f in flags] == [1, 2, 3]
    assert all(f["version"] == 1 and f["status"] == "suggested" for f in flags)
    assert flags[2]["severity"] == "critical"
    critical = api.get(
        f"comparisons/{flagged.pk}/flags?status=confirmed", token=token_for(viewer, "second")
    )
    assert critical.json["flags"] == []
