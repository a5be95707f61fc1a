"""The names index: its page, each pair's occurrences, the CSV, and the ignore-list feed.

The pages read the stored index (articles/stories/names_store.py), a page of rows at a
time: their queries are a fixed number whatever the size of the archive.
"""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from articles.analysis.tuning import IgnorePair
from articles.models import Comparison
from articles.stories.names_models import NameOccurrence, NameSpelling
from articles.tuning import audit
from articles.tuning.models import IgnoreEntry
from articles.views.common import require_viewer
from articles.views.signin import htmx_sign_in

PAGE_SIZE = 50
OCCURRENCES_PAGE_SIZE = 50
SHOWN_OUTLETS = 4  # outlets named in a row of the index; the rest are counted
_CSV_CHUNK = 2000


class NamesSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "A spelling"}),
    )
    page = forms.IntegerField(required=False, min_value=1, label="Page")


class OccurrencesPageForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, label="Page")


def _bad_request(form: forms.Form) -> HttpResponse:
    """400 with one line naming the parameter (its name as in the address)."""
    name, errors = next(iter(form.errors.items()))
    return HttpResponseBadRequest(
        f"{name}: {errors[0]}\n", content_type="text/plain; charset=utf-8"
    )


def can_add_ignore_entry(user) -> bool:
    """Staff who may add ignore-list entries in the admin may add one from a pair."""
    return bool(user.is_staff and user.has_perm("articles.add_ignoreentry"))


def matching_pairs(query: str) -> QuerySet[NameSpelling]:
    """Every stored pair, most frequent first; `query` keeps the pairs where either
    spelling contains it (any case)."""
    pairs = NameSpelling.objects.all()
    wanted = query.casefold().strip()
    if wanted:
        pairs = pairs.filter(Q(source_folded__contains=wanted) | Q(target_folded__contains=wanted))
    return pairs.order_by("-comparisons", "source_folded", "target_folded", "id")


def _page(items, number: int | None, size: int) -> Page:
    """The page asked for; past the last, the last (a search that narrowed the list)."""
    return Paginator(items, size).get_page(number or 1)


def mark_ignored(pairs: list[NameSpelling]) -> None:
    """Set `pair.ignored_by` to the ignore-list entries that accept the pair's two
    spellings as the same (one query: the ignore list is read once)."""
    entries = [(IgnorePair(e.pk, e.left, e.right), e) for e in IgnoreEntry.objects.order_by("pk")]
    for pair in pairs:
        pair.ignored_by = [e for rule, e in entries if rule.makes_equal(pair.source, pair.target)]


@require_GET
@htmx_sign_in
@login_required
def names(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    form = NamesSearchForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    query = form.cleaned_data["q"].strip()
    # The page's ids first, then their rows: the ids (and the search's two columns) are
    # in the ordering index, so a page deep in a long index skips index entries rather
    # than whole rows.
    page = _page(
        matching_pairs(query).values_list("pk", flat=True), form.cleaned_data["page"], PAGE_SIZE
    )
    ids = list(page.object_list)
    rows = NameSpelling.objects.in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    mark_ignored(page.object_list)
    for pair in page.object_list:
        pair.shown_outlets = pair.outlets[:SHOWN_OUTLETS]
        pair.more_outlets = len(pair.outlets) - len(pair.shown_outlets)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "query_string": urlencode({"q": query}) if query else "",
    }
    return render(request, "articles/names.html", context)


class IgnoreFromPairForm(forms.Form):
    """The pair's two spellings as accepted equivalents: for every outlet or one of the
    outlets it was seen at."""

    outlet = forms.ChoiceField(
        required=False,
        label="For",
        help_text="Every outlet, or only comparisons where either article is from this one.",
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Why the newsroom accepts it",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, pair: NameSpelling, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outlet"].choices = [("", "Every outlet")] + [
            (outlet, outlet) for outlet in pair.outlets
        ]


def pair_url(pair: NameSpelling | int) -> str:
    return reverse("articles:name_pair", args=[getattr(pair, "pk", pair)])


@require_GET
@htmx_sign_in
@login_required
def name_pair(request: HttpRequest, pk: int) -> HttpResponse:
    """One spelling pair: its figures, whether the ignore list accepts it (and, for
    staff who may, the form that adds it), and every place it occurs, a page at a time."""
    require_viewer(request)
    pair = get_object_or_404(NameSpelling, pk=pk)
    form = OccurrencesPageForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    # The page is read from the pair's index alone; the titles of its fifty comparisons
    # come after, by id (a join in the paged query made PostgreSQL join every place
    # before the page's: 0.3 s for the last page of a pair in 7,000 places).
    occurrences = NameOccurrence.objects.filter(spelling=pair).order_by(
        "seen_at", "comparison_id", "unit_position", "id"
    )
    page = _page(occurrences, form.cleaned_data["page"], OCCURRENCES_PAGE_SIZE)
    titles = dict(
        Comparison.objects.filter(pk__in={o.comparison_id for o in page.object_list})
        .order_by()
        .values_list("pk", "retranslation__title")
    )
    for place in page.object_list:
        place.title = titles.get(place.comparison_id, "")
    mark_ignored([pair])
    context = {
        "pair": pair,
        "page": page,
        "may_ignore": can_add_ignore_entry(request.user),
        "ignore_form": IgnoreFromPairForm(pair),
    }
    return render(request, "articles/name_pair.html", context)


@require_POST
@htmx_sign_in
@login_required
def ignore_pair(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the pair to the ignore list as accepted equivalents (staff with the ignore
    list's add permission), audited as the admin's additions are (`ignore.add`)."""
    if not can_add_ignore_entry(request.user):
        raise PermissionDenied("Only staff who may add ignore-list entries can do this.")
    pair = get_object_or_404(NameSpelling, pk=pk)
    form = IgnoreFromPairForm(pair, request.POST)
    if not form.is_valid():
        return _bad_request(form)
    outlet = form.cleaned_data["outlet"]
    entry = IgnoreEntry(
        left=pair.source,
        right=pair.target,
        outlet=outlet,
        note=form.cleaned_data["note"].strip(),
        created_by=request.user,
    )
    try:
        entry.full_clean()
    except ValidationError as error:
        reason = "; ".join(m for messages_ in error.message_dict.values() for m in messages_)
        return HttpResponseBadRequest(
            f"Ignore list: {reason}\n", content_type="text/plain; charset=utf-8"
        )
    with transaction.atomic():
        scope = Q(outlet="") | Q(outlet__iexact=outlet) if outlet else Q(outlet="")
        for existing in IgnoreEntry.objects.select_for_update().filter(scope).order_by("pk"):
            if IgnorePair(existing.pk, existing.left, existing.right).makes_equal(
                pair.source, pair.target
            ):
                messages.info(request, f"Already on the ignore list: {existing}.")
                return HttpResponseRedirect(pair_url(pair))
        entry.save()
        audit.record(request.user, entry, "add", None)
    messages.success(
        request,
        f"Added to the ignore list: {entry}. It applies to analyses from now on; "
        "re-analyse the comparisons concerned (manage.py reanalyse --stale) to apply it "
        "to those analysed before.",
    )
    return HttpResponseRedirect(pair_url(pair))


@require_GET
@htmx_sign_in
@login_required
def names_csv(request: HttpRequest) -> HttpResponse:
    from articles.reports.csv_report import neutralise  # names are untrusted text

    require_viewer(request)
    form = NamesSearchForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    pairs = matching_pairs(form.cleaned_data["q"]).values_list(
        "source", "target", "comparisons", "outlets", "first_seen", "last_seen"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsdrift-names.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["source", "retranslation", "comparisons", "outlets", "first_seen", "last_seen"]
    )
    for source, target, comparisons, outlets, first, last in pairs.iterator(_CSV_CHUNK):
        writer.writerow(
            [
                neutralise(source),
                neutralise(target),
                comparisons,
                neutralise("; ".join(outlets)),
                first.isoformat() if first else "",
                last.isoformat() if last else "",
            ]
        )
    return response
