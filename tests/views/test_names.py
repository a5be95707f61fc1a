"""The names index: every spelling pair across the archive, searchable, with a CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Comparison
from tests.builders import build_comparison
from tests.stories_helpers import import_seed_story

pytestmark = pytest.mark.django_db

URL = reverse("articles:names")


def test_it_lists_each_spelling_pair_with_its_copies_outlets_and_links(viewer_client):
    story = import_seed_story()
    page = viewer_client.get(URL).content.decode()
    row = page[page.index(">Vandersloot</del>") :]
    row = row[: row.index("</tr>")]
    assert ">Fandersloot</ins>" in row
    assert '<td data-label="Comparisons" class="num">4</td>' in row
    assert "Coastal Times, Evening Courier, Harbour Daily, Riverside Post" in row
    assert "12 Mar 2024 09:40" in row and "12 Mar 2024 14:02" in row
    harbour = Comparison.objects.get(source=story, retranslation__outlet="Harbour Daily")
    unit = harbour.units.get(source_text__contains="Vandersloot")
    assert reverse("articles:step", args=[harbour.pk, unit.position]) in row
    assert "3 spelling pairs" in page  # Vandersloot, Brouwersma and Dekkerman


def test_it_searches_either_spelling(viewer_client):
    import_seed_story()
    page = viewer_client.get(URL, {"q": "brauw"}).content.decode()
    assert ">Brouwersma</del>" in page and "Vandersloot" not in page
    assert "1 spelling pair with “brauw”" in page
    page = viewer_client.get(URL, {"q": "no such name"}).content.decode()
    assert "No spelling pair contains “no such name”." in page


def test_it_downloads_the_pairs_as_csv_with_formulas_neutralised(viewer_client):
    comparison = build_comparison([("Maroto spoke.", "=HYPERLINK() spoke.")])
    comparison.ledger = [{"source": "Maroto", "target": "=HYPERLINK()", "units": [0]}]
    comparison.save()
    response = viewer_client.get(reverse("articles:names_csv"), {"q": "maroto"})
    assert response["Content-Disposition"] == 'attachment; filename="newsdrift-names.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["source", "retranslation", "comparisons"]
    assert rows[1][:3] == ["Maroto", "'=HYPERLINK()", "1"]


def test_it_escapes_names(viewer_client):
    comparison = build_comparison([("A spoke.", "B spoke.")])
    comparison.ledger = [{"source": "<script>x</script>", "target": "<b>", "units": [0]}]
    comparison.save()
    page = viewer_client.get(URL).content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_it_refuses_an_overlong_search_with_one_line(viewer_client):
    response = viewer_client.get(URL, {"q": "x" * 201})
    assert response.status_code == 400
    assert response.content.decode().startswith("Search: ")


def test_it_makes_as_many_queries_for_many_comparisons_as_for_one(viewer_client):
    counts = []
    for n in (1, 20):
        for _ in range(n):
            c = build_comparison([(f"Maroto {n} {_} spoke.", f"Malotto {n} {_} spoke.")])
            c.ledger = [{"source": f"Maroto{_}", "target": f"Malotto{_}", "units": [0]}]
            c.save()
        with CaptureQueriesContext(connection) as queries:
            assert viewer_client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_refuses_an_account_in_no_role(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x-x-x-x"))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("articles:names_csv")).status_code == 403
