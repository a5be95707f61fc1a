"""What a job kind is: a function that does one item's work, registered by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from articles.models import Job, JobItem


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one item: a JobItem.Outcome, a one-line message, and the
    comparison it produced or touched, if any."""

    outcome: str
    message: str
    comparison_id: int | None = None


Finish = Callable[[Outcome], None]
Handler = Callable[[Job, JobItem, Finish], Outcome | None]

_HANDLERS: dict[str, Handler] = {}
# Kinds whose one item is long by nature (an export): NEWSDRIFT_JOBS_ITEM_SECONDS, the
# time allowed for one pair, does not apply; they renew their item's lease as they go.
UNTIMED: set[str] = set()
_KIND_MODULES = (
    "articles.jobs.bulk",
    "articles.jobs.reanalyse",
    "articles.jobs.export",
    "articles.webhooks.delivery",
    "articles.jobs.fetch",
)


def register(kind: str, *, timed: bool = True) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        if not timed:
            UNTIMED.add(kind)
        return handler

    return decorate


def load_kinds() -> None:
    for module in _KIND_MODULES:
        import_module(module)


def handler_for(kind: str) -> Handler:
    load_kinds()
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"job kind {kind!r}: no handler registered") from None
