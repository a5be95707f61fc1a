"""Query parameters are checked before any query runs: a bad one is a 400 with a
message naming it, on SQLite and PostgreSQL alike, and a download is either whole or
an error, never cut off mid-way."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Comparison
from tests.builders import build_comparison
from tests.reliability.figures import record
from tests.reliability.urlwalk import OWN_ACCOUNT, walk

FORMATS = ("json", "csv", "md", "html", "pdf")

# (query string, words the refusal must say)
BAD_SELECTIONS = [
    ("ids=9223372036854775808", "id '9223372036854775808': not a comparison id"),
    ("id=99999999999999999999999", "not a comparison id"),
    ("id=%C2%B2", "id '²': not a comparison id"),  # "²".isdigit() is True
    ("id=0", "id '0': not a comparison id"),
    ("id=-3", "not a comparison id"),
    ("ids=1,x", "id 'x': not a comparison id"),
    ("q=a%00b", "NUL"),
    ("outlet=%00", "NUL"),
    ("q=a%01b", "q: holds a control character"),
    ("outlet=" + "x" * 201, "outlet: longer than 200 characters"),
    ("status=%00", "NUL"),
    ("status=closed", "status 'closed': unknown status"),
    ("since=2026-02-30", "since '2026-02-30': not a date"),
    ("until=99999-01-01", "not a date"),
    ("since=2026-03-01&until=2026-02-01", "since 2026-03-01 is after until 2026-02-01"),
]


@pytest.fixture
def comparison(db) -> Comparison:
    return build_comparison(
        [("Rockets hit the base.", "Missiles hit the base."), ("No one was hurt.", "")],
        title="Mutual bombing in Syria",
        flags={0: [{"category": "factual.name", "severity": "major"}]},
    )


def selection_url(fmt: str, query: str) -> str:
    return f"{reverse('reports:selection', args=[fmt])}?{query}"


def app_queries(captured) -> list[str]:
    """The queries that read newsdrift's own tables (not the session or the account)."""
    return [q["sql"] for q in captured.captured_queries if "articles_" in q["sql"]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("query", "says"), BAD_SELECTIONS, ids=[q for q, _ in BAD_SELECTIONS])
def test_it_refuses_a_bad_selection_parameter_before_any_query(
    viewer_client, comparison, fmt, query, says
):
    with CaptureQueriesContext(connection) as captured:
        response = viewer_client.get(selection_url(fmt, query))

    assert response.status_code == 400, response.content[:200]
    assert says in response.content.decode()
    assert not app_queries(captured)


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_takes_the_widest_date_range_the_calendar_holds(viewer_client, comparison, fmt):
    response = viewer_client.get(selection_url(fmt, "since=0001-01-01&until=9999-12-31"))

    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body


def test_it_streams_whole_documents_for_a_filtered_selection(viewer_client, comparison):
    query = f"q={quote('Mutual bombing')}&status=new&since=2000-01-01"

    json_answer = viewer_client.get(selection_url("json", query))
    csv_answer = viewer_client.get(selection_url("csv", query))

    document = json.loads(b"".join(json_answer.streaming_content))
    assert [r["comparison"]["id"] for r in document["reports"]] == [comparison.pk]
    rows = list(csv.reader(io.StringIO(b"".join(csv_answer.streaming_content).decode())))
    assert rows[0][0].lstrip("\ufeff") and len(rows) > 1


def test_it_runs_the_first_chunk_of_a_streamed_download_before_answering(
    viewer_client, comparison, monkeypatch
):
    # A query that fails only once the body is being sent would cut the file off under a
    # 200; the first chunk is fetched before the response starts, so it is an error.
    from articles.reports import data

    def failing(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(data, "_collect", failing)
    viewer_client.raise_request_exception = False

    response = viewer_client.get(selection_url("json", "status=new"))

    assert response.status_code == 500
    assert not response.streaming


def test_it_refuses_a_nul_anywhere_in_the_address(viewer_client, comparison):
    for url in (
        reverse("articles:dashboard") + "?q=a%00b",
        reverse("reports:selection", args=["json"]) + "?q=%00",
        "/comparisons/%00/",
    ):
        with CaptureQueriesContext(connection) as captured:
            response = viewer_client.get(url)
        assert response.status_code == 400, url
        assert "NUL character" in response.content.decode()
        assert not captured.captured_queries, url  # not even the session


def test_it_refuses_a_dashboard_filter_it_cannot_read(viewer_client, comparison):
    too_long = viewer_client.get(reverse("articles:dashboard"), {"q": "x" * 201})
    unknown = viewer_client.get(reverse("articles:dashboard"), {"status": "closed"})

    assert too_long.status_code == 400
    assert "Filter: " in too_long.content.decode()
    assert "at most 200 characters" in too_long.content.decode()
    assert unknown.status_code == 400
    assert "closed is not one of the available choices" in unknown.content.decode()


HOSTILE_QUERIES = [
    "q=a%00b",
    "q=" + "x" * 5000,
    "id=9223372036854775808",
    "ids=9223372036854775808,1",
    "id=%C2%B2",
    "page=99999999999999999999999",
    "page=-1",
    "p=99999999999999999999",
    "o=99.-1",
    "show=%00",
    "show=nothing",
    "draft=%00",
    "draft=" + "x" * 300,
    "status=%00",
    "outlet=%00",
    "since=9999-12-31",
    "until=9999-12-31",
    "since=0001-01-01",
    "comparison__id__exact=9223372036854775808",
    "id__exact=99999999999999999999",
    "at__year=99999999999999999999",
    "at__year=9999&at__month=12&at__day=31",
    "at__gte=%00",
    "e=1",
]


def test_no_url_answers_a_hostile_query_string_with_a_server_error(client, seeded):
    client.force_login(seeded["superuser"])
    client.raise_request_exception = False
    urls = [u for u in walk(seeded) if u.name not in OWN_ACCOUNT]
    problems = []
    tried = 0
    for url in urls:
        for query in HOSTILE_QUERIES:
            address = f"{url.url}{'&' if '?' in url.url else '?'}{query}"
            response = client.get(address)
            tried += 1
            try:
                if response.streaming:
                    b"".join(response.streaming_content)  # a cut-off stream raises here
            except Exception as error:  # noqa: BLE001 (any failure is the finding)
                problems.append(f"{address}: stream cut off ({error!r})")
                continue
            if response.status_code >= 500:
                problems.append(f"{address}: {response.status_code}")

    assert not problems, "\n".join(problems)
    record("hostile query strings: URL × query requests without a server error", tried)
