"""The story page: one source against every copy of it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.stories.grid import STATE_LABELS, STATE_MARKS
from articles.stories.queries import story_grid, story_source
from articles.views.common import require_viewer
from articles.views.signin import htmx_sign_in


@require_GET
@htmx_sign_in
@login_required
def story(request: HttpRequest, article_id: int) -> HttpResponse:
    require_viewer(request)
    source = story_source(article_id)
    grid = story_grid(source)
    legend = [(state, STATE_MARKS[state], label) for state, label in STATE_LABELS.items()]
    context = {"source": source, "grid": grid, "legend": legend}
    return render(request, "articles/story.html", context)
