"""The analytics page: who sees it, its filters, its charts' text alternatives and
tables, and a number of queries that does not grow with the archive."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.roles import VIEWERS
from tests.analytics_helpers import build_archive
from tests.builders import build_comparison

pytestmark = pytest.mark.django_db

URL = reverse("articles:analytics")


@pytest.fixture
def archive(editor, other_editor):
    return build_archive(editor, other_editor)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("signed out", 302),
        ("no role", 403),
        ("staff in no role", 403),
        ("viewer", 403),
        ("staff viewer", 200),
        ("editor", 200),
        ("importer", 200),
    ],
)
def test_it_shows_the_page_to_editors_and_staff_with_a_role(
    client, archive, django_user_model, viewer, editor, importer, who, status
):
    if who in ("no role", "staff in no role"):
        user = django_user_model.objects.create_user("nobody", is_staff=who.startswith("staff"))
    elif who == "staff viewer":
        user = django_user_model.objects.create_user("stella", is_staff=True)
        user.groups.add(Group.objects.get(name=VIEWERS))
    else:
        user = {"viewer": viewer, "editor": editor, "importer": importer}.get(who)
    if user:
        client.force_login(user)
    response = client.get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_it_links_the_page_from_the_dashboard_for_those_who_may_see_it(client, editor, viewer):
    client.force_login(editor)
    assert f'href="{URL}"' in client.get(reverse("articles:dashboard")).content.decode()
    client.force_login(viewer)
    assert f'href="{URL}"' not in client.get(reverse("articles:dashboard")).content.decode()


def test_it_draws_each_chart_with_a_text_alternative_a_table_and_a_csv(editor_client, archive):
    page = editor_client.get(URL).content.decode()
    for key in ("outlets", "months", "flags", "ranking", "throughput"):
        svg = re.search(rf'<svg class="chart" id="chart-{key}".*?</svg>', page, re.S)
        assert svg, key
        assert 'role="img"' in svg.group(0)
        assert f'aria-labelledby="chart-{key}-title chart-{key}-desc"' in svg.group(0)
        assert f'<title id="chart-{key}-title">' in svg.group(0)
        assert f'<desc id="chart-{key}-desc">' in svg.group(0)
        assert f'aria-labelledby="{key}-table-caption"' in page
        assert f'href="{reverse("articles:analytics_csv", args=[key])}"' in page
    assert "4 comparisons (the whole archive)" in page
    assert '<th scope="row">Alpha</th><td class="num">2</td>' in page
    assert "style=" not in page and "<script>" not in page.split("</header>")[-1]


def test_it_keeps_the_filters_in_the_form_and_the_csv_links(editor_client, archive):
    page = editor_client.get(
        URL, {"from": "2026-02-01", "to": "2026-02-28", "outlet": "Beta"}
    ).content.decode()
    assert 'value="2026-02-01"' in page and 'value="2026-02-28"' in page
    assert '<option value="Beta" selected>' in page
    months = reverse("articles:analytics_csv", args=["months"])
    assert f"{months}?from=2026-02-01&amp;to=2026-02-28&amp;outlet=Beta" in page
    assert "from 2026-02-01 to 2026-02-28, outlet Beta" in page
    assert "Alpha</th>" not in page  # A and B are Alpha's, C and D Beta's


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": "2026-02-30"}, "from:"),
        ({"to": "soon"}, "to:"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to:"),
        ({"outlet": "Gamma"}, "outlet:"),
        ({"category": "colour"}, "category:"),
    ],
)
def test_it_refuses_a_bad_filter_naming_it(editor_client, archive, params, named):
    response = editor_client.get(URL, params)
    assert response.status_code == 400
    assert response.content.decode().startswith(named)


def test_it_escapes_outlet_and_account_names(editor_client, archive, django_user_model):
    retranslation = archive["A"].retranslation
    retranslation.outlet = "<b>Alpha</b>"
    retranslation.save()
    page = editor_client.get(URL).content.decode()
    assert "<b>Alpha</b>" not in page and "&lt;b&gt;Alpha&lt;/b&gt;" in page


def test_it_says_so_when_nothing_matches(editor_client, archive):
    page = editor_client.get(URL, {"from": "2030-01-01"}).content.decode()
    assert page.count("Nothing to show for these filters.") >= 5


def test_it_reads_the_same_number_of_queries_whatever_the_archive_size(editor_client, archive):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(URL, {"category": "omission"}).status_code == 200
        return len(captured)

    small = queries()
    for n in range(12):
        comparison = build_comparison(
            [(f"More {n} words here.", f"More {n} words there.")],
            title=f"More {n}",
            flags={0: [{"category": "omission", "severity": "minor", "status": "confirmed"}]},
        )
        retranslation = comparison.retranslation
        retranslation.outlet = f"Outlet {n}"
        retranslation.save()
    from articles.analytics.aggregates import rebuild

    rebuild()
    assert queries() == small
