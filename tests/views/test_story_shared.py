"""Confirming or dismissing a shared drift in every copy at once, from the story page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import AuditEvent, Flag
from articles.stories.queries import copy_rows, shared_drift
from tests.stories_helpers import import_seed_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return import_seed_story()


def group_of(source, label: str):
    return next(g for g in shared_drift(copy_rows(source)) if g.label == label)


def post(client, source, group, decision: str, versions: str | None = None):
    return client.post(
        reverse("articles:story_shared", args=[source.pk]),
        {"key": group.key, "decision": decision, "versions": versions or group.versions},
    )


def test_it_shows_the_shared_respelling_with_its_copies_and_first_outlet(viewer_client, story):
    page = viewer_client.get(reverse("articles:story", args=[story.pk])).content.decode()
    shared = page[page.index('id="shared"') : page.index('id="grid-title"')]
    assert "Fandersloot" in shared
    assert "<strong>4 of 5</strong>" in shared
    assert "Harbour Daily, 12 Mar 09:40" in shared
    assert "Brauwersma" in shared and "<strong>2 of 5</strong>" in shared
    # Viewers see the drift but not the buttons.
    assert "Confirm<span" not in shared


def test_it_confirms_a_shared_drift_in_every_copy_and_audits_each(editor_client, editor, story):
    group = group_of(story, "Fandersloot")
    response = post(editor_client, story, group, "confirm")
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:story", args=[story.pk]) + "#shared"
    flags = Flag.objects.filter(pk__in=[f.flag_id for f in group.flags])
    assert set(flags.values_list("status", flat=True)) == {"confirmed"}
    events = AuditEvent.objects.filter(action="flag.accept", actor=editor)
    assert sorted(events.values_list("comparison_id", flat=True)) == sorted(
        c.comparison_id for c in group.copies
    )
    page = editor_client.get(response["Location"]).content.decode()
    assert "Confirmed “Fandersloot” (Name): 4 flag(s) in 4 copies." in page
    assert "4 confirmed" in page
    # The copies' drift scores count the confirmed flags now.
    assert "Drift 0.00" in page and page.count("Drift 0.00") == 1  # only the Metro copy


def test_it_dismisses_open_flags_and_leaves_decided_ones_alone(editor_client, editor, story):
    group = group_of(story, "Fandersloot")
    kept = group.flags[0]
    Flag.objects.filter(pk=kept.flag_id).update(status="confirmed")
    group = group_of(story, "Fandersloot")
    post(editor_client, story, group, "dismiss")
    statuses = dict(
        Flag.objects.filter(pk__in=[f.flag_id for f in group.flags]).values_list("pk", "status")
    )
    assert statuses.pop(kept.flag_id) == "confirmed"
    assert set(statuses.values()) == {"dismissed"}


def test_it_changes_nothing_when_a_unit_changed_since_the_page_was_shown(editor_client, story):
    group = group_of(story, "Fandersloot")
    stale = ",".join(
        f"{unit}:{version - 1 if n == 2 else version}"
        for n, (unit, version) in enumerate(
            (int(u), int(v)) for u, v in (p.split(":") for p in group.versions.split(","))
        )
    )
    response = post(editor_client, story, group, "confirm", versions=stale)
    assert response.status_code == 302
    assert not Flag.objects.filter(status="confirmed").exists()
    assert not AuditEvent.objects.exists()
    page = editor_client.get(response["Location"]).content.decode()
    assert "was changed by someone else since the page was shown: nothing was changed" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"decision": "delete"}, "decision"),
        ({"key": "0" * 20}, "it is no longer shared by several copies of this story"),
        ({"versions": "x"}, "versions: not a list of unit id:version"),
    ],
)
def test_it_refuses_a_bad_form_with_one_line_and_changes_nothing(
    editor_client, story, fields, message
):
    group = group_of(story, "Fandersloot")
    data = {"key": group.key, "decision": "confirm", "versions": group.versions, **fields}
    response = editor_client.post(reverse("articles:story_shared", args=[story.pk]), data)
    assert response.status_code == 302
    assert not AuditEvent.objects.exists()
    assert message in editor_client.get(response["Location"]).content.decode()


def test_it_refuses_viewers_and_accounts_in_no_role(viewer_client, story):
    group = group_of(story, "Fandersloot")
    assert post(viewer_client, story, group, "confirm").status_code == 403
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_get(editor_client, story):
    assert editor_client.get(reverse("articles:story_shared", args=[story.pk])).status_code == 405
