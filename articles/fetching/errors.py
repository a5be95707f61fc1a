"""The one error a fetch raises."""

from __future__ import annotations

from articles.article_reader import ArticleImportError


class FetchRefused(ArticleImportError):
    """A URL that was not fetched, or whose answer was not used; the message is one line
    naming the URL and the reason: "http://127.0.0.1/: resolves to a loopback address
    (127.0.0.1), which is not fetched"."""
