"""The story page's reads: five queries whatever the number of copies or units."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404

from articles.analysis.types import ALIGNABLE_KINDS, TITLE
from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from articles.scoring import drift_score, with_penalty_points
from articles.stories.grid import CopyRow, FlagRow, Grid, SentenceRow, UnitRow, build_grid


def story_source(article_id: int) -> Article:
    """The source article of a story (404 when it is no comparison's source)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not Comparison.objects.filter(source_id=article_id).exists():
        raise Http404("No story: this article is not the source of any comparison.")
    return article


def copy_rows(source: Article) -> list[CopyRow]:
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
    return [
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
    ]


def story_grid(source: Article) -> Grid:
    sentences = [
        SentenceRow(position, text, kind == TITLE)
        for position, text, kind in Sentence.objects.filter(
            article=source, kind__in=ALIGNABLE_KINDS
        )
        .order_by("position")
        .values_list("position", "text", "kind")
    ]
    copies = copy_rows(source)
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
    flags = [
        FlagRow(unit_id, category, status == Flag.Status.CONFIRMED)
        for unit_id, category, status in Flag.objects.filter(
            unit__comparison_id__in=ids,
            status__in=(Flag.Status.SUGGESTED, Flag.Status.CONFIRMED),
        ).values_list("unit_id", "category", "status")
    ]
    return build_grid(sentences, copies, units, flags)
