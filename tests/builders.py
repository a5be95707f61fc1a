"""Build comparisons directly in the database, without the analysis, for tests."""

from __future__ import annotations

import hashlib

from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence


def build_comparison(
    units: list[tuple[str, str]],
    *,
    title: str = "Test source",
    flags: dict[int, list[dict]] | None = None,
) -> Comparison:
    """A comparison built directly from (source, target) sentence pairs, no analysis.

    An empty side makes an omission or addition unit. `flags` maps a unit position to
    the flags to create on it (Flag field values).
    """
    source_text = "\n".join(s for s, _ in units if s)
    target_text = "\n".join(t for _, t in units if t)
    source = _article(title, source_text, Article.Role.SOURCE)
    target = _article("", target_text, Article.Role.RETRANSLATION)
    comparison = Comparison.objects.create(source=source, retranslation=target)
    source_pos = target_pos = 0
    for position, (s, t) in enumerate(units):
        kind = (
            AlignmentUnit.Kind.MATCH
            if s and t
            else (AlignmentUnit.Kind.OMISSION if s else AlignmentUnit.Kind.ADDITION)
        )
        unit = AlignmentUnit.objects.create(
            comparison=comparison,
            position=position,
            source_positions=[source_pos] if s else [],
            target_positions=[target_pos] if t else [],
            source_text=s,
            target_text=t,
            kind=kind,
            similarity=0.8 if s and t else 0.0,
        )
        source_pos += bool(s)
        target_pos += bool(t)
        for values in (flags or {}).get(position, []):
            Flag.objects.create(unit=unit, **{"origin": "auto", "status": "suggested", **values})
    return comparison


def _article(title: str, body: str, role: str) -> Article:
    article = Article.objects.create(
        title=title,
        body=body,
        role=role,
        sha256=hashlib.sha256(f"{role}\n{title}\n{body}".encode()).hexdigest(),
        origin="tests",
        word_count=len(body.split()),
    )
    offset = 0
    for position, line in enumerate(body.split("\n")):
        Sentence.objects.create(
            article=article,
            position=position,
            paragraph=position,
            text=line,
            start=offset,
            end=offset + len(line),
            kind=Sentence.Kind.BODY,
        )
        offset += len(line) + 1
    return article
