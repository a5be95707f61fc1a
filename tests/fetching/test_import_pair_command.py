"""`manage.py import_pair` with URLs: fetched from a local server, stored with their
provenance; refusals as the command's one-line error; a changed page a new version."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from articles.models import ArticleFetch, Comparison
from tests.conftest import SEED_SOURCE

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_pair", *args, stdout=out)
    return out.getvalue()


def test_it_imports_a_pair_of_urls_with_their_metadata_and_pages(fetch_server, allow_local):
    output = run(fetch_server.url("/story"), fetch_server.url("/retold"))
    comparison = Comparison.objects.get()
    assert output.startswith(f"Imported comparison {comparison.pk} (")
    source, retranslation = comparison.source, comparison.retranslation
    assert source.title == "Rockets hit US base in Syria after American air strikes"
    assert source.outlet == "The Daily Wire Service"
    assert source.byline == "Phil Stewart"
    assert source.url == "https://news.example.org/world/syria-rockets"
    assert source.origin == fetch_server.url("/story")
    assert retranslation.title == "US base in Syria attacked with rockets"
    fetch = source.fetches.get()
    assert fetch.url == fetch.final_url == fetch_server.url("/story")
    assert "Subscribe to keep reading" in fetch.html  # the page as it was, all of it
    assert fetch.version == 1 and fetch.replaces is None
    assert comparison.units.exists()


def test_it_mixes_a_file_and_a_url(fetch_server, allow_local):
    run(str(SEED_SOURCE), fetch_server.url("/retold"))
    comparison = Comparison.objects.get()
    assert not comparison.source.fetches.exists()
    assert comparison.retranslation.fetches.count() == 1


def test_a_refused_url_is_the_command_s_one_line_error_and_nothing_is_stored(
    fetch_server, settings
):
    settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE = ""
    url = fetch_server.url("/story")
    with pytest.raises(CommandError) as raised:
        run(url, fetch_server.url("/retold"))
    assert str(raised.value) == (
        f"source ({url}): is a loopback address (127.0.0.1), which is not fetched "
        "(see NEWSDRIFT_FETCH_ALLOW_PRIVATE)"
    )
    assert fetch_server.requests == []
    assert not Comparison.objects.exists() and not ArticleFetch.objects.exists()


def test_a_refusal_names_the_side_and_the_url(fetch_server, allow_local):
    url = fetch_server.url("/image")
    with pytest.raises(CommandError, match=rf"^retranslation \({url}\): answered image/png"):
        run(fetch_server.url("/story"), url)


def test_fetching_a_changed_page_again_makes_a_new_version_and_keeps_the_old(
    fetch_server, allow_local
):
    changing, retold = fetch_server.url("/changing"), fetch_server.url("/retold")
    run(changing, retold)
    first = Comparison.objects.get()
    assert "Already imported" in run(changing, retold)  # unchanged: nothing new
    assert ArticleFetch.objects.count() == 2

    fetch_server.state["version"] = 2
    run(changing, retold)
    second = Comparison.objects.exclude(pk=first.pk).get()
    assert second.source_id != first.source_id
    assert second.retranslation_id == first.retranslation_id
    old, new = first.source, second.source
    old.refresh_from_db()
    assert "killing four fighters" not in old.body  # the old version is untouched
    assert "killing four fighters" in new.body
    fetch = new.fetches.get()
    assert (fetch.version, fetch.replaces_id) == (2, old.pk)
    assert old.fetches.get().version == 1

    fetch_server.state["version"] = 3
    run(changing, retold)
    assert ArticleFetch.objects.filter(url=changing).order_by("version").values_list(
        "version", flat=True
    )[::1] == [1, 2, 3]
