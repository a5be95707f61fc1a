"""The admin's rule acceptance page: per rule, raised, accepted, dismissed and the
acceptance rate, over a period and an outlet, counted in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Flag, RuleSetting, TuningEvent
from tests.builders import build_comparison

PAGE = reverse("admin:articles_rulesetting_acceptance")


@pytest.fixture
def root_client(client, db):
    client.force_login(User.objects.create_superuser("root", "r@example.com", "pw-for-tests-only"))
    return client


_STORIES = itertools.count(1)


def comparison_with(statuses: list[str], rule: str = "meaning.term", outlet: str = "Wire"):
    n = next(_STORIES)
    comparison = build_comparison(
        [(f"The army fired {n} missiles.", f"The army fired {n} rockets.")],
        flags={0: [{"category": "factual.meaning", "rule": rule, "status": s} for s in statuses]},
    )
    Article.objects.filter(pk=comparison.retranslation_id).update(outlet=outlet)
    return comparison


def figures(answer) -> dict:
    return {row.rule: row for row in answer.context["figures"]}


def test_it_counts_raised_accepted_and_dismissed_per_rule(root_client):
    comparison_with(["confirmed", "dismissed", "dismissed", "suggested"])
    comparison_with(["dismissed"], rule="name.variant")
    build_comparison(
        [("A.", "B.")], flags={0: [{"category": "factual.name", "origin": "editor", "rule": ""}]}
    )

    answer = root_client.get(PAGE)

    assert answer.status_code == 200
    term = figures(answer)["meaning.term"]
    assert (term.raised, term.accepted, term.dismissed, term.open) == (4, 1, 2, 1)
    assert term.acceptance_rate == pytest.approx(1 / 3)
    assert figures(answer)["name.variant"].acceptance_rate == 0
    assert figures(answer)["role.reversed"].raised == 0  # every rule is listed
    assert figures(answer)["role.reversed"].acceptance_rate is None
    html = answer.content.decode()
    assert "33%" in html and 'data-rule="meaning.term"' in html


def test_it_filters_by_outlet_of_either_article(root_client):
    comparison_with(["confirmed"], outlet="Wire")
    comparison_with(["dismissed", "dismissed"], outlet="Daily")

    daily = figures(root_client.get(PAGE, {"outlet": "Daily"}))["meaning.term"]
    wire = figures(root_client.get(PAGE, {"outlet": "Wire"}))["meaning.term"]

    assert (daily.raised, daily.dismissed, wire.raised, wire.accepted) == (2, 2, 1, 1)


def test_it_filters_by_period_both_days_included(root_client):
    comparison_with(["confirmed", "dismissed"])
    old = Flag.objects.filter(status="dismissed")
    old.update(created_at=timezone.now() - dt.timedelta(days=40))
    today = timezone.localdate()

    recent = root_client.get(PAGE, {"start": today - dt.timedelta(days=7), "end": today})
    back_then = root_client.get(
        PAGE, {"start": today - dt.timedelta(days=40), "end": today - dt.timedelta(days=40)}
    )

    assert figures(recent)["meaning.term"].raised == 1
    assert figures(back_then)["meaning.term"].dismissed == 1


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "2026-05-10", "end": "2026-05-01"}, "end", "is before the first"),
        ({"start": "yesterday"}, "start", "Enter a valid date"),
        ({"outlet": "No such outlet"}, "outlet", "Select a valid choice"),
        ({"start": "2999-01-01"}, "start", "in the future"),
    ],
)
def test_it_answers_400_naming_a_bad_filter(root_client, query, field, message):
    answer = root_client.get(PAGE, query)

    assert answer.status_code == 400
    assert message in str(answer.context["form"].errors[field])
    assert answer.context["figures"] == []
    assert 'id="rule-acceptance"' not in answer.content.decode()


def test_it_runs_as_many_queries_for_many_comparisons_as_for_one(root_client):
    comparison_with(["confirmed"])
    with CaptureQueriesContext(connection) as one:
        root_client.get(PAGE, {"outlet": "Wire"})
    for n in range(5):
        comparison_with(["dismissed", "suggested"], rule=f"rule.{n}", outlet="Wire")
    RuleSetting.objects.create(rule="meaning.term", severity="minor", reason="noisy")
    TuningEvent.objects.create(action="rule.add", subject="meaning.term")

    with CaptureQueriesContext(connection) as many:
        answer = root_client.get(PAGE, {"outlet": "Wire"})

    assert {f"rule.{n}" for n in range(5)} <= set(figures(answer))
    assert len(many) == len(one)


def test_it_shows_settings_and_links_to_lower_or_mute(root_client):
    setting = RuleSetting.objects.create(rule="meaning.term", muted=True, reason="noisy")
    TuningEvent.objects.create(action="rule.add", subject=str(setting))

    html = root_client.get(PAGE).content.decode()

    assert reverse("admin:articles_rulesetting_change", args=[setting.pk]) in html
    assert reverse("admin:articles_rulesetting_add") + "?rule=name.variant" in html
    assert "rule.add" in html and "meaning.term: muted" in html


def test_it_refuses_staff_without_the_view_permission_and_sends_others_to_sign_in(
    client, importer, editor, viewer, django_user_model
):
    client.force_login(importer)  # staff, but not given the tuning's permissions
    assert client.get(PAGE).status_code == 403

    nobody = django_user_model.objects.create_user("nobody", password="pw-for-tests-only")
    for user in (editor, viewer, nobody):
        client.force_login(user)
        answer = client.get(PAGE)
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
    client.logout()
    assert "/admin/login/" in client.get(PAGE)["Location"]


def test_it_shows_figures_without_change_links_to_staff_who_may_only_view(client, importer):
    importer.user_permissions.add(Permission.objects.get(codename="view_rulesetting"))
    client.force_login(importer)
    comparison_with(["confirmed"])

    answer = client.get(PAGE)

    assert answer.status_code == 200
    assert figures(answer)["meaning.term"].accepted == 1
    assert "Lower or mute" not in answer.content.decode()
    assert client.post(PAGE).status_code == 405
