"""The dashboard: every comparison with its progress, flags, score; filter, search, pages."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Article, Comparison, Flag
from articles.views.dashboard import PAGE_SIZE
from tests.builders import build_comparison

from .conftest import HTMX

URL = reverse("articles:dashboard")


def test_it_redirects_a_signed_out_visitor_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_lists_each_comparison_with_its_review_figures(editor_client, other_editor, comparison):
    Article.objects.filter(pk=comparison.source_id).update(outlet="Regional news site")
    Article.objects.filter(pk=comparison.retranslation_id).update(outlet="Wire copy")
    comparison.units.filter(position__in=[0, 1]).update(review_state="ok")
    Flag.objects.filter(unit__comparison=comparison, unit__position=1).update(status="confirmed")
    Comparison.objects.filter(pk=comparison.pk).update(status="in_review", last_editor=other_editor)
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mutual bombing in Syria" in html
    assert "Regional news site" in html and "Wire copy" in html
    assert "In review" in html
    assert '<span class="count">2 / 5</span>' in html
    assert '<span class="pill pill-open">1</span>' in html  # the pronoun suggestion
    assert "Name <b>1</b>" in html
    # One major flag: 5 points over the source's words.
    words = comparison.source.word_count
    assert f'<span class="drift">{5 * 100 / words:.2f}</span>' in html
    assert "otto" in html
    assert reverse("articles:start", args=[comparison.pk]) in html


def test_it_filters_by_status_and_searches_titles_and_outlets(editor_client, db):
    first = build_comparison([("A storm hit Lagos.", "A storm struck Lagos.")], title="Lagos storm")
    second = build_comparison([("Talks in Rome.", "Talks at Rome.")], title="Rome talks")
    Comparison.objects.filter(pk=second.pk).update(status="done")
    Article.objects.filter(pk=first.retranslation_id).update(outlet="Daily Wire Copy")
    html = editor_client.get(URL, {"status": "done"}).content.decode()
    assert "Rome talks" in html and "Lagos storm" not in html
    html = editor_client.get(URL, {"q": "lagos"}).content.decode()
    assert "Lagos storm" in html and "Rome talks" not in html
    html = editor_client.get(URL, {"q": "wire copy"}).content.decode()
    assert "Lagos storm" in html and "Rome talks" not in html
    response = editor_client.get(URL, {"q": "rome", "status": "done"})
    assert response.context["filter_query"] == "status=done&q=rome"


def test_it_answers_htmx_with_the_results_only(editor_client, comparison):
    response = editor_client.get(URL, {"q": "syria"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="results"')
    assert "Mutual bombing in Syria" in html


def test_it_pages_the_comparisons(editor_client, db):
    for number in range(PAGE_SIZE + 2):
        build_comparison([(f"Sentence {number}.", f"Phrase {number}.")], title=f"Story {number}")
    first = editor_client.get(URL).content.decode()
    assert "Page 1 of 2" in first
    second = editor_client.get(URL, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert len(BeautifulSoup(second, "html.parser").select("td.article-cell")) == 2 * 2


def test_the_download_place_follows_an_htmx_filter(editor_client, comparison):
    html = editor_client.get(URL, {"q": "syria"}, **HTMX).content.decode()
    assert (
        '<div class="downloads" id="downloads" data-filter-query="q=syria" hx-swap-oob="true">'
        in html
    )


def test_a_viewer_can_read_it(viewer_client, comparison):
    response = viewer_client.get(URL)
    assert response.status_code == 200
    assert "Mutual bombing in Syria" in response.content.decode()


def test_it_links_the_names_index_and_the_api_tokens_at_every_size(editor_client, comparison):
    # The top bar hides the account's name (the tokens link) on a phone; the dashboard
    # carries both links whatever the width.
    page = editor_client.get(reverse("articles:dashboard")).content.decode()
    assert f'<a href="{reverse("articles:names")}">Names index</a>' in page
    assert f'<a href="{reverse("api_tokens")}">Your API tokens</a>' in page
