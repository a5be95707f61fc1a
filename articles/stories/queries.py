"""The story pages' reads: a fixed number of queries whatever the number of copies,
units or flags (the source, its copies, its sentences, their units, their flags)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F
from django.http import Http404
from django.urls import reverse

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
from articles.stories.lineage import SOURCE, Parent, Text, likely_lineage, words_of
from articles.stories.shared import SharedFlagRow, SharedGroup, group_shared


@dataclass(frozen=True, slots=True)
class StoryData:
    source: Article
    copies: list[CopyRow]  # in publication order
    sentences: list[SentenceRow]
    units: list[UnitRow]
    flags: list[SharedFlagRow]

    def grid(self) -> Grid:
        open_flags = [
            FlagRow(row.unit_id, row.category, row.status == Flag.Status.CONFIRMED)
            for row in self.flags
            if row.status != Flag.Status.DISMISSED
        ]
        return build_grid(self.sentences, self.copies, self.units, open_flags, step_link())

    def shared(self) -> list[SharedGroup]:
        return group_shared(self.flags, self.copies)

    def lineage(self) -> list[Parent]:
        texts: dict[int, list[str]] = defaultdict(list)
        for unit in self.units:  # in unit order: each copy's text as it reads
            if unit.target_text:
                texts[unit.comparison_id].append(unit.target_text)
        source = Text(SOURCE, words_of(" ".join(s.text for s in self.sentences)))
        copies = [
            Text(c.comparison_id, words_of(" ".join(texts[c.comparison_id]))) for c in self.copies
        ]
        return likely_lineage(source, copies)


def step_link():
    """A step view's address from (comparison id, unit position), reversed once: a
    story of 30 copies has a thousand cells."""
    pattern = reverse("articles:step", args=[1_000_000_001, 1_000_000_002])

    def link(comparison_id: int, position: int) -> str:
        return pattern.replace("1000000001", str(comparison_id)).replace(
            "1000000002", str(position)
        )

    return link


def story_source(article_id: int) -> tuple[Article, list[CopyRow]]:
    """The source article of a story and its copies (404 when it is no comparison's
    source)."""
    article = Article.objects.filter(pk=article_id).first()
    copies = copy_rows(article) if article is not None else []
    if not copies:
        raise Http404("No story: this article is not the source of any comparison.")
    return article, copies


def load_story(article_id: int) -> StoryData:
    source, copies = story_source(article_id)
    ids = [copy.comparison_id for copy in copies]
    return StoryData(source, copies, sentence_rows(source), unit_rows(ids), shared_flag_rows(ids))


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


def sentence_rows(source: Article) -> list[SentenceRow]:
    rows = (
        Sentence.objects.filter(article=source, kind__in=ALIGNABLE_KINDS)
        .order_by("position")
        .values_list("position", "text", "kind")
    )
    return [SentenceRow(position, text, kind == TITLE) for position, text, kind in rows]


def unit_rows(comparison_ids: list[int]) -> list[UnitRow]:
    rows = (
        AlignmentUnit.objects.filter(comparison_id__in=comparison_ids)
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
    )
    return [UnitRow(*row) for row in rows]


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


def shared_drift(copies: list[CopyRow]) -> list[SharedGroup]:
    """The drift found in two or more of the copies (`copies` in publication order)."""
    return group_shared(shared_flag_rows([c.comparison_id for c in copies]), copies)
