"""The CSV of each analytics chart: its rows, checked against figures computed by hand
for the small archive of tests/analytics_helpers.py, and its filters."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.analytics_helpers import build_archive

pytestmark = pytest.mark.django_db


def url(chart: str) -> str:
    return reverse("articles:analytics_csv", args=[chart])


@pytest.fixture
def archive(editor, other_editor):
    return build_archive(editor, other_editor)


def rows(client, chart: str, **params) -> list[list[str]]:
    response = client.get(url(chart), params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="newsdrift-analytics-{chart}.csv"'
    )
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_it_splits_each_outlets_scores_into_bands(editor_client, archive):
    assert rows(editor_client, chart="outlets") == [
        ["Outlet", "Comparisons", "Score 0", "Score under 1", "Score 1 to 5",
         "Score 5 or more", "Mean score"],
        ["Alpha", "2", "0", "0", "1", "1", "3.50"],  # 6.00 and 1.00
        ["Beta", "2", "1", "1", "0", "0", "0.25"],  # 0 and 0.50
    ]  # fmt: skip


def test_it_splits_each_months_scores_into_bands(editor_client, archive):
    assert rows(editor_client, chart="months")[1:] == [
        ["2026-01", "2", "1", "0", "0", "1", "3.00"],  # A 6.00, C 0
        ["2026-02", "2", "0", "1", "1", "0", "0.75"],  # B 1.00, D 0.50
    ]


def test_it_counts_confirmed_flags_by_category_and_month(editor_client, archive):
    assert rows(editor_client, chart="flags") == [
        ["Month", "Name", "Hedge", "Omission", "Total"],
        ["2026-01", "1", "1", "0", "2"],
        ["2026-02", "0", "1", "1", "2"],
    ]


def test_it_ranks_outlets_with_the_comparisons_behind_each_figure(editor_client, archive):
    assert rows(editor_client, chart="ranking") == [
        ["Outlet", "Comparisons", "Mean drift score"],
        ["Alpha", "2", "3.50"],
        ["Beta", "2", "0.25"],
    ]


def test_it_ranks_by_one_categorys_points_when_a_category_is_chosen(editor_client, archive):
    assert rows(editor_client, chart="ranking", category="attribution.hedge") == [
        ["Outlet", "Comparisons", "Mean hedge points per 100 words", "Confirmed flags"],
        ["Alpha", "2", "0.50"  , "1"],  # A: 1 point / 100 words, B: none
        ["Beta", "2", "0.25", "1"],  # D: 1 point / 200 words, C: none
    ]  # fmt: skip


def test_it_counts_each_editors_units_per_day_with_decisions(editor_client, archive):
    assert rows(editor_client, chart="throughput") == [
        ["Editor", "Units decided", "Days with decisions", "Units per day"],
        ["otto", "3", "1", "3"],
        ["edna", "4", "2", "2"],
    ]


def test_it_applies_the_date_range_and_the_outlet(editor_client, archive):
    assert rows(editor_client, chart="months", **{"from": "2026-02-01"})[1:] == [
        ["2026-02", "2", "0", "1", "1", "0", "0.75"]
    ]
    assert rows(editor_client, chart="outlets", outlet="Alpha")[1:] == [
        ["Alpha", "2", "0", "0", "1", "1", "3.50"]
    ]
    assert rows(editor_client, chart="throughput", to="2026-03-01")[1:] == [
        ["edna", "3", "1", "3"],
        ["otto", "3", "1", "3"],
    ]
    assert rows(editor_client, chart="flags", category="omission") == [
        ["Month", "Omission", "Total"],
        ["2026-02", "1", "1"],
    ]


def test_it_neutralises_formulas_in_outlet_names(editor_client, archive):
    retranslation = archive["C"].retranslation
    retranslation.outlet = "=cmd()"
    retranslation.save()  # the analytics follow the edit (articles/analytics/hooks.py)
    assert ["'=cmd()", "1", "1", "0", "0", "0", "0.00"] in rows(editor_client, chart="outlets")


@pytest.mark.parametrize(
    ("chart", "params", "named"),
    [
        ("months", {"from": "yesterday"}, "from:"),
        ("months", {"to": "2026-01-01", "from": "2026-02-01"}, "to:"),
        ("months", {"outlet": "Nowhere"}, "outlet:"),
        ("flags", {"category": "factual.colour"}, "category:"),
    ],
)
def test_it_refuses_a_bad_parameter_naming_it(editor_client, archive, chart, params, named):
    response = editor_client.get(url(chart), params)
    assert response.status_code == 400
    assert response.content.decode().startswith(named)


def test_it_knows_no_other_chart(editor_client, archive):
    assert editor_client.get(url("pie")).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("signed out", 302), ("no role", 403), ("viewer", 403), ("editor", 200), ("importer", 200)],
)
def test_it_gives_the_csv_to_editors_and_staff_only(
    client, archive, django_user_model, viewer, editor, importer, who, status
):
    users = {"viewer": viewer, "editor": editor, "importer": importer}
    if who == "no role":
        client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    elif who in users:
        client.force_login(users[who])
    assert client.get(url("outlets")).status_code == status


def test_it_counts_a_decision_made_a_moment_before(editor_client, archive):
    """The review's writes leave the daily tables to a catch-up; the CSV (as the page)
    runs it before reading, so a decision just made is in the figures."""
    unit = archive["C"].units.filter(review_state="unreviewed").order_by("position").first()
    marked = editor_client.post(
        reverse("articles:unit_mark", args=[unit.comparison_id, unit.pk]),
        {"version": unit.version, "state": "ok", "show": "all", "position": unit.position},
    )
    assert marked.status_code == 302
    assert rows(editor_client, chart="throughput")[1:] == [
        ["otto", "3", "1", "3"],
        ["edna", "5", "3", "1.7"],  # 4 units on 2 days before
    ]
