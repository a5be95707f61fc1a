"""What the pages carry around the review: the report download menus on the overview
(one comparison) and the dashboard (the filtered selection), and the favicon."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.builders import build_comparison

pytestmark = pytest.mark.django_db


def test_it_offers_every_report_format_of_one_comparison_on_its_overview(viewer_client):
    comparison = build_comparison([("Rockets hit the base.", "Rockets struck the base.")])
    page = viewer_client.get(reverse("articles:comparison", args=[comparison.pk]))
    html = page.content.decode()
    for fmt in ("pdf", "html", "md", "csv", "json"):
        assert reverse("reports:comparison", args=[comparison.pk, fmt]) in html
    assert reverse("reports:print", args=[comparison.pk]) in html


def test_it_downloads_the_dashboards_filtered_selection(viewer_client):
    build_comparison([("Rockets hit the base.", "Rockets struck the base.")])
    page = viewer_client.get(reverse("articles:dashboard"), {"status": "new", "q": "Test"})
    html = page.content.decode()
    for fmt in ("csv", "json"):
        assert f"{reverse('reports:selection', args=[fmt])}?status=new&amp;q=Test" in html


def test_it_keeps_the_selection_menu_in_step_with_htmx_filtering(viewer_client):
    build_comparison([("Rockets hit the base.", "Rockets struck the base.")])
    page = viewer_client.get(
        reverse("articles:dashboard"), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    html = page.content.decode()
    assert 'hx-swap-oob="true"' in html
    assert f"{reverse('reports:selection', args=['json'])}?status=done" in html


def test_it_links_a_favicon_that_is_served(viewer_client):
    from django.contrib.staticfiles import finders

    html = viewer_client.get(reverse("articles:dashboard")).content.decode()
    assert 'rel="icon" href="/static/newsdrift/favicon.svg"' in html
    assert finders.find("newsdrift/favicon.svg")
