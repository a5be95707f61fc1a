"""The story page's reads: a fixed number of queries whatever the number of copies,
units or flags."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404

from articles.analysis.types import ALIGNABLE_KINDS, TITLE
from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from articles.scoring import drift_score, with_penalty_points
from articles.stories.grid import (
    CopyRow,
    FlagRow,
    Grid,
    SentenceRow,
    UnitRow,
    build_grid,
    publication_order,
)
from articles.stories.shared import SharedFlagRow, SharedGroup, group_shared


def story_source(article_id: int) -> tuple[Article, list[CopyRow]]:
    """The source article of a story and its copies (404 when it is no comparison's
    source)."""
    article = Article.objects.filter(pk=article_id).first()
    copies = copy_rows(article) if article is not None else []
    if not copies:
        raise Http404("No story: this article is not the source of any comparison.")
    return article, copies


def copy_rows(source: Article) -> list[CopyRow]:
    """The story's copies in publication order, with their drift scores (one query)."""
    comparisons = with_penalty_points(
        Comparison.objects.filter(source=source).values(
            "pk",
            "status",
            outlet=F("retranslation__outlet"),
            title=F("retranslation__title"),
            published_at=F("retranslation__published_at"),
            imported_at=F("retranslation__imported_at"),
        )
    )
    return publication_order(
        CopyRow(
            comparison_id=row["pk"],
            outlet=row["outlet"],
            title=row["title"],
            published_at=row["published_at"],
            imported_at=row["imported_at"],
            score=drift_score(row["penalty_points"], source.word_count),
            status=row["status"],
        )
        for row in comparisons
    )


def story_grid(
    source: Article, copies: list[CopyRow], flag_rows: list[SharedFlagRow] | None = None
) -> Grid:
    """The grid of the story; `flag_rows`, when the caller has them, saves a query."""
    sentences = [
        SentenceRow(position, text, kind == TITLE)
        for position, text, kind in Sentence.objects.filter(
            article=source, kind__in=ALIGNABLE_KINDS
        )
        .order_by("position")
        .values_list("position", "text", "kind")
    ]
    ids = [copy.comparison_id for copy in copies]
    units = [
        UnitRow(*row)
        for row in AlignmentUnit.objects.filter(comparison_id__in=ids)
        .order_by("comparison_id", "position")
        .values_list(
            "comparison_id",
            "pk",
            "position",
            "source_positions",
            "kind",
            "source_text",
            "target_text",
        )
    ]
    if flag_rows is None:
        flag_rows = shared_flag_rows(ids)
    flags = [
        FlagRow(row.unit_id, row.category, row.status == Flag.Status.CONFIRMED)
        for row in flag_rows
        if row.status != Flag.Status.DISMISSED
    ]
    return build_grid(sentences, copies, units, flags)


def shared_flag_rows(comparison_ids: list[int]) -> list[SharedFlagRow]:
    """Every flag of the story's copies, decided or not (one query)."""
    rows = Flag.objects.filter(unit__comparison_id__in=comparison_ids).values_list(
        "pk",
        "unit__comparison_id",
        "unit_id",
        "unit__position",
        "unit__version",
        "category",
        "source_span",
        "target_span",
        "status",
    )
    return [SharedFlagRow(*row) for row in rows]


def shared_drift(
    copies: list[CopyRow], flag_rows: list[SharedFlagRow] | None = None
) -> list[SharedGroup]:
    """The drift found in two or more of the copies (`copies` in publication order)."""
    if flag_rows is None:
        flag_rows = shared_flag_rows([c.comparison_id for c in copies])
    return group_shared(flag_rows, copies)
