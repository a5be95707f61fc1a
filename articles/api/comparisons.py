"""Comparisons in the API: create one from texts, list and filter them (cursor
pagination), read one's report (newsdrift.report/1.1) and its flags."""

from __future__ import annotations

import base64
import binascii

from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field as F
from ninja import Query, Router, Schema, Status

from articles.api.auth import access
from articles.api.errors import ApiError
from articles.api.schemas import (
    ComparisonCreated,
    ComparisonIn,
    ComparisonPage,
    Error,
    FlagList,
)
from articles.models import Comparison, Flag, lead_subquery, title_or_lead
from articles.roles import can_import, can_view

router = Router(tags=["comparisons"])

NO_ROLE = "Your account has no role that may see comparisons."
NOT_IMPORTER = "Creating comparisons needs staff with the import permission (Importers)."
MAX_LIMIT = 200


def _abs(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


@router.post(
    "/comparisons",
    response={
        200: ComparisonCreated,
        201: ComparisonCreated,
        202: ComparisonCreated,
        400: Error,
        422: Error,
    },
    auth=access(can_import, NOT_IMPORTER),
    summary="Create a comparison from two texts or web addresses",
)
def create_comparison(request: HttpRequest, payload: ComparisonIn):
    """Import a source and its retranslation and analyse them.

    201: a new comparison, analysed already. 200: the same pair was imported before
    (nothing changed). 202: a side given as a URL (`source_url`, `retranslation_url`:
    fetched by the worker), or a long pair (more than
    NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES sentences on a side), is done by a background
    job: poll `job.url`; the job names the comparison once it is done, or why not.
    """
    from articles.admin_import import is_large
    from articles.article_reader import ArticleImportError, pair_from_mapping
    from articles.importer import article_limits, import_pair
    from articles.jobs import JobRefused
    from articles.jobs.bulk import submit_pair_import

    if payload.source_url or payload.retranslation_url:
        return _create_from_urls(request, payload)
    for side in ("source", "retranslation"):
        if getattr(payload, side) is None:
            raise ApiError(422, "invalid", f"{side}: give the article's title and body")
    data = {
        side: getattr(payload, side).dict(exclude_none=True) for side in ("source", "retranslation")
    }
    try:
        source, retranslation = pair_from_mapping(data, "request", limits=article_limits())
        if is_large(source, retranslation):
            job = submit_pair_import(source, retranslation, user=request.user)
            return _queued(request, job)
        outcome = import_pair(source, retranslation, user=request.user)
    except ArticleImportError as error:
        raise ApiError(400, "bad_article", str(error)) from error
    except JobRefused as error:
        raise ApiError(429, "too_many_jobs", str(error)) from error
    pk = outcome.comparison.pk
    return Status(
        201 if outcome.created else 200,
        {
            "id": pk,
            "created": outcome.created,
            "job": None,
            "url": _abs(request, reverse("api-1:report", args=[pk])),
        },
    )


def _create_from_urls(request: HttpRequest, payload: ComparisonIn):
    """A pair with a side (or both) given as a web address: fetched and imported by a
    background job (articles/jobs/fetch.py, the same safe fetch as every import by
    URL), answered 202 at once with the job to poll."""
    from dataclasses import replace

    from articles.article_reader import (
        ArticleImportError,
        article_from_mapping,
        check_article,
        reading_side,
    )
    from articles.bulk_import import PairInput
    from articles.fetching.page import is_fetchable_url
    from articles.importer import article_limits
    from articles.jobs import JobRefused
    from articles.jobs.bulk import submit_bulk_import

    sides: dict[str, object] = {}
    for side in ("source", "retranslation"):
        url = (getattr(payload, f"{side}_url") or "").strip()
        text = getattr(payload, side)
        if url and text is not None:
            raise ApiError(422, "invalid", f"{side}: give its text or its URL, not both")
        if url:
            if not is_fetchable_url(url) or len(url) > 1000:
                raise ApiError(422, "invalid", f"{side}_url: not an http(s) address: {url[:80]!r}")
            sides[f"{side}_url"] = url
        elif text is not None:
            try:
                with reading_side(side):
                    article = article_from_mapping(text.dict(exclude_none=True), "request")
                    article = replace(article, sentences=check_article(article, article_limits()))
            except ArticleImportError as error:
                raise ApiError(400, "bad_article", str(error)) from error
            sides[side] = article
        else:
            raise ApiError(422, "invalid", f"{side}: give its text (title, body) or its URL")
    try:
        job = submit_bulk_import(
            [PairInput("the pair", **sides)], upload_name="API request", user=request.user
        )
    except JobRefused as error:
        raise ApiError(429, "too_many_jobs", str(error)) from error
    return _queued(request, job)


def _queued(request: HttpRequest, job) -> Status:
    """202: the work is a background job; its address is the one to poll."""
    return Status(
        202,
        {
            "id": None,
            "created": True,
            "job": {
                "id": job.pk,
                "state": job.state,
                "url": _abs(request, reverse("api-1:job", args=[job.pk])),
            },
            "url": None,
        },
    )


class ListFilters(Schema):
    status: list[str] = F([], description="new, in_review, in_approval or done (repeatable).")
    outlet: str = F("", description="Either article's outlet contains this.")
    q: str = F("", description="Title, outlet or text of either article.")
    since: str | None = F(None, description="Created on or after this day (YYYY-MM-DD).")
    until: str | None = F(None, description="Created on or before this day (YYYY-MM-DD).")
    assignee: str = F(
        "", description="Assigned to this user name; none: unassigned; me: the token's user."
    )
    stage: str = F(
        "", description="review (new or in review), approval (awaiting approval) or done."
    )
    due: str = F(
        "", description="overdue (due before today, not done) or week (due within 7 days)."
    )
    cursor: str | None = F(None, description="From the previous page's next_cursor.")
    limit: int = F(50, ge=1, le=MAX_LIMIT, description="Comparisons per page.")


@router.get(
    "/comparisons",
    response={200: ComparisonPage, 400: Error},
    auth=access(can_view, NO_ROLE),
    summary="List and filter comparisons, newest first",
)
def list_comparisons(request: HttpRequest, filters: Query[ListFilters]):
    """The dashboard's filters, its queue's included; pages follow `next_cursor` (stable
    while comparisons are added: a page starts after the last comparison of the one
    before)."""
    from articles.reports.selection import SelectionError, build_selection

    try:
        selection = build_selection(
            statuses=filters.status,
            outlet=filters.outlet,
            query=filters.q,
            since=filters.since,
            until=filters.until,
            assignee=filters.assignee,
            stage=filters.stage,
            due=filters.due,
            user=request.user,
        )
        comparisons = selection.queryset()
    except SelectionError as error:
        raise ApiError(400, "bad_filter", str(error)) from error
    after = _decode_cursor(filters.cursor) if filters.cursor else None
    if after is not None:
        comparisons = comparisons.filter(pk__lt=after)
    rows = list(
        comparisons.select_related("source", "retranslation")
        .annotate(
            lead=lead_subquery("source"),
            open_suggestions=Count("units__flags", filter=Q(units__flags__status="suggested")),
            confirmed_flags=Count("units__flags", filter=Q(units__flags__status="confirmed")),
        )
        .order_by("-pk")[: filters.limit + 1]
    )
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    next_cursor = _encode_cursor(rows[-1].pk) if more and rows else None
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = _abs(request, f"{request.path}?{query.urlencode()}")
    return {
        "items": [_comparison_out(request, c) for c in rows],
        "next_cursor": next_cursor,
        "next": next_url,
    }


def _comparison_out(request: HttpRequest, comparison: Comparison) -> dict:
    def side(article) -> dict:
        return {"title": article.title, "outlet": article.outlet, "url": article.url}

    return {
        "id": comparison.pk,
        "title": title_or_lead(comparison.source.title, comparison.lead),
        "status": comparison.status,
        "created_at": comparison.created_at,
        "analysed_at": comparison.analysed_at,
        "last_activity_at": comparison.last_activity_at,
        "source": side(comparison.source),
        "retranslation": side(comparison.retranslation),
        "open_suggestions": comparison.open_suggestions,
        "confirmed_flags": comparison.confirmed_flags,
        "report_url": _abs(request, reverse("api-1:report", args=[comparison.pk])),
        "web_url": _abs(request, comparison.get_absolute_url()),
    }


def _encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"before:{pk}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        kind, _, value = text.partition(":")
        pk = int(value)
        if kind != "before" or not 0 < pk < 2**63:
            raise ValueError(text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, "bad_cursor", "cursor: not one this API gave out") from None
    return pk


@router.get(
    "/comparisons/{int:pk}/report",
    response={200: dict, 404: Error},
    auth=access(can_view, NO_ROLE),
    url_name="report",
    summary="One comparison's report (newsdrift.report/1.1)",
)
def comparison_report(request: HttpRequest, pk: int):
    """The JSON report of docs/report-format.md, as the report download gives it
    (its JSON Schema is docs/report-format.schema.json)."""
    from articles.reports.data import generated_at, report_for
    from articles.reports.json_report import report_object

    get_object_or_404(Comparison, pk=pk)
    report = report_object(report_for(pk))
    return {**report, "generated_at": generated_at().isoformat()}


@router.get(
    "/comparisons/{int:pk}/flags",
    response={200: FlagList, 404: Error},
    auth=access(can_view, NO_ROLE),
    url_name="flags",
    summary="A comparison's flags, with the ids and unit versions a decision needs",
)
def comparison_flags(request: HttpRequest, pk: int, status: str = ""):
    comparison = get_object_or_404(Comparison, pk=pk)
    flags = Flag.objects.filter(unit__comparison=comparison).select_related("unit")
    if status:
        if status not in Flag.Status.values:
            reason = "is not suggested, confirmed or dismissed"
            raise ApiError(400, "bad_filter", f"status: “{status[:40]}” {reason}")
        flags = flags.filter(status=status)
    return {
        "comparison": comparison.pk,
        "flags": [flag_out(f) for f in flags.order_by("unit__position", "id")],
    }


def flag_out(flag: Flag) -> dict:
    return {
        "id": flag.pk,
        "unit_id": flag.unit_id,
        "unit_position": flag.unit.position,
        "version": flag.unit.version,
        "category": flag.category,
        "severity": flag.severity,
        "origin": flag.origin,
        "status": flag.status,
        "source_span": flag.source_span,
        "target_span": flag.target_span,
        "reason": flag.reason,
        "note": flag.note,
    }
