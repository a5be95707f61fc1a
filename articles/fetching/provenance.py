"""Keep the page an article was fetched from, and number the versions of an address.

Called by the importer inside the import's transaction, when it stores a new article
that came from a fetch: an article is its text, so a page whose text changed since the
last fetch makes a new article, and its fetch the next version of that address. The
earlier article, its fetch and its comparisons are never changed.
"""

from __future__ import annotations

from articles.fetching.page import FetchedPage
from articles.models import Article, ArticleFetch


def record_fetch(article: Article, page: FetchedPage) -> ArticleFetch:
    earlier = (
        ArticleFetch.objects.filter(url=page.url)
        .exclude(article=article)
        .order_by("-version", "-id")
        .only("version", "article_id")
        .first()
    )
    return ArticleFetch.objects.create(
        article=article,
        url=page.url[:2000],
        final_url=page.final_url[:2000],
        canonical_url=page.canonical_url[:2000],
        fetched_at=page.fetched_at,
        status=page.status,
        content_type=page.content_type[:200],
        redirects=page.redirects,
        size=page.size,
        html=page.html,
        version=earlier.version + 1 if earlier else 1,
        replaces_id=earlier.article_id if earlier else None,
    )


def fetches_of(*articles: Article) -> dict[int, ArticleFetch]:
    """The latest fetch of each of the articles that came from one, by article id, in
    one query and without the pages themselves (the overview shows the details)."""
    rows = (
        ArticleFetch.objects.filter(article__in=articles)
        .defer("html")
        .order_by("article_id", "-fetched_at", "-id")
    )
    latest: dict[int, ArticleFetch] = {}
    for row in rows:
        latest.setdefault(row.article_id, row)
    return latest
