"""The names index page: every spelling pair across the archive (read from the stored
index), searchable, paginated, with a CSV; who may see it."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.stories.names_models import NameSpelling
from articles.tuning.models import IgnoreEntry
from tests.builders import build_comparison
from tests.names_helpers import set_ledger
from tests.stories_helpers import import_seed_story

pytestmark = pytest.mark.django_db

URL = reverse("articles:names")
CSV_URL = reverse("articles:names_csv")


def _row(page: str, source: str) -> str:
    row = page[page.index(f">{source}</del>") :]
    return row[: row.index("</tr>")]


def _comparisons_with(names: list[tuple[str, str]]):
    for n, (source, target) in enumerate(names):
        comparison = build_comparison([(f"{source} spoke {n}.", f"{target} spoke {n}.")])
        set_ledger(comparison, [{"source": source, "target": target, "units": [0]}])


def test_it_lists_each_spelling_pair_with_its_copies_outlets_and_a_link_to_where(viewer_client):
    import_seed_story()
    page = viewer_client.get(URL).content.decode()
    row = _row(page, "Vandersloot")
    assert ">Fandersloot</ins>" in row
    assert '<td data-label="Comparisons" class="num">4</td>' in row
    assert "Coastal Times, Evening Courier, Harbour Daily, Riverside Post" in row
    assert "12 Mar 2024 09:40" in row and "12 Mar 2024 14:02" in row
    pair = NameSpelling.objects.get(source="Vandersloot")
    assert reverse("articles:name_pair", args=[pair.pk]) in row
    assert "Not ignored" in row
    assert "3 spelling pairs" in page  # Vandersloot, Brouwersma and Dekkerman


def test_it_names_at_most_four_outlets_and_counts_the_others(viewer_client):
    for n in range(6):
        comparison = build_comparison([(f"Maroto spoke {n}.", f"Malotto spoke {n}.")])
        comparison.retranslation.outlet = f"Outlet {n}"
        comparison.retranslation.save()
        set_ledger(comparison, [{"source": "Maroto", "target": "Malotto", "units": [0]}])
    row = _row(viewer_client.get(URL).content.decode(), "Maroto")
    assert "Outlet 0, Outlet 1, Outlet 2, Outlet 3" in row and "and 2 more" in row


def test_it_searches_either_spelling_in_any_case(viewer_client):
    import_seed_story()
    page = viewer_client.get(URL, {"q": "BRAUW"}).content.decode()
    assert ">Brouwersma</del>" in page and "Vandersloot" not in page
    assert "1 spelling pair with “BRAUW”" in page
    page = viewer_client.get(URL, {"q": "no such name"}).content.decode()
    assert "No spelling pair contains “no such name”." in page


def test_it_pages_through_the_pairs_most_frequent_first(viewer_client):
    _comparisons_with([(f"Name{n:03d}", f"Nane{n:03d}") for n in range(55)])
    _comparisons_with([("Name054", "Nane054")])  # two comparisons: first
    first = viewer_client.get(URL).content.decode()
    assert first.index("Name054") < first.index("Name000")
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = viewer_client.get(URL, {"page": 2}).content.decode()
    assert "Name053" in second and "Name000" not in second
    searched = viewer_client.get(URL, {"q": "name05", "page": 1}).content.decode()
    assert "5 spelling pairs" in searched and "Page 1 of" not in searched
    # Past the last page: the last page (a search that narrowed the list).
    assert "Name053" in viewer_client.get(URL, {"page": 9}).content.decode()


@pytest.mark.parametrize(
    ("params", "named"),
    [({"q": "x" * 201}, "q: "), ({"page": "two"}, "page: "), ({"page": "0"}, "page: ")],
)
def test_it_refuses_a_bad_parameter_with_one_line_naming_it(viewer_client, params, named):
    for url in (URL, CSV_URL):
        response = viewer_client.get(url, params)
        assert response.status_code == 400
        assert response.content.decode().startswith(named)


def test_it_shows_which_pairs_the_ignore_list_accepts(viewer_client):
    _comparisons_with([("Sayyid", "Sayyed"), ("Maroto", "Malotto")])
    IgnoreEntry.objects.create(left="sayyed", right="Sayyid", outlet="Harbour Daily")
    page = viewer_client.get(URL).content.decode()
    assert "Accepted</span> for Harbour Daily" in _row(page, "Sayyid")
    assert "Not ignored" in _row(page, "Maroto")


def test_it_downloads_the_pairs_as_csv_with_formulas_neutralised(viewer_client):
    _comparisons_with([("Maroto", "=HYPERLINK()")])
    response = viewer_client.get(CSV_URL, {"q": "maroto"})
    assert response["Content-Disposition"] == 'attachment; filename="newsdrift-names.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "source",
        "retranslation",
        "comparisons",
        "outlets",
        "first_seen",
        "last_seen",
    ]
    assert rows[1][:3] == ["Maroto", "'=HYPERLINK()", "1"]


def test_it_escapes_names(viewer_client):
    _comparisons_with([("<script>x</script>", "<b>")])
    page = viewer_client.get(URL).content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_it_makes_as_many_queries_for_a_large_archive_as_for_a_small_one(viewer_client):
    IgnoreEntry.objects.create(left="Sayyid", right="Sayyed")
    counts = []
    for n in (1, 120):
        _comparisons_with([(f"Maroto{n}x{k}", f"Malotto{n}x{k}") for k in range(n)])
        for params in ({}, {"q": "maroto"}, {"page": 2}):
            with CaptureQueriesContext(connection) as queries:
                assert viewer_client.get(URL, params).status_code == 200
            counts.append(len(queries))
    assert counts[:3] == counts[3:]


def test_it_is_open_to_every_role(client, viewer, editor, importer):
    import_seed_story()
    for user in (viewer, editor, importer):
        client.force_login(user)
        assert client.get(URL).status_code == 200
        assert client.get(CSV_URL).status_code == 200


def test_it_refuses_an_account_in_no_role(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x-x-x-x"))
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_it_sends_a_signed_out_visitor_to_sign_in(client):
    for url in (URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_without_a_role_may_not_see_it(client, django_user_model):
    staff = django_user_model.objects.create_user("staffer", password="x-x-x-x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="add_ignoreentry"))
    client.force_login(staff)
    assert client.get(URL).status_code == 403
