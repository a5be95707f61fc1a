"""Changes made in the admin go through the review's versioned operations: the unit's
version moves and an audit event is written, so that an editor's later undo, or a form
shown before the admin's change, is refused (409) instead of silently overwriting it,
and an admin page shown before an editor's change is refused too."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AuditEvent, Comparison, Flag
from tests.builders import build_comparison
from tests.csrf import csrf_client
from tests.views.conftest import FLAGS, HTMX, UNITS, action_url, suggestion_on, unit_at

CHANGELIST = reverse("admin:articles_comparison_changelist")


def make_comparison() -> Comparison:
    return build_comparison(UNITS, title="Mutual bombing in Syria", flags=FLAGS)


def flag_page(flag: Flag) -> str:
    return reverse("admin:articles_flag_change", args=[flag.pk])


def comparison_page(comparison: Comparison) -> str:
    return reverse("admin:articles_comparison_change", args=[comparison.pk])


def admin_flag_post(client, flag: Flag, unit_version: int, **values):
    """Post the flag's admin form as shown with its stored values, changing `values`."""
    flag.refresh_from_db()
    data = {
        "category": flag.category,
        "severity": flag.severity,
        "status": flag.status,
        "note": flag.note,
        "unit_version": unit_version,
        **values,
    }
    return client.post(flag_page(flag), data)


def undo(client, comparison: Comparison, position: int = 0):
    return client.post(reverse("articles:undo", args=[comparison.pk]), {"position": position})


def test_it_moves_the_units_version_and_audits_a_flag_changed_in_the_admin(importer):
    comparison = make_comparison()
    flag, unit = suggestion_on(comparison, 1), unit_at(comparison, 1)
    admin = csrf_client(importer)

    response = admin_flag_post(admin, flag, 1, severity="critical", status="confirmed")

    assert response.status_code == 302
    unit.refresh_from_db()
    flag.refresh_from_db()
    assert (flag.severity, flag.status, flag.author) == ("critical", "confirmed", importer)
    assert unit.version == 2
    assert (unit.review_state, unit.reviewed_by) == ("flagged", importer)
    event = AuditEvent.objects.get(action="flag.admin_change")
    assert (event.comparison, event.unit, event.flag, event.actor) == (
        comparison,
        unit,
        flag,
        importer,
    )
    # The review's snapshot shape: undo can put the rows back.
    before, after = event.before["flags"][str(flag.pk)], event.after["flags"][str(flag.pk)]
    assert (before["severity"], before["status"]) == ("major", "suggested")
    assert (after["severity"], after["status"]) == ("critical", "confirmed")
    assert event.before["units"][str(unit.pk)]["version"] == 1
    assert event.after["units"][str(unit.pk)]["version"] == 2


def test_it_refuses_an_editors_undo_after_an_admin_change_to_the_same_flag(editor, importer):
    comparison = make_comparison()
    flag, unit = suggestion_on(comparison, 1), unit_at(comparison, 1)
    reviewer = csrf_client(editor)
    reviewer.post(action_url("flag_accept", unit, flag), {"version": 1}, **HTMX)
    answer = admin_flag_post(csrf_client(importer), flag, 2, note="Checked by the desk")
    assert answer.status_code == 302

    response = undo(reviewer, comparison, position=1)

    assert response.status_code == 409
    assert "someone changed that unit since" in response.content.decode()
    flag.refresh_from_db()
    assert (flag.status, flag.note) == ("confirmed", "Checked by the desk")


def test_it_refuses_an_editors_form_shown_before_the_admin_change(editor, importer):
    comparison = make_comparison()
    flag, unit = suggestion_on(comparison, 1), unit_at(comparison, 1)
    assert admin_flag_post(csrf_client(importer), flag, 1, severity="critical").status_code == 302

    # The editor's page was rendered at version 1, before the admin's change.
    response = csrf_client(editor).post(
        action_url("flag_edit", unit, flag),
        {"version": 1, "category": "factual.name", "severity": "minor", "note": "stale"},
        **HTMX,
    )

    assert response.status_code == 409
    flag.refresh_from_db()
    assert (flag.severity, flag.note) == ("critical", "")


def test_it_refuses_an_admin_form_shown_before_an_editors_change(editor, importer):
    comparison = make_comparison()
    flag, unit = suggestion_on(comparison, 1), unit_at(comparison, 1)
    admin = csrf_client(importer)
    page = admin.get(flag_page(flag))
    assert page.context["adminform"].form["unit_version"].value() == 1
    csrf_client(editor).post(action_url("flag_dismiss", unit, flag), {"version": 1}, **HTMX)

    response = admin_flag_post(admin, flag, 1, status="confirmed", note="from a stale page")

    assert response.status_code == 409
    assert "was changed by someone else since you opened it" in response.content.decode()
    # The page shows the flag as it is now, with the unit's new version to post against.
    assert response.context["adminform"].form["unit_version"].value() == 2
    flag.refresh_from_db()
    assert (flag.status, flag.note) == ("dismissed", "")
    assert not AuditEvent.objects.filter(action="flag.admin_change").exists()


def test_it_lets_the_admin_undo_their_own_change_on_the_review_page(importer):
    comparison = make_comparison()
    flag = suggestion_on(comparison, 1)
    admin = csrf_client(importer)
    admin_flag_post(admin, flag, 1, severity="critical")

    response = undo(admin, comparison, position=1)

    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.severity == "major"
    assert AuditEvent.objects.get(action="flag.admin_change").undone


def test_it_writes_nothing_for_an_admin_form_saved_unchanged(importer):
    comparison = make_comparison()
    flag, unit = suggestion_on(comparison, 1), unit_at(comparison, 1)

    assert admin_flag_post(csrf_client(importer), flag, 1).status_code == 302

    unit.refresh_from_db()
    assert unit.version == 1
    assert not AuditEvent.objects.exists()


def test_it_offers_no_way_to_delete_a_flag_in_the_admin(client, db):
    from django.contrib.auth.models import User

    superuser = User.objects.create_superuser("root", "root@example.com", "pw-for-tests-only")
    comparison = make_comparison()
    flag = suggestion_on(comparison, 1)
    admin = csrf_client(superuser)
    delete = reverse("admin:articles_flag_delete", args=[flag.pk])

    assert admin.post(delete, {"post": "yes"}).status_code == 403
    assert (
        "delete_selected"
        not in admin.get(reverse("admin:articles_flag_changelist")).content.decode()
    )
    assert Flag.objects.filter(pk=flag.pk).exists()


def test_it_refuses_a_comparison_page_shown_before_an_editors_change(editor, importer):
    comparison = make_comparison()
    admin = csrf_client(importer)
    assert (
        admin.get(comparison_page(comparison)).context["adminform"].form["shown_status"].value()
        == "new"
    )
    # An editor's decision puts the comparison in review.
    csrf_client(editor).post(
        action_url("unit_mark", unit_at(comparison, 0)), {"version": 1, "state": "ok"}, **HTMX
    )

    response = admin.post(comparison_page(comparison), {"status": "new", "shown_status": "new"})

    assert response.status_code == 409
    assert "someone changed it since you opened this page" in response.content.decode()
    comparison.refresh_from_db()
    assert comparison.status == "in_review"
    assert not AuditEvent.objects.filter(action="comparison.status").exists()


def test_it_refuses_an_editors_undo_of_done_after_the_admin_put_it_back(editor, importer):
    comparison = build_comparison([("One.", "Uno."), ("Two.", "Dos.")])
    reviewer = csrf_client(editor)
    for unit in comparison.units.all():
        reviewer.post(action_url("unit_mark", unit), {"version": 1, "state": "ok"}, **HTMX)
    reviewer.post(reverse("articles:done", args=[comparison.pk]), {"from": "overview"})
    comparison.refresh_from_db()
    assert comparison.status == "done"
    admin = csrf_client(importer)
    response = admin.post(
        comparison_page(comparison), {"status": "in_review", "shown_status": "done"}
    )
    assert response.status_code == 302

    response = undo(reviewer, comparison)

    assert response.status_code == 409
    comparison.refresh_from_db()
    assert comparison.status == "in_review"
    event = AuditEvent.objects.get(action="comparison.status")
    assert (event.before, event.after) == (
        {"comparison": {"status": "done"}},
        {"comparison": {"status": "in_review"}},
    )


def test_it_marks_done_in_the_admin_only_what_the_review_would(importer):
    reviewed = build_comparison([("One.", "Uno.")], title="Reviewed")
    reviewed.units.update(review_state="ok")
    open_ = build_comparison([("Two.", "Dos.")], title="Open")
    admin = csrf_client(importer)

    response = admin.post(
        CHANGELIST,
        {"action": "mark_done", "_selected_action": [reviewed.pk, open_.pk], "index": 0},
        follow=True,
    )

    page = response.content.decode()
    assert f"Comparison {open_.pk}: Not done: 1 unit is not reviewed yet" in page
    assert "1 comparison(s) marked done." in page
    assert dict(Comparison.objects.values_list("pk", "status")) == {
        reviewed.pk: "done",
        open_.pk: "new",
    }
    assert AuditEvent.objects.get().action == "comparison.done"
