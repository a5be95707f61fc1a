"""The shapes the API reads and answers (they make its OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema


class ErrorBody(Schema):
    code: str = Field(description="A stable word to branch on (docs/api.md lists them).")
    message: str = Field(description="One line for a person.")


class Error(Schema):
    error: ErrorBody


class ArticleIn(Schema):
    title: str = Field(description="The headline (may be empty).")
    body: str = Field(description="The article text; paragraphs separated by blank lines.")
    outlet: str | None = None
    byline: str | None = None
    url: str | None = Field(None, description="Where it was published (http or https).")
    published_at: str | None = Field(None, description="ISO 8601 date and time.")
    language: str | None = None


class ComparisonIn(Schema):
    source: ArticleIn | None = None
    retranslation: ArticleIn | None = None
    source_url: str | None = Field(
        None, description="Fetch the source from this address instead (a job: 202)."
    )
    retranslation_url: str | None = Field(
        None, description="Fetch the retranslation from this address instead (a job: 202)."
    )


class JobRef(Schema):
    id: int
    state: str
    url: str = Field(description="The job-status endpoint to poll.")


class ComparisonCreated(Schema):
    id: int | None = Field(description="The comparison; null while its job runs.")
    created: bool = Field(description="False when the same pair was imported before.")
    job: JobRef | None = Field(description="The background job importing a long pair.")
    url: str | None = Field(description="The comparison's report in the API.")


class ArticleSummary(Schema):
    title: str
    outlet: str
    url: str


class ComparisonOut(Schema):
    id: int
    title: str
    status: Literal["new", "in_review", "in_approval", "done"]
    created_at: datetime
    analysed_at: datetime | None
    last_activity_at: datetime | None
    source: ArticleSummary
    retranslation: ArticleSummary
    open_suggestions: int
    confirmed_flags: int
    report_url: str
    web_url: str


class ComparisonPage(Schema):
    items: list[ComparisonOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The next page's address, or null on the last.")


class FlagOut(Schema):
    id: int
    unit_id: int
    unit_position: int
    version: int = Field(description="The unit's version: send it back with a decision.")
    category: str
    severity: Literal["minor", "major", "critical"]
    origin: Literal["auto", "editor"]
    status: Literal["suggested", "confirmed", "dismissed"]
    source_span: str
    target_span: str
    reason: str
    note: str


class FlagList(Schema):
    comparison: int
    flags: list[FlagOut]


class DecisionIn(Schema):
    decision: Literal["accept", "dismiss"]
    version: int = Field(ge=1, description="The unit version the decision was made on.")


class JobOut(Schema):
    id: int
    kind: str
    state: Literal["queued", "running", "done", "failed", "cancelled"]
    title: str
    total: int
    done: int
    percent: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str
    outcomes: dict[str, int] = Field(description="Items by outcome (imported, failed, …).")
    comparisons: list[int] = Field(description="Comparisons the job made or touched.")
    messages: list[str] = Field(description="What went wrong with items, if anything.")


class StorySource(Schema):
    id: int
    title: str
    outlet: str
    url: str


class StoryCopy(Schema):
    comparison_id: int
    outlet: str
    title: str
    published_at: datetime | None
    status: str
    drift_score: float
    parent: int | None = Field(
        description="The comparison id of the copy this one most likely came from; null: "
        "the source itself."
    )
    similarity_to_parent: float | None
    similarity_to_source: float | None
    report_url: str
    web_url: str


class StoryOut(Schema):
    source: StorySource
    copies: list[StoryCopy] = Field(description="In publication order.")
    web_url: str
