"""/api/v1/: the API object and its URLs (newsdrift/urls.py includes them)."""

from __future__ import annotations

from ninja import NinjaAPI

from articles.api import comparisons, flags, jobs
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

# What newsdrift/urls.py includes: the API's patterns, each answering a method it does
# not take in the API's error shape.
api_urls = api.urls
for pattern in api_urls[0]:
    pattern.callback = json_method_not_allowed(pattern.callback)
