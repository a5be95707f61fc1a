import json

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Comparison
from articles.reports import report_response
from tests.builders import build_comparison


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("json", "application/json"),
        ("csv", "text/csv"),
        ("md", "text/markdown"),
        ("html", "text/html"),
        ("pdf", "application/pdf"),
    ],
)
def test_it_downloads_one_comparison_as_a_named_attachment(
    viewer_client, reviewed, fmt, content_type
):
    response = viewer_client.get(reverse("reports:comparison", args=[reviewed.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    today = timezone.now().date().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="newsdrift-comparison-{reviewed.pk}-{today}.{fmt}"'
    )
    assert _body(response)


def test_it_streams_the_dashboards_selection(editor_client, reviewed, db):
    other = build_comparison([("One.", "Two.")], title="Quiet story")
    Comparison.objects.filter(pk=other.pk).update(status="done")
    url = reverse("reports:selection", args=["json"]) + "?status=in_review&q=bombing"
    response = editor_client.get(url)
    assert response.status_code == 200 and response.streaming
    today = timezone.now().date().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="newsdrift-report-{today}.json"'
    )
    data = json.loads(_body(response))
    assert [r["comparison"]["id"] for r in data["reports"]] == [reviewed.pk]
    assert data["selection"]["status"] == ["in_review"] and data["selection"]["q"] == "bombing"
    csv_response = editor_client.get(reverse("reports:selection", args=["csv"]))
    assert csv_response.streaming
    assert _body(csv_response).decode("utf-8-sig").startswith("comparison_id,")


def test_it_refuses_bad_formats_and_filters_with_a_400(editor_client, reviewed):
    response = editor_client.get(reverse("reports:comparison", args=[reviewed.pk, "docx"]))
    assert response.status_code == 400
    assert (
        response.content.decode()
        == "format 'docx': unknown format (one of json, csv, md, html, pdf)"
    )
    response = editor_client.get(reverse("reports:selection", args=["csv"]) + "?since=soon")
    assert response.status_code == 400
    assert response.content.decode() == "since 'soon': not a date (YYYY-MM-DD)"


def test_it_answers_404_for_an_unknown_comparison(editor_client, db):
    assert editor_client.get(reverse("reports:comparison", args=[999, "json"])).status_code == 404
    assert editor_client.get(reverse("reports:print", args=[999])).status_code == 404


def test_it_sends_signed_out_users_to_sign_in(client, reviewed):
    for url in (
        reverse("reports:comparison", args=[reviewed.pk, "pdf"]),
        reverse("reports:selection", args=["csv"]),
        reverse("reports:print", args=[reviewed.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_it_refuses_an_account_in_no_role(client, reviewed, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw-for-tests-only")
    client.force_login(nobody)
    for url in (
        reverse("reports:comparison", args=[reviewed.pk, "json"]),
        reverse("reports:selection", args=["csv"]),
        reverse("reports:print", args=[reviewed.pk]),
    ):
        assert client.get(url).status_code == 403


def test_it_allows_get_only(editor_client, reviewed):
    url = reverse("reports:comparison", args=[reviewed.pk, "json"])
    assert editor_client.post(url).status_code == 405
    assert editor_client.post(reverse("reports:selection", args=["json"])).status_code == 405


def test_it_shows_a_print_page_under_the_strict_csp(viewer_client, reviewed):
    response = viewer_client.get(reverse("reports:print", args=[reviewed.pk]))
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "style-src 'self'" in response["Content-Security-Policy"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="stylesheet")["href"] == "/static/newsdrift/report.css"
    assert soup.find(attrs={"style": True}) is None and soup.find("script") is None


def test_it_renders_the_download_menu_for_a_comparison_and_a_selection(reviewed):
    one = BeautifulSoup(
        render_to_string("reports/_download_menu.html", {"comparison": reviewed}), "html.parser"
    )
    hrefs = [a["href"] for a in one.find_all("a")]
    assert reverse("reports:comparison", args=[reviewed.pk, "pdf"]) in hrefs
    assert reverse("reports:print", args=[reviewed.pk]) in hrefs
    many = BeautifulSoup(
        render_to_string(
            "reports/_download_menu.html", {"filter_query": "status=in_review&q=reuters"}
        ),
        "html.parser",
    )
    hrefs = [a["href"] for a in many.find_all("a")]
    assert reverse("reports:selection", args=["csv"]) + "?status=in_review&q=reuters" in hrefs
    assert len(hrefs) == 5


def test_it_exposes_report_response_for_the_admin(rf, reviewed):
    response = report_response(Comparison.objects.filter(pk=reviewed.pk), "csv")
    assert response["Content-Disposition"].startswith('attachment; filename="newsdrift-report-')
    assert str(reviewed.pk) in _body(response).decode("utf-8-sig")
    pdf = report_response(Comparison.objects.all(), "pdf", request=rf.get("/admin/"))
    assert pdf.content.startswith(b"%PDF-")
