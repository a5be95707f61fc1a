"""The admin's model pages: every list and change page opens for staff, list pages run
as many queries for many rows as for one, and they link a comparison to its parts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import AlignmentUnit, Article, AuditEvent, Comparison, Flag, Sentence
from tests.builders import build_comparison

MODELS = [Article, Sentence, Comparison, AlignmentUnit, Flag, AuditEvent]


@pytest.fixture
def admin_client_(client, db) -> object:
    user = User.objects.create_superuser("root", "root@example.com", "pw-for-tests-only")
    client.force_login(user)
    return client


def make_comparison(n: int) -> Comparison:
    comparison = build_comparison(
        [(f"Source sentence {n}.", f"Target sentence {n}."), (f"Only in source {n}.", "")],
        # Every other source is untitled: its title comes from its first sentence.
        title=f"Story {n}" if n % 2 else "",
        flags={0: [{"category": "factual.name", "severity": "major", "source_span": "A"}]},
    )
    AuditEvent.objects.create(comparison=comparison, action="unit.decide", after={"x": n})
    return comparison


def changelist(model) -> str:
    return reverse(f"admin:articles_{model._meta.model_name}_changelist")


def change_page(obj) -> str:
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_opens_every_list_and_change_page_for_staff(admin_client_, model):
    make_comparison(1)
    assert admin_client_.get(changelist(model)).status_code == 200
    obj = model.objects.first()
    assert admin_client_.get(change_page(obj)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_opens_every_page_for_an_importer(client, importer, model):
    make_comparison(1)
    client.force_login(importer)
    assert client.get(changelist(model)).status_code == 200
    assert client.get(change_page(model.objects.first())).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_runs_as_many_queries_for_many_rows_as_for_one(admin_client_, model):
    make_comparison(0)
    admin_client_.get(changelist(model))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one:
        assert admin_client_.get(changelist(model)).status_code == 200
    for n in range(1, 6):
        make_comparison(n)
    with CaptureQueriesContext(connection) as many:
        response = admin_client_.get(changelist(model))
    assert response.context["cl"].result_count > 1
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_it_searches_comparisons_by_title_outlet_and_text(admin_client_):
    first = make_comparison(1)
    make_comparison(2)
    Article.objects.filter(pk=first.source_id).update(outlet="Regional Times")
    by_title = admin_client_.get(changelist(Comparison), {"q": "Story 1"})
    assert list(by_title.context["cl"].result_list) == [first]
    by_outlet = admin_client_.get(changelist(Comparison), {"q": "Regional Times"})
    assert list(by_outlet.context["cl"].result_list) == [first]
    by_text = admin_client_.get(changelist(Comparison), {"q": "Only in source 1"})
    assert list(by_text.context["cl"].result_list) == [first]


def test_it_filters_flags_by_category_severity_origin_and_status(admin_client_):
    make_comparison(1)
    page = admin_client_.get(
        changelist(Flag),
        {"category": "factual.name", "severity": "major", "origin": "auto", "status": "suggested"},
    )
    assert page.context["cl"].result_count == 1
    page = admin_client_.get(changelist(Flag), {"severity": "critical"})
    assert page.context["cl"].result_count == 0


def test_it_shows_counts_and_progress_in_the_comparison_list(admin_client_):
    comparison = make_comparison(1)
    AlignmentUnit.objects.filter(comparison=comparison, position=0).update(review_state="ok")
    page = admin_client_.get(changelist(Comparison)).content.decode()
    assert "1/2 (50%)" in page
    assert "Story 1" in page
    assert "(untitled) Target sentence 1." in page  # the untitled retranslation
    assert reverse("articles:comparison", args=[comparison.pk]) in page


def test_it_links_a_comparison_to_its_articles_units_flags_and_review(admin_client_):
    comparison = make_comparison(1)
    page = admin_client_.get(change_page(comparison)).content.decode()
    assert change_page(comparison.source) in page
    assert change_page(comparison.retranslation) in page
    assert reverse("articles:comparison", args=[comparison.pk]) in page
    assert f"{changelist(AlignmentUnit)}?comparison__id__exact={comparison.pk}" in page
    assert f"{changelist(AuditEvent)}?comparison__id__exact={comparison.pk}" in page


def test_it_keeps_article_text_and_hashes_read_only(admin_client_):
    comparison = make_comparison(1)
    article = comparison.source
    response = admin_client_.get(change_page(article))
    form = response.context["adminform"].form
    assert "body" not in form.fields and "sha256" not in form.fields
    assert "title" not in form.fields and "imported_at" not in form.fields
    assert "outlet" in form.fields
    assert article.sha256 in response.content.decode()


def test_it_lets_nobody_add_articles_or_comparisons_by_hand(admin_client_):
    for model in (Article, Comparison, Sentence, AlignmentUnit, Flag, AuditEvent):
        add = reverse(f"admin:articles_{model._meta.model_name}_add")
        assert admin_client_.get(add).status_code == 403


def test_it_shows_the_import_buttons_to_importers_only(client, importer, staff_editor):
    client.force_login(importer)
    page = client.get(changelist(Comparison)).content.decode()
    assert reverse("admin:articles_comparison_import") in page
    assert reverse("admin:articles_comparison_bulk_import") in page
    client.force_login(staff_editor)
    response = client.get(changelist(Comparison))
    assert response.status_code == 200
    assert reverse("admin:articles_comparison_import") not in response.content.decode()


def test_it_audits_a_flag_changed_in_the_admin(client, importer):
    comparison = make_comparison(1)
    flag = Flag.objects.get()
    client.force_login(importer)
    response = client.post(
        change_page(flag),
        {
            "category": "factual.name",
            "severity": "critical",
            "status": "confirmed",
            "note": "Yes",
            "unit_version": 1,
        },
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.severity, flag.status, flag.note) == ("critical", "confirmed", "Yes")
    event = AuditEvent.objects.get(action="flag.admin_change")
    assert event.comparison == comparison and event.flag == flag and event.actor == importer
    before, after = event.before["flags"][str(flag.pk)], event.after["flags"][str(flag.pk)]
    assert (before["severity"], before["status"], before["note"]) == ("major", "suggested", "")
    assert (after["severity"], after["status"], after["note"]) == ("critical", "confirmed", "Yes")


def test_it_escapes_article_text_in_list_pages(admin_client_):
    build_comparison([("<script>alert(1)</script>", "<b>x</b>")], title="<i>T</i>")
    for model in (Comparison, Sentence, AlignmentUnit, Article):
        page = admin_client_.get(changelist(model)).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "<i>T</i>" not in page
