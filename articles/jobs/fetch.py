"""Import by URL as a job: one item per pair of a JSON Lines upload whose lines give
`source_url` and/or `retranslation_url` (docs/admin-import.md).

Fetching is slow and may fail, so it is done by the worker, not while the upload is
read: the item fetches each side given as an address (articles/fetching: the same safe
fetch and extraction as the admin's form and `import_pair`), then imports the pair
exactly as a bulk import does (`bulk_import.import_one`), recording its result in the
import's transaction. A refused or failed fetch rejects that pair alone, with the
fetch's one-line reason; the other pairs go on.
"""

from __future__ import annotations

import dataclasses

from articles.article_reader import ArticleImportError, reading_side
from articles.bulk_import import PairInput
from articles.jobs.bulk import import_item, pair_of_payload, payload_of_pair
from articles.jobs.kinds import Finish, Outcome, register
from articles.models import Job, JobItem


def fetch_sides(pair: PairInput, limits) -> PairInput:
    """The pair with every side given as an address fetched and read (raises
    ArticleImportError naming the side and the address)."""
    from articles.fetching.extract import fetch_article

    fetched = {}
    for side, url in pair.urls.items():
        with reading_side(side):
            fetched[side] = fetch_article(url, limits=limits)
    return dataclasses.replace(pair, **fetched, source_url="", retranslation_url="")


@register(Job.Kind.URL_IMPORT)
def fetch_and_import_item(job: Job, item: JobItem, finish: Finish) -> Outcome | None:
    from articles.importer import article_limits

    pair = pair_of_payload(item.label, item.payload)
    if pair.urls and not pair.error:
        try:
            pair = fetch_sides(pair, article_limits())
        except ArticleImportError as error:
            return Outcome(JobItem.Outcome.REJECTED, f"{item.label}: {error}")
        # What was fetched is imported as any bulk pair (the item's stored payload is
        # left as it was: the pages are kept with the articles, not in the queue).
        item.payload = payload_of_pair(pair)
    return import_item(job, item, finish)
