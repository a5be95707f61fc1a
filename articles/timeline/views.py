"""The timeline page of a comparison: `person`, `kind` and `page` choose what is shown
(a bad value answers 400 naming the parameter)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.models import Comparison
from articles.views.common import require_viewer
from articles.views.signin import htmx_sign_in
from newsdrift.whole_numbers import whole_number

from .events import people_of, timeline_of
from .kinds import KINDS

PER_PAGE = 50
PARAMETERS = ("person", "kind", "page")


class BadParameter(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    person: str = ""
    kind: str = ""
    page: int = 1

    def query(self, **changes) -> str:
        params = {"person": self.person, "kind": self.kind, **changes}
        kept = {k: v for k, v in params.items() if v and not (k == "page" and v == 1)}
        return f"?{urlencode(kept)}" if kept else "?"


def parse_filter(params) -> TimelineFilter:
    for name in params:
        if name not in PARAMETERS:
            raise BadParameter(f"{name}: not a parameter of the timeline")
    person = params.get("person", "").strip()
    if person:
        if len(person) > 150 or not person.isprintable():
            raise BadParameter("person: not a user name")
        if not get_user_model().objects.filter(username=person).exists():
            raise BadParameter(f"person {person!r}: no account of that name")
    kind = params.get("kind", "").strip()
    if kind and kind not in KINDS:
        raise BadParameter(f"kind {kind[:40]!r}: unknown kind (one of {', '.join(KINDS)})")
    raw = params.get("page", "1").strip() or "1"
    page = whole_number(raw, max_digits=9)
    if not page:
        raise BadParameter(f"page {raw[:20]!r}: not a page number")
    return TimelineFilter(person=person, kind=kind, page=page)


def _bad(message: str) -> HttpResponse:
    return HttpResponseBadRequest(f"{message}\n", content_type="text/plain; charset=utf-8")


@require_GET
@htmx_sign_in
@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    require_viewer(request)
    try:
        chosen = parse_filter(request.GET)
    except BadParameter as error:
        return _bad(str(error))
    comparison = get_object_or_404(
        Comparison.objects.select_related(
            "source__imported_by", "retranslation__imported_by", "last_editor"
        ),
        pk=pk,
    )
    entries = timeline_of(comparison)
    people = people_of(entries)
    shown = [
        e
        for e in entries
        if (not chosen.person or e.actor == chosen.person)
        and (not chosen.kind or e.kind == chosen.kind)
    ]
    paginator = Paginator(shown, PER_PAGE, allow_empty_first_page=True)
    if chosen.page > paginator.num_pages:
        return _bad(f"page {chosen.page}: past the last page ({paginator.num_pages})")
    page = paginator.page(chosen.page)
    context = {
        "comparison": comparison,
        "page": page,
        "chosen": chosen,
        "people": people,
        "kinds": list(KINDS.items()),
        "total": len(entries),
        "previous_query": chosen.query(page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_query": chosen.query(page=page.next_page_number()) if page.has_next() else "",
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "articles/timeline.html#entries" if partial else "articles/timeline.html"
    return render(request, template, context)
