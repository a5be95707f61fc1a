"""Both whole articles for the reading mode: every sentence in its paragraph, each
aligned sentence tied to the unit it belongs to (two queries, whatever the length).

Units hold the positions of their sentences on each side (`source_positions`,
`target_positions`); metadata lines (bylines, captions, credits, boilerplate) belong
to no unit and are shown as they are, without a link.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.analysis.types import ALIGNABLE_KINDS, TITLE
from articles.models import Comparison, Sentence


@dataclass(frozen=True, slots=True)
class ReadSentence:
    text: str
    unit: int | None  # the position of its unit; None for a metadata line
    unit_kind: str  # "match", "omission", "addition", or "" for a metadata line
    first_of_unit: bool  # the unit's first sentence on this side (the anchor to scroll to)


@dataclass(slots=True)
class ReadParagraph:
    is_title: bool
    sentences: list[ReadSentence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WholeArticle:
    side: str  # "source" or "target"
    paragraphs: list[ReadParagraph]

    @property
    def sentence_count(self) -> int:
        return sum(len(p.sentences) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class WholeArticles:
    source: WholeArticle
    target: WholeArticle
    unit_count: int


def _article(
    side: str, sentences: list[Sentence], units: dict[int, tuple[int, str]]
) -> WholeArticle:
    paragraphs: list[ReadParagraph] = []
    seen: set[int] = set()
    last_key: tuple[int, bool] | None = None
    for sentence in sentences:
        is_title = sentence.kind == TITLE
        key = (sentence.paragraph, is_title)
        if key != last_key:
            paragraphs.append(ReadParagraph(is_title))
        last_key = key
        unit, kind = units.get(sentence.position, (None, ""))
        if sentence.kind not in ALIGNABLE_KINDS:
            unit, kind = None, ""
        paragraphs[-1].sentences.append(
            ReadSentence(sentence.text, unit, kind, unit is not None and unit not in seen)
        )
        if unit is not None:
            seen.add(unit)
    return WholeArticle(side, paragraphs)


def whole_articles(comparison: Comparison) -> WholeArticles:
    """Both articles, sentence by sentence, with their units (two queries)."""
    by_source: dict[int, tuple[int, str]] = {}
    by_target: dict[int, tuple[int, str]] = {}
    rows = comparison.units.order_by("position").values_list(
        "position", "kind", "source_positions", "target_positions"
    )
    count = 0
    for position, kind, source_positions, target_positions in rows:
        count += 1
        for sentence in source_positions or []:
            by_source.setdefault(sentence, (position, kind))
        for sentence in target_positions or []:
            by_target.setdefault(sentence, (position, kind))
    sentences = list(
        Sentence.objects.filter(article_id__in=[comparison.source_id, comparison.retranslation_id])
        .only("article_id", "position", "paragraph", "text", "kind")
        .order_by("position")
    )
    return WholeArticles(
        source=_article(
            "source", [s for s in sentences if s.article_id == comparison.source_id], by_source
        ),
        target=_article(
            "target",
            [s for s in sentences if s.article_id == comparison.retranslation_id],
            by_target,
        ),
        unit_count=count,
    )
