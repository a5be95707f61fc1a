"""The story page: one source against every copy of it, and the drift they share."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET, require_POST

from articles.assignments.stages import StageLocked
from articles.forms import parse_versions
from articles.review.errors import Conflict, ReviewError
from articles.stories.compare import pair_copies
from articles.stories.decide import CONFIRM, DECISIONS, decide_shared
from articles.stories.grid import STATE_LABELS, STATE_MARKS, Cell, Grid, Row
from articles.stories.queries import load_story, story_source
from articles.views.common import form_error, require_reviewer, require_viewer
from articles.views.signin import htmx_sign_in


def cell_html(cell: Cell, number: int) -> str:
    """One cell of the story grid, built here rather than in the template: a story of
    30 copies has a thousand cells, and the template engine took most of the page's
    time on them. Every value is escaped (format_html)."""
    hidden = f": sentence {number} in {cell.outlet or 'the copy'}"
    if cell.categories:
        hidden = f" (flagged{'' if cell.confirmed else ', suggested'})" + hidden
    inner = format_html(
        '<span class="cell-mark" aria-hidden="true">{}</span> {}'
        '<span class="visually-hidden">{}</span>',
        cell.mark,
        cell.text,
        hidden,
    )
    if cell.href:
        inner = format_html(
            '<a href="{}" title="{}">{}</a>', cell.href, cell.target_text or cell.label, inner
        )
    return format_html(
        '<td class="story-cell cs-{}" data-label="{}">{}</td>', cell.state, cell.outlet, inner
    )


def rows_html(grid: Grid) -> list[tuple[Row, str]]:
    return [
        (row, format_html_join("", "{}", ((cell_html(cell, row.number),) for cell in row.cells)))
        for row in grid.rows
    ]


def story_url(article_id: int, anchor: str = "") -> str:
    url = reverse("articles:story", args=[article_id])
    return f"{url}#{anchor}" if anchor else url


@require_GET
@htmx_sign_in
@login_required
def story(request: HttpRequest, article_id: int) -> HttpResponse:
    require_viewer(request)
    story = load_story(article_id)
    grid = story.grid()
    copies = {copy.comparison_id: copy for copy in story.copies}
    lineage = [(copies[p.copy_id], copies.get(p.parent_id), p) for p in story.lineage()]
    context = {
        "source": story.source,
        "grid": grid,
        "rows": rows_html(grid),
        "shared": story.shared(),
        "lineage": lineage,
        "pair_form": CopyPairForm(story.copies) if len(story.copies) > 1 else None,
        "legend": [(state, STATE_MARKS[state], label) for state, label in STATE_LABELS.items()],
    }
    return render(request, "articles/story.html", context)


class SharedDecisionForm(forms.Form):
    key = forms.RegexField(regex=r"^[0-9a-f]{20}$", widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(d, d) for d in DECISIONS])
    versions = forms.CharField(widget=forms.HiddenInput)

    def clean_versions(self) -> dict[int, int]:
        try:
            versions = parse_versions(self.cleaned_data["versions"])
        except ValueError as error:
            raise forms.ValidationError("versions: not a list of unit id:version") from error
        if not versions:
            raise forms.ValidationError("versions: no units")
        return versions


@require_POST
@htmx_sign_in
@login_required
def decide(request: HttpRequest, article_id: int) -> HttpResponse:
    """Confirm or dismiss a shared drift's open flags in every copy (editors)."""
    require_reviewer(request)
    source, _ = story_source(article_id)
    form = SharedDecisionForm(request.POST)
    back = HttpResponseRedirect(story_url(article_id, "shared"))
    try:
        if not form.is_valid():
            raise ReviewError(form_error(form))
        done = decide_shared(
            user=request.user,
            source=source,
            key=form.cleaned_data["key"],
            decision=form.cleaned_data["decision"],
            versions=form.cleaned_data["versions"],
        )
    except StageLocked as locked:  # a copy awaiting approval, or approved
        messages.error(request, str(locked))
        return back
    except Conflict:
        messages.error(
            request,
            "A unit of this drift was changed by someone else since the page was shown: "
            "nothing was changed. Here is the story as it is now.",
        )
        return back
    except ReviewError as error:
        messages.error(request, str(error))
        return back
    verb = "Confirmed" if done.decision == CONFIRM else "Dismissed"
    messages.success(
        request,
        f"{verb} “{done.group.label}” ({done.group.category_label}): {done.flags} flag(s) "
        f"in {done.comparisons} cop{'y' if done.comparisons == 1 else 'ies'}.",
    )
    return back


class CopyPairForm(forms.Form):
    a = forms.TypedChoiceField(coerce=int, label="Copy A")
    b = forms.TypedChoiceField(coerce=int, label="Copy B")

    def __init__(self, copies, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.comparison_id, copy_label(c)) for c in copies]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
        if len(copies) > 1:
            self.initial = {"a": copies[0].comparison_id, "b": copies[1].comparison_id}


def copy_label(copy) -> str:
    when = f", {copy.published_at:%d %b %H:%M}" if copy.published_at else ""
    return f"{copy.outlet or 'Unknown outlet'}{when} (#{copy.comparison_id})"


@require_GET
@htmx_sign_in
@login_required
def compare(request: HttpRequest, article_id: int) -> HttpResponse:
    """Two copies of the story side by side, sentence by sentence, lined up through the
    source: where a drift came from."""
    require_viewer(request)
    story = load_story(article_id)
    copies = {copy.comparison_id: copy for copy in story.copies}
    if len(story.copies) < 2:
        return render(request, "articles/story_compare.html", {"source": story.source})
    given = request.GET if ("a" in request.GET or "b" in request.GET) else None
    defaults = {"a": story.copies[0].comparison_id, "b": story.copies[1].comparison_id}
    form = CopyPairForm(story.copies, given or defaults)
    if not form.is_valid():
        return HttpResponseBadRequest(
            f"Copies: {form_error(form)}\n", content_type="text/plain; charset=utf-8"
        )
    a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    context = {
        "source": story.source,
        "form": form,
        "a": copies[a],
        "b": copies[b],
        "pair": pair_copies(story.sentences, story.units, a, b),
    }
    return render(request, "articles/story_compare.html", context)
