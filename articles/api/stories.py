"""A story in the API: one source article and every copy compared with it, in
publication order, with each copy's drift score and its likely lineage (the story
page's figures, articles/stories/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router

from articles.api.auth import access
from articles.api.errors import ApiError
from articles.api.schemas import Error, StoryOut
from articles.roles import can_view

router = Router(tags=["stories"])

NO_ROLE = "Your account has no role that may see comparisons."


@router.get(
    "/stories/{int:source_id}/copies",
    response={200: StoryOut, 404: Error},
    auth=access(can_view, NO_ROLE),
    url_name="story_copies",
    summary="A source article's copies, with drift scores and likely lineage",
)
def story_copies(request: HttpRequest, source_id: int):
    """`source_id` is the source article's id (a comparison's `source.id`). Each copy is
    a comparison; `parent` is the copy it most likely came from (null: the source)."""
    from articles.stories.queries import load_story

    try:
        story = load_story(source_id)
    except Http404:
        raise ApiError(
            404, "not_found", f"story {source_id}: this article is the source of no comparison"
        ) from None
    parents = {p.copy_id: p for p in story.lineage()}

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path)

    copies = []
    for copy in story.copies:
        parent = parents.get(copy.comparison_id)
        copies.append(
            {
                "comparison_id": copy.comparison_id,
                "outlet": copy.outlet,
                "title": copy.title,
                "published_at": copy.published_at,
                "status": copy.status,
                "drift_score": copy.score,
                "parent": None if parent is None or parent.from_source else parent.parent_id,
                "similarity_to_parent": None if parent is None else round(parent.similarity, 4),
                "similarity_to_source": None if parent is None else round(parent.to_source, 4),
                "report_url": absolute(reverse("api-1:report", args=[copy.comparison_id])),
                "web_url": absolute(reverse("articles:comparison", args=[copy.comparison_id])),
            }
        )
    return {
        "source": {
            "id": story.source.pk,
            "title": story.source.title,
            "outlet": story.source.outlet,
            "url": story.source.url,
        },
        "copies": copies,
        "web_url": absolute(reverse("articles:story", args=[story.source.pk])),
    }
