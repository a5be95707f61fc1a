"""/api/v1/: the API object and its views. newsdrift/urls.py routes to them through
articles.api.routes, which names the same addresses without importing this module, so
that django-ninja and pydantic load with the first API request, not with every
command that checks the URLs."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from ninja import NinjaAPI

from articles.api import comparisons, flags, jobs, stories
from articles.api.errors import install_handlers, json_method_not_allowed
from articles.api.throttle import PerTokenThrottle

api = NinjaAPI(
    title="newsdrift API",
    version="1",
    description=(
        "Compare a source article with its retranslation, read the review's results and "
        "record editors' decisions. Authenticate with `Authorization: Bearer nd_…` (a "
        'token from the API tokens page). Errors: {"error": {"code", "message"}}. '
        "See docs/api.md."
    ),
    urls_namespace="api-1",
    # The schema is served (openapi.json); the interactive page is not, since it loads
    # its scripts from elsewhere, which the Content-Security-Policy refuses.
    docs_url=None,
    throttle=[PerTokenThrottle()],
)
install_handlers(api)
api.add_router("/", comparisons.router)
api.add_router("/", jobs.router)
api.add_router("/", flags.router)
api.add_router("/", stories.router)


@require_GET
def api_index(request: HttpRequest, **kwargs) -> JsonResponse:
    """/api/v1/ itself: what this is and where its schema is (no data: public)."""
    return JsonResponse(
        {
            "name": "newsdrift API",
            "version": "1",
            "openapi": request.build_absolute_uri(reverse("api-1:openapi-json")),
            "documentation": "docs/api.md",
        }
    )


# The API's patterns (articles.api.routes lists the same), each answering a method it
# does not take in the API's error shape. Its root answers with api_index rather than
# django-ninja's 404 that points at an interactive page it does not serve.
api_urls = api.urls
for pattern in api_urls[0]:
    if pattern.name == "api-root":
        pattern.callback = api_index
    pattern.callback = json_method_not_allowed(pattern.callback)

# What articles.api.routes calls, by address name.
VIEWS = {pattern.name: pattern.callback for pattern in api_urls[0]}
