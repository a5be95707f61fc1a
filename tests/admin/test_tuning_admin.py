"""The ignore list and rule settings in the admin: forms, validation and the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import IgnoreEntry, RuleSetting, TuningEffectCount, TuningEvent
from tests.builders import build_comparison

ADD_ENTRY = reverse("admin:articles_ignoreentry_add")
ADD_RULE = reverse("admin:articles_rulesetting_add")


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", "root@example.com", "pw-for-tests-only")


@pytest.fixture
def root_client(client, root):
    client.force_login(root)
    return client


def test_it_adds_an_ignore_entry_and_records_who_added_it(root_client, root):
    answer = root_client.post(
        ADD_ENTRY, {"left": " Sayyid ", "right": "Sayyed", "outlet": "", "note": "House style"}
    )

    assert answer.status_code == 302
    entry = IgnoreEntry.objects.get()
    assert (entry.left, entry.right, entry.scope, entry.created_by) == (
        "Sayyid",
        "Sayyed",
        "every outlet",
        root,
    )
    event = TuningEvent.objects.get()
    assert (event.action, event.actor, event.before) == ("ignore.add", root, None)
    assert event.after == {"left": "Sayyid", "right": "Sayyed", "outlet": "", "note": "House style"}


@pytest.mark.parametrize(
    ("left", "right", "field", "message"),
    [
        ("Sayyid", "SAYYID", "right", "same words"),
        ("U.S.", "u s", "right", "same words"),
        ("--", "Sayyed", "left", "at least one word"),
        ("", "Sayyed", "left", "required"),
    ],
)
def test_it_refuses_an_entry_that_would_ignore_nothing(root_client, left, right, field, message):
    answer = root_client.post(ADD_ENTRY, {"left": left, "right": right, "outlet": ""})

    assert answer.status_code == 200
    assert message in str(answer.context["adminform"].form.errors[field])
    assert not IgnoreEntry.objects.exists()
    assert not TuningEvent.objects.exists()


def test_it_records_a_change_and_a_delete_with_before_and_after(root_client):
    entry = IgnoreEntry.objects.create(left="Sayyid", right="Sayyed")
    change = reverse("admin:articles_ignoreentry_change", args=[entry.pk])

    root_client.post(change, {"left": "Sayyid", "right": "Sayed", "outlet": "Wire", "note": ""})
    root_client.post(reverse("admin:articles_ignoreentry_delete", args=[entry.pk]), {"post": "yes"})

    changed, deleted = TuningEvent.objects.order_by("id")
    assert changed.action == "ignore.change"
    assert (changed.before["right"], changed.after["right"]) == ("Sayyed", "Sayed")
    assert changed.after["outlet"] == "Wire"
    assert deleted.action == "ignore.delete"
    assert deleted.after is None and deleted.before["right"] == "Sayed"
    assert not IgnoreEntry.objects.exists()


def test_it_offers_every_rule_of_the_analysis_and_prefills_the_one_asked(root_client):
    answer = root_client.get(ADD_RULE + "?rule=meaning.term")

    form = answer.context["adminform"].form
    assert ("meaning.term", "meaning.term") in form.fields["rule"].choices
    assert ("name.variant", "name.variant") in form.fields["rule"].choices
    assert form.initial["rule"] == "meaning.term"


def test_it_mutes_a_rule_with_a_reason_and_audits_it(root_client, root):
    answer = root_client.post(
        ADD_RULE, {"rule": "meaning.term", "muted": "on", "severity": "", "reason": "Too noisy"}
    )

    assert answer.status_code == 302
    setting = RuleSetting.objects.get()
    assert (setting.muted, setting.updated_by, setting.describe()) == (True, root, "muted")
    event = TuningEvent.objects.get()
    assert event.action == "rule.add"
    assert event.after == {
        "rule": "meaning.term",
        "muted": True,
        "severity": "",
        "reason": "Too noisy",
    }


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"rule": "meaning.term", "muted": "on", "severity": "minor"}, "or mute it"),
        ({"rule": "meaning.term", "severity": ""}, "Mute the rule or choose a lower severity"),
        ({"rule": "no.such.rule", "severity": "minor"}, "Select a valid choice"),
        ({"rule": "meaning.term", "severity": "critical"}, "Select a valid choice"),
        ({"rule": "meaning.term", "severity": "minor", "reason": ""}, "required"),
    ],
)
def test_it_refuses_a_rule_setting_that_does_not_say_what_to_do(root_client, data, error):
    answer = root_client.post(ADD_RULE, {"reason": "Because", **data})

    assert answer.status_code == 200
    assert error in str(answer.context["adminform"].form.errors)
    assert not RuleSetting.objects.exists()
    assert not TuningEvent.objects.exists()


def test_it_opens_the_tuning_lists_and_change_pages_for_staff(root_client):
    comparison = build_comparison([("Sayyid spoke.", "Sayyed spoke.")])
    entry = IgnoreEntry.objects.create(left="Sayyid", right="Sayyed")
    setting = RuleSetting.objects.create(rule="meaning.term", muted=True, reason="noisy")
    effect = TuningEffectCount.objects.create(
        comparison=comparison, kind="ignored", entry=entry, label=str(entry), count=2
    )
    event = TuningEvent.objects.create(action="ignore.add", subject=str(entry))

    for obj in (entry, setting, effect, event):
        name = obj._meta.model_name
        assert root_client.get(reverse(f"admin:articles_{name}_changelist")).status_code == 200
        change = reverse(f"admin:articles_{name}_change", args=[obj.pk])
        assert root_client.get(change).status_code == 200
    listing = root_client.get(reverse("admin:articles_ignoreentry_changelist"))
    assert listing.context["cl"].result_list[0].suppressed == 2


def test_it_refuses_the_tuning_pages_to_staff_without_the_permissions(client, importer):
    client.force_login(importer)

    assert client.get(ADD_ENTRY).status_code == 403
    assert client.post(ADD_RULE, {"rule": "meaning.term", "muted": "on"}).status_code == 403
    assert not RuleSetting.objects.exists()


def test_it_sends_non_staff_to_the_admin_sign_in(client, editor, viewer):
    for user in (editor, viewer):
        client.force_login(user)
        answer = client.get(ADD_ENTRY)
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
