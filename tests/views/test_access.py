"""Who may do what: signed-out visitors sign in first; viewers read but never change."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleFetch, AuditEvent, NameSpelling

from .conftest import suggestion_on, unit_at


def read_urls(comparison) -> list[str]:
    return [
        reverse("articles:dashboard"),
        reverse("articles:comparison", args=[comparison.pk]),
        reverse("articles:start", args=[comparison.pk]),
        reverse("articles:step", args=[comparison.pk, 1]),
        reverse("articles:fetched_page", args=[comparison.pk, fetched_page_of(comparison).pk]),
        reverse("articles:reading", args=[comparison.pk]),
        reverse("articles:unit_history", args=[comparison.pk, unit_at(comparison, 1).pk]),
        reverse("articles:story", args=[comparison.source_id]),
        reverse("articles:story_compare", args=[comparison.source_id]),
        reverse("articles:names"),
        reverse("articles:names_csv"),
        reverse("articles:name_pair", args=[name_pair_of(comparison).pk]),
        reverse("articles:timeline", args=[comparison.pk]),
        reverse("articles:notifications"),
        reverse("articles:notifications_count"),
        reverse("articles:approval", args=[comparison.pk]),
    ]


READ_COUNT = 16


def name_pair_of(comparison) -> NameSpelling:
    """A spelling pair of the names index (the comparison's ledger has one)."""
    return NameSpelling.objects.get(comparisons__gt=0, places__comparison=comparison)


def fetched_page_of(comparison) -> ArticleFetch:
    """The page the comparison's retranslation was fetched from (made on first use)."""
    fetch = ArticleFetch.objects.filter(article=comparison.retranslation).first()
    return fetch or ArticleFetch.objects.create(
        article=comparison.retranslation,
        url="https://news.example.org/story",
        final_url="https://news.example.org/story",
        fetched_at=timezone.now(),
        html="<p>The story.</p>",
    )


def action_urls(comparison) -> list[str]:
    unit = unit_at(comparison, 1)
    flag = unit.flags.get()
    pk = comparison.pk
    return [
        reverse("articles:flag_accept", args=[pk, unit.pk, flag.pk]),
        reverse("articles:flag_dismiss", args=[pk, unit.pk, flag.pk]),
        reverse("articles:flag_edit", args=[pk, unit.pk, flag.pk]),
        reverse("articles:flag_add", args=[pk, unit.pk]),
        reverse("articles:unit_mark", args=[pk, unit.pk]),
        reverse("articles:unit_merge", args=[pk, unit.pk]),
        reverse("articles:unit_split", args=[pk, unit.pk]),
        reverse("articles:unit_link", args=[pk, unit.pk]),
        reverse("articles:undo", args=[pk]),
        reverse("articles:done", args=[pk]),
        reverse("articles:reopen", args=[pk]),
        reverse("articles:ledger_confirm", args=[pk, 0]),
        reverse("articles:ledger_dismiss", args=[pk, 0]),
        reverse("articles:flag_dismiss_like", args=[pk, unit.pk, flag.pk]),
        reverse("articles:flag_accept_like", args=[pk, unit.pk, flag.pk]),
        reverse("articles:story_shared", args=[comparison.source_id]),
        reverse("articles:name_ignore", args=[name_pair_of(comparison).pk]),
        reverse("articles:comment_add", args=[pk]),
        reverse("articles:comment_edit", args=[pk, comment_of(comparison).pk]),
        reverse("articles:comment_delete", args=[pk, comment_of(comparison).pk]),
        reverse("articles:pick_up", args=[pk]),
        reverse("articles:approve", args=[pk]),
        reverse("articles:send_back", args=[pk]),
    ]


def comment_of(comparison):
    """A comment on the comparison (made on first use, by an account of its own)."""
    from django.contrib.auth.models import User

    from articles.models import Comment

    found = Comment.objects.filter(comparison=comparison).first()
    if found:
        return found
    author, _ = User.objects.get_or_create(username="commenter")
    return Comment.objects.create(comparison=comparison, author=author, body="A comment.")


ACTION_COUNT = 23


@pytest.mark.parametrize("index", range(READ_COUNT))
def test_every_page_sends_a_signed_out_visitor_to_sign_in(client, comparison, index):
    url = read_urls(comparison)[index]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("index", range(ACTION_COUNT))
def test_every_action_sends_a_signed_out_visitor_to_sign_in(client, comparison, index):
    response = client.post(action_urls(comparison)[index], {"version": 1, "state": "ok"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("index", range(READ_COUNT))
def test_a_viewer_can_read_every_page(viewer_client, comparison, index):
    response = viewer_client.get(read_urls(comparison)[index], follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize("index", range(ACTION_COUNT))
def test_a_viewer_is_refused_every_action(viewer_client, comparison, index):
    data = {"version": 1, "state": "ok", "versions": "1:1", "category": "omission"}
    response = viewer_client.post(action_urls(comparison)[index], data)
    assert response.status_code == 403
    assert not AuditEvent.objects.exists()
    assert set(comparison.units.values_list("version", flat=True)) == {1}


@pytest.mark.parametrize("index", range(ACTION_COUNT))
def test_every_action_refuses_a_get(editor_client, comparison, index):
    assert editor_client.get(action_urls(comparison)[index]).status_code == 405


def test_the_action_list_covers_every_url_of_the_app(comparison):
    from articles.agreement.urls import urlpatterns as agreement
    from articles.urls import urlpatterns

    # The job pages (jobs/…) have their own access tests (tests/jobs/test_job_views.py),
    # the double review's and agreement pages theirs (tests/agreement/), the analytics
    # pages theirs (tests/views/test_analytics*.py: viewers are refused them).
    review = [
        p
        for p in urlpatterns
        if not str(p.pattern).startswith(("jobs/", "analytics/")) and p not in agreement
    ]
    # Marking one's own notifications read is open to viewers too: its access tests are
    # in tests/views/test_notifications.py. The assignment page (GET and POST, staff
    # only): tests/views/test_assign.py.
    own = ["notifications_read_all", "notification_read", "assign"]
    assert len(review) == len(read_urls(comparison)) + ACTION_COUNT + len(own)


def test_an_editor_cannot_act_on_a_unit_through_another_comparison(editor_client, comparison):
    from tests.builders import build_comparison

    other = build_comparison([("One.", "Uno.")])
    unit = unit_at(comparison, 0)
    url = reverse("articles:unit_mark", args=[other.pk, unit.pk])
    assert editor_client.post(url, {"version": 1, "state": "ok"}).status_code == 404


@pytest.mark.parametrize("index", range(READ_COUNT))
def test_an_htmx_request_signed_out_sends_the_whole_page_to_sign_in(client, comparison, index):
    page = reverse("articles:step", args=[comparison.pk, 2])
    response = client.get(
        read_urls(comparison)[index],
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next={page}"


def test_an_htmx_action_signed_out_changes_nothing_and_goes_to_sign_in(client, comparison):
    response = client.post(
        action_urls(comparison)[4], {"version": 1, "state": "ok"}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"].startswith(reverse("login"))
    assert unit_at(comparison, 1).review_state == "unreviewed"


def test_an_action_checks_the_role_before_looking_for_the_unit(viewer_client, comparison):
    # The unit and its comparison are read in one query (issue 18); a viewer is still
    # refused (403) before a unit or flag that is not there is reported (404).
    flag = suggestion_on(comparison, 1)
    for url in (
        reverse("articles:unit_mark", args=[comparison.pk, 10**9]),
        reverse("articles:flag_accept", args=[comparison.pk, flag.unit_id, 10**9]),
        reverse("articles:flag_add", args=[comparison.pk, 10**9]),
    ):
        assert viewer_client.post(url, {"version": 1, "state": "ok"}).status_code == 403


def test_an_action_answers_404_for_what_is_not_there(editor_client, comparison):
    from tests.builders import build_comparison

    other = build_comparison([("One.", "Uno.")])
    flag = suggestion_on(comparison, 1)
    for url in (
        reverse("articles:unit_mark", args=[10**9, flag.unit_id]),
        reverse("articles:flag_accept", args=[10**9, flag.unit_id, flag.pk]),
        reverse("articles:flag_accept", args=[other.pk, flag.unit_id, flag.pk]),
        reverse("articles:flag_dismiss", args=[comparison.pk, flag.unit_id, 10**9]),
    ):
        assert editor_client.post(url, {"version": 1, "state": "ok"}).status_code == 404
