"""articles.api.routes names the API's addresses without django-ninja: the list must be
django-ninja's own, in its order, and each view must behave as django-ninja's does
towards Django (the CSRF middleware reads `csrf_exempt` off the view it resolves)."""

from __future__ import annotations

from django.urls import resolve, reverse

from articles.api import routes


def _ninja_patterns():
    from articles.api.urls import api_urls

    return api_urls[0]


def test_it_lists_django_ninjas_addresses_and_names_in_order():
    ninja = [(str(pattern.pattern), pattern.name) for pattern in _ninja_patterns()]

    assert list(routes.ROUTES) == ninja


def test_it_exempts_from_djangos_csrf_check_exactly_the_views_django_ninja_exempts():
    ninja = {p.name: getattr(p.callback, "csrf_exempt", False) for p in _ninja_patterns()}
    ours = {p.name: getattr(p.callback, "csrf_exempt", False) for p in routes.api_urls[0]}

    assert ours == ninja
    assert ours["report"] is True
    assert ours["api-root"] is False


def test_it_resolves_and_reverses_api_addresses_with_the_api_namespace():
    match = resolve("/api/v1/comparisons/7/report")

    assert match.namespace == "api-1"
    assert match.url_name == "report"
    assert match.kwargs == {"pk": 7}
    assert reverse("api-1:story_copies", args=[3]) == "/api/v1/stories/3/copies"
    assert reverse("api-1:api-root") == "/api/v1/"
