"""Store an article pair and its analysis: the one import path of newsdrift.

The `import_pair` and `import_seeds` commands and the admin's import pages all come
here, so a pair imported any way gives the same rows. Everything an import writes is
one transaction: a pair that fails leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.analysis.boilerplate import classify_line, split_dateline
from articles.analysis.pipeline import PairAnalysis, analyse_pair
from articles.analysis.segment import segment_article
from articles.analysis.types import ALIGNABLE_KINDS, BODY, BYLINE, TITLE, Segment, Suggestion
from articles.analytics.aggregates import count_new_comparison
from articles.article_reader import (
    ArticleImportError,
    ArticleLimits,
    ArticleText,
    check_article,
    check_pair,
    reading_side,
)
from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from articles.row_writer import insert_rows, insert_rows_under
from articles.stories.names_store import refresh_names
from articles.tuning.applying import record_effects, tuning_for

# A concurrent import of the same text can win the race to insert an article; the
# loser's transaction is rolled back and tried again, and then finds the rows.
_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    comparison: Comparison
    created: bool  # False when this pair had been imported before: nothing was written
    articles_created: int


def article_limits() -> ArticleLimits:
    """The limits every side is held to: the byte limit from the settings
    (NEWSDRIFT_MAX_ARTICLE_BYTES), the others fixed in `article_reader`."""
    return ArticleLimits(bytes=settings.NEWSDRIFT_MAX_ARTICLE_BYTES)


@dataclass(frozen=True, slots=True)
class PreparedPair:
    """A pair's segmentation and analysis, computed before anything is written."""

    source: ArticleText
    retranslation: ArticleText
    source_segments: list[Segment]
    target_segments: list[Segment]
    analysis: PairAnalysis


def prepare_pair(source: ArticleText, retranslation: ArticleText) -> PreparedPair:
    """Segment and analyse a pair (plain computation: no query, no write).

    The analysis is the long part of an import; done here, outside the transaction,
    it holds no database lock (SQLite has one writer at a time for the whole file).
    """
    check_pair(source, retranslation)
    source_segments = segment_article(source.title, source.body)
    target_segments = segment_article(retranslation.title, retranslation.body)
    return PreparedPair(
        source,
        retranslation,
        source_segments,
        target_segments,
        analyse_pair(
            source_segments, target_segments, tuning_for(source.outlet, retranslation.outlet)
        ),
    )


def import_pair(
    source: ArticleText,
    retranslation: ArticleText,
    *,
    origin: str | None = None,
    user=None,
    limits: ArticleLimits | None = None,
    within: Callable[[ImportOutcome], None] | None = None,
) -> ImportOutcome:
    """Store a source and its retranslation, compare them and analyse the comparison.

    Importing a pair that is already stored changes nothing. Raises ArticleImportError,
    naming the side, when a side is over the limits or has no story text
    (`article_reader.check_article`, run here whatever the input path ran before), or
    when the two texts are the same (`article_reader.check_pair`). `within`, if given,
    is called with the outcome inside the import's transaction (a background job
    records the pair's result there, so that the two are written together or not at
    all).
    """
    limits = limits or article_limits()
    for side, article in (("source", source), ("retranslation", retranslation)):
        with reading_side(side):
            check_article(article, limits)
    prepared = prepare_pair(source, retranslation)
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                outcome = _import_pair(prepared, origin=origin, user=user)
                if within is not None:
                    within(outcome)
                return outcome
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _import_pair(prepared: PreparedPair, *, origin: str | None, user) -> ImportOutcome:
    source_article, source_new = _article_for(
        prepared.source, prepared.source_segments, Article.Role.SOURCE, origin, user
    )
    target_article, target_new = _article_for(
        prepared.retranslation, prepared.target_segments, Article.Role.RETRANSLATION, origin, user
    )
    created_count = int(source_new) + int(target_new)
    existing = Comparison.objects.filter(source=source_article, retranslation=target_article)
    if comparison := existing.first():
        return ImportOutcome(comparison, created=False, articles_created=created_count)
    comparison = Comparison.objects.create(source=source_article, retranslation=target_article)
    # An article stored before may have been segmented by an older segmenter: the
    # analysis prepared from today's segments fits only if its sentences are the same.
    fits = (source_new or segments_of(source_article) == prepared.source_segments) and (
        target_new or segments_of(target_article) == prepared.target_segments
    )
    analysed = (prepared.analysis, prepared.source_segments, prepared.target_segments)
    analysis = store_analysis(comparison, analysed if fits else None)
    if not analysis.units:
        # check_article makes sure each side has story text, so this cannot happen; if
        # it ever did, a comparison with nothing to review is refused, not stored.
        raise ArticleImportError(
            f"source ({prepared.source.name}) and retranslation ({prepared.retranslation.name})",
            "no story text to compare",
        )
    return ImportOutcome(comparison, created=True, articles_created=created_count)


def _article_for(
    text: ArticleText, segments: list[Segment], role: str, origin: str | None, user
) -> tuple[Article, bool]:
    digest = text.sha256
    if article := Article.objects.filter(sha256=digest).first():
        return article, False
    article = Article.objects.create(
        title=text.title,
        body=text.body,
        outlet=text.outlet,
        byline=text.byline or _byline_from_body(text.body),
        dateline=_dateline_of(text.body),
        url=text.url,
        published_at=text.published_at,
        language=text.language,
        role=role,
        sha256=digest,
        origin=(origin or text.name)[:255],
        imported_by=user if getattr(user, "is_authenticated", False) else None,
        word_count=sum(len(s.text.split()) for s in segments if s.kind in ALIGNABLE_KINDS),
    )
    insert_rows(
        Sentence,
        ("article", "position", "paragraph", "text", "start", "end", "kind"),
        (
            (article.pk, position, s.paragraph, s.text, s.start, s.end, s.kind)
            for position, s in enumerate(segments)
        ),
    )
    if text.fetched is not None:
        # Imported by URL: the page is kept as the article's provenance.
        from articles.fetching.provenance import record_fetch

        record_fetch(article, text.fetched)
    return article, True


def segments_of(article: Article) -> list[Segment]:
    """An article's stored sentences as analysis segments, in position order."""
    # Plain value rows, not `article.sentences.only(...)`: the related manager reads
    # each row's article_id to attach the article, and with that field deferred it
    # fetched it with one query per sentence.
    rows = (
        Sentence.objects.filter(article_id=article.pk)
        .order_by("position")
        .values_list("text", "kind", "paragraph", "start", "end")
    )
    return [
        Segment(text=text, kind=kind, paragraph=paragraph, start=start, end=end)
        for text, kind, paragraph, start, end in rows
    ]


def store_analysis(
    comparison: Comparison,
    prepared: tuple[PairAnalysis, Sequence[Segment], Sequence[Segment]] | None = None,
) -> PairAnalysis:
    """Store a comparison's units and suggestions (it has none yet): from `prepared`
    (the analysis and the segments it was made from) when given, else analysing the
    stored sentences now."""
    analysis, source, target = prepared or analyse_comparison(comparison)
    # One statement each for the units and their flags, however many there are; a
    # flag finds its unit by the unit's position (row_writer: bulk_create took 70
    # statements for a long pair, and most of the time in preparing them).
    insert_rows(
        AlignmentUnit,
        ("comparison", *_UNIT_COLUMNS),
        ((comparison.pk, *values) for values in unit_values(analysis, source, target)),
    )
    insert_rows_under(
        Flag,
        "unit",
        ("comparison", "position"),
        _FLAG_COLUMNS,
        (
            ((comparison.pk, position), values)
            for position, result in enumerate(analysis.units)
            for values in flag_values(result.suggestions)
        ),
    )
    record_analysis(comparison, analysis)
    # Every import ends here: the new comparison counts in the analytics at once.
    count_new_comparison(comparison)
    return analysis


def analyse_comparison(comparison: Comparison) -> tuple[PairAnalysis, list[Segment], list[Segment]]:
    """Run the analysis on a comparison's stored sentences (nothing is written).

    Shared by `store_analysis` and `articles.reanalysis`, so that a first analysis and a
    re-run read the same segments the same way.
    """
    source = segments_of(comparison.source)
    target = segments_of(comparison.retranslation)
    tuning = tuning_for(comparison.source.outlet, comparison.retranslation.outlet)
    return analyse_pair(source, target, tuning), source, target


_FLAG_COLUMNS = (
    "category",
    "severity",
    "origin",
    "status",
    "source_span",
    "target_span",
    "reason",
    "rule",
)


def flag_values(suggestions: Iterable[Suggestion]) -> Iterator[tuple]:
    """The values of the flags of the analysis's suggestions on one unit, in the order
    of _FLAG_COLUMNS."""
    for s in suggestions:
        yield (
            s.category,
            s.severity,
            Flag.Origin.AUTO,
            Flag.Status.SUGGESTED,
            s.source_span,
            s.target_span,
            s.reason,
            s.rule,
        )


def suggestion_flags(unit: AlignmentUnit, suggestions: Iterable[Suggestion]) -> list[Flag]:
    """Unsaved Flag rows for the analysis's suggestions on one unit."""
    return [
        Flag(unit=unit, **dict(zip(_FLAG_COLUMNS, values, strict=True)))
        for values in flag_values(suggestions)
    ]


def record_analysis(comparison: Comparison, analysis: PairAnalysis) -> None:
    """Store the analysis's ledger, time and version on the comparison, and what the
    tuning suppressed in it."""
    comparison.ledger = ledger_rows(analysis)
    comparison.analysed_at = timezone.now()
    comparison.analysis_version = analysis.version
    comparison.save(update_fields=["ledger", "analysed_at", "analysis_version"])
    record_effects(comparison, analysis)
    refresh_names([comparison.pk])  # the names index follows the ledger


def ledger_rows(analysis: PairAnalysis) -> list[dict]:
    """The entity ledger as stored on the comparison (unit indices are unit positions)."""
    return [
        {"source": entry.source_name, "target": entry.target_name, "units": list(entry.units)}
        for entry in analysis.ledger
    ]


_UNIT_COLUMNS = (
    "position",
    "source_positions",
    "target_positions",
    "source_text",
    "target_text",
    "kind",
    "similarity",
    "moved",
    "is_title",
)


def unit_values(
    analysis: PairAnalysis, source: Sequence[Segment], target: Sequence[Segment]
) -> Iterator[tuple]:
    """The values of the analysis's units, numbered from 0, in the order of
    _UNIT_COLUMNS."""
    for position, result in enumerate(analysis.units):
        unit = result.unit
        yield (
            position,
            list(unit.source),
            list(unit.target),
            result.source_text,
            result.target_text,
            unit.kind,
            min(1.0, max(0.0, round(unit.similarity, 4))),
            unit.moved,
            any(source[i].kind == TITLE for i in unit.source)
            or any(target[i].kind == TITLE for i in unit.target),
        )


def unit_rows(
    comparison: Comparison,
    analysis: PairAnalysis,
    source: Sequence[Segment],
    target: Sequence[Segment],
) -> Iterable[AlignmentUnit]:
    """Unsaved AlignmentUnit rows for the analysis's units, numbered from 0."""
    for values in unit_values(analysis, source, target):
        yield AlignmentUnit(comparison=comparison, **dict(zip(_UNIT_COLUMNS, values, strict=True)))


def _first_body_line(body: str) -> str:
    for line in body.split("\n"):
        if line.strip() and classify_line(line) == BODY:
            return line.strip()
    return ""


def _dateline_of(body: str) -> str:
    return split_dateline(_first_body_line(body))[0][:200]


def _byline_from_body(body: str) -> str:
    for line in body.split("\n")[:40]:
        if line.strip() and classify_line(line) == BYLINE:
            text = line.strip()
            return text.split(":", 1)[1].strip()[:500] if ":" in text else text[:500]
    return ""
