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
    """Queue the import of every pair read from an upload (JobRefused over the limit).

    An upload with sides given as web addresses is an import by URL: its items fetch
    those sides first (articles/jobs/fetch.py)."""
    by_url = any(pair.urls for pair in pairs)
    what = "Import by URL" if by_url else "Bulk import"
    return submit(
        Job.Kind.URL_IMPORT if by_url else Job.Kind.BULK_IMPORT,
        title=f"{what} of {upload_name} ({len(pairs)} pairs)",
        items=((pair.label, payload_of_pair(pair)) for pair in pairs),
        user=user,
        params={"upload": upload_name},
    )


def submit_pair_import(source: ArticleText, retranslation: ArticleText, *, user=None) -> Job:
    """Queue the import of one large pair (the admin's "Import a pair")."""
    title = source.title or source.name
    return submit(
        Job.Kind.BULK_IMPORT,
        title=f"Import of {title}"[:300],
        items=[("the pair", payload_of_pair(PairInput("the pair", source, retranslation)))],
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
        items=(
            (copy.name[:300], payload_of_pair(PairInput(copy.name, source, copy)))
            for copy in copies
        ),
        user=user,
        params={"upload": "", "single": True},
    )


@register(Job.Kind.BULK_IMPORT)
def import_item(job: Job, item: JobItem, finish: Finish) -> Outcome | None:
    pair = pair_of_payload(item.label, item.payload)
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


# A side may also be an address still to fetch ("source_url"), and an article fetched
# by URL carries its page ("fetched").


def payload_of_pair(pair: PairInput) -> dict:
    if pair.error:
        return {"error": pair.error}
    payload: dict = {}
    for side in ("source", "retranslation"):
        article, url = getattr(pair, side), getattr(pair, f"{side}_url")
        if url:
            payload[f"{side}_url"] = url
        elif article is not None:
            payload[side] = _article_data(article)
        else:
            return {"error": pair.error or f"{pair.label}: has no {side}"}
    return payload


def pair_of_payload(label: str, payload: dict) -> PairInput:
    if "error" in payload:
        return PairInput(label, error=str(payload["error"]))
    sides = {
        side: _article(payload[side]) for side in ("source", "retranslation") if side in payload
    }
    return PairInput(
        label,
        sides.get("source"),
        sides.get("retranslation"),
        source_url=str(payload.get("source_url", "")),
        retranslation_url=str(payload.get("retranslation_url", "")),
    )


def _article_data(article: ArticleText) -> dict:
    data = {
        field.name: getattr(article, field.name)
        for field in dataclasses.fields(article)
        if field.name != "fetched"
    }
    if article.published_at is not None:
        data["published_at"] = article.published_at.isoformat()
    if article.fetched is not None:
        data["fetched"] = article.fetched.to_dict()
    return data


def _article(data: dict) -> ArticleText:
    from articles.fetching.page import FetchedPage

    published = data.get("published_at")
    fetched = data.get("fetched")
    return ArticleText(
        **{
            **data,
            "published_at": dt.datetime.fromisoformat(published) if published else None,
            "fetched": FetchedPage.from_dict(fetched) if fetched else None,
        }
    )
