"""/api/v1/'s addresses, without loading django-ninja until a request reaches one.

Loading the URL configuration (a worker's first request, and `manage.py check`,
`migrate` and `showmigrations`, which check it) imported django-ninja and pydantic for
the API's nine addresses: 80 ms, the largest part of `check`'s start-up once Django is
set up. The addresses are declared here, with their names, so that the URL
configuration and every `reverse("api-1:…")` work without them; each address's view is
django-ninja's own (articles.api.urls), looked up by name on the first request that
reaches the API. tests/api/test_routes.py checks this list against django-ninja's, so an
endpoint added to a router and not here fails the tests rather than answering 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.urls import include, path

# (route, name) in django-ninja's order. "comparisons" is there twice, as django-ninja
# lists it, so that both names reverse; the first one answers GET and POST alike.
ROUTES = (
    ("openapi.json", "openapi-json"),
    ("comparisons", "create_comparison"),
    ("comparisons", "list_comparisons"),
    ("comparisons/<int:pk>/report", "report"),
    ("comparisons/<int:pk>/flags", "flags"),
    ("jobs/<int:pk>", "job"),
    ("flags/<int:pk>/decision", "flag_decision"),
    ("stories/<int:source_id>/copies", "story_copies"),
    ("", "api-root"),
)

# The endpoints check CSRF themselves (django-ninja exempts them from Django's middleware:
# a token needs none, a session's is checked by articles.api.auth); the schema and the
# root are plain GET views, as django-ninja leaves them.
_CHECKS_OWN_CSRF = frozenset(name for _, name in ROUTES) - {"openapi-json", "api-root"}


def _view_named(name: str) -> Callable[..., HttpResponseBase]:
    def view(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        from articles.api.urls import VIEWS  # django-ninja, once per process

        return VIEWS[name](request, *args, **kwargs)

    view.__name__ = view.__qualname__ = f"api_{name.replace('-', '_')}"
    if name in _CHECKS_OWN_CSRF:
        view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


api_urls = include(
    ([path(route, _view_named(name), name=name) for route, name in ROUTES], "ninja"),
    namespace="api-1",
)
