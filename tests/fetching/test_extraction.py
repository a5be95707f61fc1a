"""A fetched news page read into an article: trafilatura's text and metadata, and our
reader's own separation of the boilerplate it keeps. No database."""

from __future__ import annotations

import datetime as dt

from articles.analysis.segment import segment_article
from articles.analysis.types import BODY, BOILERPLATE
from articles.fetching.extract import WEB_PAGE, article_from_page
from articles.fetching.page import FetchedPage
from tests.fetching.pages import news_page


def page_of(html: str, url: str = "https://wire.example.net/2021/06/28/syria") -> FetchedPage:
    return FetchedPage(
        url=url,
        final_url=url,
        fetched_at=dt.datetime(2021, 6, 29, 8, 0, tzinfo=dt.UTC),
        status=200,
        content_type="text/html; charset=utf-8",
        html=html,
        size=len(html.encode("utf-8")),
    )


def test_it_reads_the_story_and_its_metadata_from_a_news_page():
    article = article_from_page(page_of(news_page()))
    assert article.format == WEB_PAGE
    assert article.title == "Rockets hit US base in Syria after American air strikes"
    assert article.byline == "Phil Stewart"
    assert article.outlet == "The Daily Wire Service"
    assert article.url == "https://news.example.org/world/syria-rockets"  # canonical
    assert article.published_at == dt.datetime(2021, 6, 28, 21, 15, tzinfo=dt.UTC)
    assert article.body.startswith("US forces in Syria came under rocket fire")
    assert article.fetched is not None
    assert article.fetched.canonical_url == "https://news.example.org/world/syria-rockets"


def test_it_leaves_out_navigation_ads_comments_and_the_paywall_teaser():
    body = article_from_page(page_of(news_page())).body
    for clutter in (
        "Politics",
        "Buy the new Galaxy phone",
        "Subscribe to keep reading",
        "fake news",
        "Ten gadgets",
        "Cookie settings",
        "Post comment",
    ):
        assert clutter not in body


def test_boilerplate_the_extractor_keeps_is_kept_apart_by_our_reader():
    article = article_from_page(page_of(news_page()))
    assert "Advertisement" in article.body.split("\n")  # trafilatura kept the ad marker
    segments = segment_article(article.title, article.body)
    assert [s.text for s in segments if s.kind == BOILERPLATE] == ["Advertisement"]
    assert all("Advertisement" not in s.text for s in segments if s.kind == BODY)


def test_a_page_without_article_markup_is_read_by_the_plain_html_rules():
    html = (
        "<html><body><p>"
        + "</p><p>".join(["The council met on Monday to discuss the budget.", "It approved it."])
        + "</p></body></html>"
    )
    article = article_from_page(page_of(html))
    assert "The council met on Monday" in article.body
    assert article.fetched is not None
    assert article.url == "https://wire.example.net/2021/06/28/syria"
