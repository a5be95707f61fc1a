"""Bulk import as a job: one item per pair of the upload.

The upload is read and checked in the request (or the command), as before: an upload
refused as a whole is refused there, at once. Each pair becomes an item holding its
two articles as read; a worker imports it through `bulk_import.import_one`, the same
code as an import in the request, and records the pair's result in the import's own
transaction. Importing is idempotent besides (an article is its text's SHA-256), so a
pair done twice would still be one comparison.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from articles.article_reader import ArticleText
from articles.bulk_import import IMPORTED, PRESENT, REJECTED, PairInput, PairResult, import_one
from articles.jobs.kinds import Finish, Outcome, register
from articles.jobs.submit import submit
from articles.models import Job, JobItem

_OUTCOMES = {
    IMPORTED: JobItem.Outcome.IMPORTED,
    PRESENT: JobItem.Outcome.PRESENT,
    REJECTED: JobItem.Outcome.REJECTED,
}


def submit_bulk_import(pairs: list[PairInput], *, upload_name: str, user=None) -> Job:
    """Queue the import of every pair read from an upload (JobRefused over the limit)."""
    return submit(
        Job.Kind.BULK_IMPORT,
        title=f"Bulk import of {upload_name} ({len(pairs)} pairs)",
        items=((pair.label, _payload(pair)) for pair in pairs),
        user=user,
        params={"upload": upload_name},
    )


def submit_pair_import(source: ArticleText, retranslation: ArticleText, *, user=None) -> Job:
    """Queue the import of one large pair (the admin's "Import a pair")."""
    title = source.title or source.name
    return submit(
        Job.Kind.BULK_IMPORT,
        title=f"Import of {title}"[:300],
        items=[("the pair", _payload(PairInput("the pair", source, retranslation)))],
        user=user,
        params={"upload": "", "single": True},
    )


def submit_story_import(source: ArticleText, copies: list[ArticleText], *, user=None) -> Job:
    """Queue the import of a source and its copies (the admin's "Import a story"): one
    item per copy, each a comparison with the source, named by the copy's file."""
    title = source.title or source.name
    return submit(
        Job.Kind.BULK_IMPORT,
        title=f"Import of the story {title} ({len(copies)} copies)"[:300],
        items=((copy.name[:300], _payload(PairInput(copy.name, source, copy))) for copy in copies),
        user=user,
        params={"upload": "", "single": True},
    )


@register(Job.Kind.BULK_IMPORT)
def import_item(job: Job, item: JobItem, finish: Finish) -> Outcome | None:
    pair = _pair(item.label, item.payload)
    recorded = []

    def within(result: PairResult) -> None:
        finish(_outcome(result))
        recorded.append(result)

    result = import_one(
        pair,
        upload_name=job.params.get("upload", ""),
        user=job.created_by,
        within=within,
        single=bool(job.params.get("single")),
    )
    return None if recorded else _outcome(result)


def _outcome(result: PairResult) -> Outcome:
    return Outcome(_OUTCOMES[result.status], result.message, result.comparison_id)


# An item's payload: the pair's two articles as read, or the reason it could not be read.


def _payload(pair: PairInput) -> dict:
    if pair.error or pair.source is None or pair.retranslation is None:
        return {"error": pair.error}
    return {
        "source": _article_data(pair.source),
        "retranslation": _article_data(pair.retranslation),
    }


def _pair(label: str, payload: dict) -> PairInput:
    if "error" in payload:
        return PairInput(label, error=str(payload["error"]))
    return PairInput(label, _article(payload["source"]), _article(payload["retranslation"]))


def _article_data(article: ArticleText) -> dict:
    data = dataclasses.asdict(article)
    if article.published_at is not None:
        data["published_at"] = article.published_at.isoformat()
    return data


def _article(data: dict) -> ArticleText:
    published = data.get("published_at")
    return ArticleText(
        **{**data, "published_at": dt.datetime.fromisoformat(published) if published else None}
    )
