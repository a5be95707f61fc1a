"""Which comparisons a report covers: the filters shared by the download views and the
`export_report` command, so both read a selection the same way.

A selection is an explicit list of ids, or every comparison narrowed by status, outlet
(either article's, case-insensitive substring), a free-text `q` (title, outlet or text
of either article, as the dashboard's search box: articles/search.py), a date range on when the
comparison was created (inclusive, in UTC), and the dashboard's queue filters: `assignee`
(a user name or `none`), `stage` and `due`, read and applied by the dashboard's own code
(articles/assignments/queue.py), so a download covers what the dashboard lists.

`assignee=me` means the person asking: it is resolved to their user name when the
selection is built, so a selection (and a background job's copy of it) always names
whom it means; where no one is signed in (the command line) `me` is refused.

Every value is checked here, before the selection's query runs, and a bad one is a
SelectionError naming it: an id that is not a whole number the database can hold, a
text with a control character (PostgreSQL refuses NUL) or longer than the dashboard's
search box, a date the calendar (or the day after it) cannot hold, an assignee who is
no user (one look-up), a stage or due value the dashboard does not offer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from articles.assignments import queue
from articles.models import Comparison
from articles.search import articles_from_outlet, comparisons_with, search_comparisons

MAX_IDS = 1000  # listed in a URL or on a command line
# Chosen in the admin and exported by a job: one `IN (...)` list stays under SQLite's
# 32,766 variables a statement.
MAX_JOB_IDS = 30_000
# Ids are 64-bit (BigAutoField): SQLite overflows past this, PostgreSQL refuses it.
MAX_ID = 2**63 - 1
MAX_TEXT = 200  # the dashboard's search box takes as much
_ASCII_ID = re.compile(r"[0-9]{1,19}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class SelectionError(ValueError):
    """A selection that cannot be read; the message is one line naming the input."""


@dataclass(frozen=True)
class Selection:
    ids: tuple[int, ...] = ()
    everything: bool = False
    statuses: tuple[str, ...] = ()
    outlet: str = ""
    query: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    assignee: str = ""  # a user name or "none" ("me" is resolved when built)
    stage: str = ""
    due: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing asked for: no ids, no filter and not --all."""
        return not (
            self.ids
            or self.everything
            or self.statuses
            or self.outlet
            or self.query
            or self.since
            or self.until
            or self.assignee
            or self.stage
            or self.due
        )

    def describe(self) -> dict:
        """The selection as the JSON report records it."""
        return {
            "ids": list(self.ids),
            "status": list(self.statuses),
            "outlet": self.outlet,
            "q": self.query,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "assignee": self.assignee,
            "stage": self.stage,
            "due": self.due,
        }

    def queryset(self) -> QuerySet[Comparison]:
        """The selected comparisons. Raises SelectionError for an id that does not exist."""
        comparisons = Comparison.objects.all()
        if self.ids:
            found = set(comparisons.filter(pk__in=self.ids).values_list("pk", flat=True))
            missing = [pk for pk in self.ids if pk not in found]
            if missing:
                raise SelectionError(f"comparison {missing[0]}: no such comparison")
            comparisons = comparisons.filter(pk__in=self.ids)
        if self.statuses:
            comparisons = comparisons.filter(status__in=self.statuses)
        if self.outlet:
            comparisons = comparisons.filter(comparisons_with(articles_from_outlet(self.outlet)))
        if self.query:
            comparisons = search_comparisons(comparisons, self.query)
        if self.since:
            comparisons = comparisons.filter(created_at__gte=_start_of(self.since))
        if self.until and self.until < dt.date.max:
            comparisons = comparisons.filter(
                created_at__lt=_start_of(self.until + dt.timedelta(days=1))
            )
        # The dashboard's own function. No user: "me" was resolved to a name when built.
        filters = queue.QueueFilter(assignee=self.assignee, stage=self.stage, due=self.due)
        comparisons = queue.apply(comparisons, filters, None)
        return comparisons.order_by("pk")


def build_selection(
    *,
    ids: Sequence[str | int] = (),
    everything: bool = False,
    statuses: Sequence[str] = (),
    outlet: str = "",
    query: str = "",
    since: str | None = None,
    until: str | None = None,
    assignee: str = "",
    stage: str = "",
    due: str = "",
    user=None,
    max_ids: int = MAX_IDS,
) -> Selection:
    """A Selection from raw strings (command options or query parameters).

    `user` is who asks, for `assignee=me`; without a signed-in user `me` is refused.
    """
    if len(ids) > max_ids:
        raise SelectionError(f"ids: at most {max_ids:,} comparisons may be listed")
    parsed_ids = tuple(_parse_id(value) for value in ids)
    parsed_statuses = tuple(_parse_status(value) for value in statuses if value)
    since_date = _parse_date("since", since)
    until_date = _parse_date("until", until)
    if since_date and until_date and since_date > until_date:
        raise SelectionError(f"since {since_date} is after until {until_date}")
    queue_filters = _parse_queue_filters(assignee, stage, due, user)
    return Selection(
        ids=tuple(dict.fromkeys(parsed_ids)),
        everything=everything,
        statuses=parsed_statuses,
        outlet=_parse_text("outlet", outlet),
        query=_parse_text("q", query),
        since=since_date,
        until=until_date,
        assignee=queue_filters.assignee,
        stage=queue_filters.stage,
        due=queue_filters.due,
    )


def selection_from_query(params: Mapping, user=None) -> Selection:
    """A Selection from a request's GET parameters (the dashboard's querystring), for
    `user` (the request's: whom `assignee=me` means).

    `id` may repeat (`id=3&id=7`) or list several (`ids=3,7`); `status` may repeat.
    An empty querystring selects every comparison, as the unfiltered dashboard shows.
    """
    ids: list[str] = []
    for value in _get_list(params, "id") + _get_list(params, "ids"):
        ids.extend(part for part in value.split(",") if part.strip())
    statuses: list[str] = []
    for value in _get_list(params, "status"):
        statuses.extend(part for part in value.split(",") if part.strip())
    selection = build_selection(
        ids=ids,
        statuses=statuses,
        outlet=params.get("outlet", ""),
        query=params.get("q", ""),
        since=params.get("since") or None,
        until=params.get("until") or None,
        assignee=params.get("assignee", ""),
        stage=params.get("stage", ""),
        due=params.get("due", ""),
        user=user,
    )
    if selection.is_empty:
        return Selection(everything=True)
    return selection


def _get_list(params: Mapping, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        return [v for v in params.getlist(name) if v is not None]
    value = params.get(name)
    return [value] if value else []


def _parse_id(value: str | int) -> int:
    text = str(value).strip()
    # ASCII digits only: str.isdigit() also takes "²", which int() then refuses.
    if not _ASCII_ID.fullmatch(text) or not 0 < int(text) <= MAX_ID:
        raise SelectionError(
            f"id {text[:40]!r}: not a comparison id (a whole number from 1 to {MAX_ID})"
        )
    return int(text)


def _parse_text(name: str, value: str | None) -> str:
    text = (value or "").strip()
    if _CONTROL.search(text):
        raise SelectionError(f"{name}: holds a control character (such as NUL)")
    if len(text) > MAX_TEXT:
        raise SelectionError(f"{name}: longer than {MAX_TEXT} characters")
    return text


def _parse_queue_filters(assignee: str, stage: str, due: str, user) -> queue.QueueFilter:
    # Text checks first: a NUL must not reach the user name look-up (PostgreSQL refuses it).
    texts = {
        name: _parse_text(name, value)
        for name, value in (("assignee", assignee), ("stage", stage), ("due", due))
    }
    try:
        filters = queue.queue_filter(**texts)
    except queue.QueueFilterError as error:
        raise SelectionError(str(error)) from None
    if filters.assignee == "me":
        if user is None or not user.is_authenticated:
            raise SelectionError(
                "assignee 'me': means the signed-in user, and no one is; give a user name"
            )
        name = user.get_username()
        if name in ("me", "none"):
            # The name would read as the filter word, not as this account.
            raise SelectionError(
                f"assignee 'me': the user name {name!r} is also a filter value, "
                "so a selection cannot name it"
            )
        return queue.QueueFilter(assignee=name, stage=filters.stage, due=filters.due)
    return filters


def _parse_status(value: str) -> str:
    text = value.strip()
    if text not in Comparison.Status.values:
        allowed = ", ".join(Comparison.Status.values)
        raise SelectionError(f"status {text[:40]!r}: unknown status (one of {allowed})")
    return text


def _parse_date(name: str, value: str | None) -> dt.date | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SelectionError(f"{name} {text[:40]!r}: not a date (YYYY-MM-DD)") from None


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC).astimezone(
        timezone.get_current_timezone()
    )
