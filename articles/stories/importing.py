"""Import one source with several copies: one comparison per copy, all or nothing.

The `import_pair` command with several copies and `import_seeds`' stories come here.
(The admin's "Import a story" page and bulk JSON Lines lines with a `copies` list
queue one job item per copy instead, each copy imported on its own.)
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from articles.article_reader import ArticleImportError, ArticleText, check_pair
from articles.importer import ImportOutcome, import_pair

# One source with more copies than this is better sent as a bulk file (a job).
MAX_COPIES = 100


def check_story(source: ArticleText, copies: Sequence[ArticleText]) -> None:
    """Refuse a story with no copy, too many, or a copy that is the source's own text."""
    if not copies:
        raise ArticleImportError(source.name, "has no copies to compare it with")
    if len(copies) > MAX_COPIES:
        raise ArticleImportError(
            source.name, f"has {len(copies)} copies, more than the limit of {MAX_COPIES}"
        )
    for copy in copies:
        check_pair(source, copy)


def import_story(
    source: ArticleText,
    copies: Sequence[ArticleText],
    *,
    origin: str | None = None,
    user=None,
) -> list[ImportOutcome]:
    """Store a source and each copy as a comparison with it, in one transaction: a copy
    that fails leaves nothing of the story behind. A copy imported before is found, not
    stored again (its outcome says `created=False`)."""
    check_story(source, copies)
    with transaction.atomic():
        return [import_pair(source, copy, origin=origin, user=user) for copy in copies]
