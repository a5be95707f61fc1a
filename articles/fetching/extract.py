"""The article in a fetched page: its text and metadata, read by trafilatura.

trafilatura finds the story among a news site's clutter (navigation, related links,
comment boxes, paywall teasers) and reads the metadata (title, author, publication
date, site name, canonical address); docs/fetching.md says why it was chosen. What it
keeps is then read by newsdrift's own reader like any other article: lines it keeps
that are still not story ("Advertisement", a photo credit, a byline) are kept apart as
metadata by the segmenter (articles/analysis/boilerplate.py), and the same limits and
checks apply (`article_reader.check_article`). A page trafilatura finds nothing in is
read by the reader's plain HTML rules instead, which keep any paragraphs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from articles.article_reader import (
    DEFAULT_LIMITS,
    HTML,
    MAX_TITLE_CHARS,
    ArticleLimits,
    ArticleText,
    check_article,
    clean_text,
    parse_article,
)
from articles.fetching.client import fetch_page
from articles.fetching.errors import FetchRefused
from articles.fetching.page import FetchedPage, is_fetchable_url
from articles.fetching.policy import FetchPolicy, policy_from_settings

WEB_PAGE = "web page"  # the format an article fetched by URL is shown as


def fetch_article(
    url: str, *, policy: FetchPolicy | None = None, limits: ArticleLimits = DEFAULT_LIMITS
) -> ArticleText:
    """Fetch `url` and read the article in it, with the page kept as its provenance.

    Raises ArticleImportError (FetchRefused for the fetch itself) naming the URL.
    """
    if policy is None:
        try:
            policy = policy_from_settings()
        except ValueError as error:  # also reported by `manage.py check`
            raise FetchRefused(url, f"not fetched: {error}") from error
    page = fetch_page(url, policy)
    return article_from_page(page, limits=limits)


def article_from_page(page: FetchedPage, *, limits: ArticleLimits = DEFAULT_LIMITS) -> ArticleText:
    import trafilatura

    document = trafilatura.bare_extraction(
        page.html,
        url=page.final_url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    text = clean_text(getattr(document, "text", None) or "")
    if not text.strip():
        # Nothing trafilatura would call an article: the reader's HTML rules keep any
        # paragraphs, and refuse a page without story text with their own message.
        article = parse_article(page.html.encode("utf-8"), page.url, format=HTML, limits=limits)
        return replace(
            article, format=WEB_PAGE, url=article.url or page.final_url[:1000], fetched=page
        )
    title = _one_line(getattr(document, "title", None) or "")[:MAX_TITLE_CHARS]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and _one_line(lines[0]) == title:
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    canonical = (getattr(document, "url", None) or "").strip()
    canonical = canonical[:1000] if is_fetchable_url(canonical) else ""
    article = ArticleText(
        name=page.url,
        format=WEB_PAGE,
        title=title,
        body="\n".join(lines),
        outlet=_one_line(getattr(document, "sitename", None) or "")[:200],
        byline=_one_line(getattr(document, "author", None) or "")[:500],
        url=canonical or page.final_url[:1000],
        published_at=_date(getattr(document, "date", None) or ""),
        language=_one_line(getattr(document, "language", None) or "en")[:16] or "en",
        fetched=replace(page, canonical_url=canonical),
    )
    return replace(article, sentences=check_article(article, limits))


def _date(value: str) -> dt.datetime | None:
    value = value.strip()
    for pattern in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"):
        try:
            parsed = dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return None


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())
