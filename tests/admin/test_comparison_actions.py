"""The comparison list's actions: re-run the analysis, mark done, put back in review."""

from __future__ import annotations

from django.urls import reverse

from articles.models import AuditEvent, Comparison, Flag, Job
from tests.builders import build_comparison
from tests.jobs_helpers import work_off_jobs

URL = reverse("admin:articles_comparison_changelist")


def run_action(client, action: str, *comparisons: Comparison):
    return client.post(
        URL,
        {"action": action, "_selected_action": [c.pk for c in comparisons], "index": 0},
        follow=True,
    )


def pair(n: int = 1) -> Comparison:
    return build_comparison(
        [(f"The colonel said no one was hurt {n}.", f"The colonel said nobody was hurt {n}.")],
        title=f"Story {n}",
    )


def test_it_reanalyses_the_selected_comparisons_and_keeps_confirmed_flags(
    importer_client, importer
):
    comparison = pair()
    unit = comparison.units.get()
    confirmed = Flag.objects.create(
        unit=unit, category="factual.meaning", origin="editor", status="confirmed"
    )
    response = run_action(importer_client, "reanalyse_selected", comparison)
    job = Job.objects.get(kind=Job.Kind.REANALYSE)
    assert response.redirect_chain[-1][0] == reverse("articles:job", args=[job.pk])
    assert "Re-analysis of 1 comparison(s) queued as job" in response.content.decode()
    assert not AuditEvent.objects.exists()  # the worker does it
    work_off_jobs()
    page = importer_client.get(reverse("articles:job", args=[job.pk])).content.decode()
    assert f"Re-analysed comparison {comparison.pk}" in page
    confirmed.refresh_from_db()
    assert confirmed.unit.source_positions == [0]
    event = AuditEvent.objects.get(action="comparison.reanalyse")
    assert event.actor == importer
    comparison.refresh_from_db()
    assert comparison.analysed_at is not None


def test_it_refuses_the_reanalysis_to_staff_without_the_import_permission(
    staff_editor_client,
):
    comparison = pair()
    response = staff_editor_client.post(
        URL, {"action": "reanalyse_selected", "_selected_action": [comparison.pk], "index": 0}
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.exists()
    comparison.refresh_from_db()
    assert comparison.analysed_at is None


def test_it_hides_the_reanalysis_from_staff_without_the_import_permission(
    client, staff_editor, importer
):
    pair()
    client.force_login(staff_editor)
    assert "reanalyse_selected" not in client.get(URL).content.decode()
    client.force_login(importer)
    assert "reanalyse_selected" in client.get(URL).content.decode()


def test_it_marks_comparisons_done_and_back_in_review_with_an_audit_event(
    importer_client, importer
):
    first, second = pair(1), pair(2)
    for comparison in (first, second):
        comparison.units.update(review_state="ok")  # done needs every unit reviewed
    response = run_action(importer_client, "mark_done", first, second)
    assert "2 comparison(s) marked done." in response.content.decode()
    assert set(Comparison.objects.values_list("status", flat=True)) == {"done"}
    run_action(importer_client, "mark_in_review", first)
    first.refresh_from_db()
    assert first.status == "in_review"
    events = AuditEvent.objects.filter(comparison=first).order_by("id")
    assert [(e.action, e.before, e.after) for e in events] == [
        ("comparison.done", {"comparison": {"status": "new"}}, {"comparison": {"status": "done"}}),
        (
            "comparison.status",
            {"comparison": {"status": "done"}},
            {"comparison": {"status": "in_review"}},
        ),
    ]
    assert all(e.actor == importer for e in events)


def test_it_audits_a_status_changed_on_the_change_page(importer_client):
    comparison = pair()
    change = reverse("admin:articles_comparison_change", args=[comparison.pk])
    response = importer_client.post(change, {"status": "in_review", "shown_status": "new"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="comparison.status")
    assert (event.before, event.after) == (
        {"comparison": {"status": "new"}},
        {"comparison": {"status": "in_review"}},
    )


def test_it_refuses_done_on_the_change_page_while_units_are_unreviewed(importer_client):
    comparison = pair()
    change = reverse("admin:articles_comparison_change", args=[comparison.pk])
    response = importer_client.post(change, {"status": "done", "shown_status": "new"})
    assert response.status_code == 422
    assert "Not done: 1 unit is not reviewed yet" in response.content.decode()
    comparison.refresh_from_db()
    assert comparison.status == "new"
    assert not AuditEvent.objects.exists()


def test_it_does_not_let_editors_without_change_permission_mark_done(staff_editor_client):
    comparison = pair()
    page = staff_editor_client.get(URL).content.decode()
    assert "mark_done" not in page
    run_action(staff_editor_client, "mark_done", comparison)
    comparison.refresh_from_db()
    assert comparison.status == "new"


def test_it_reports_a_comparison_that_fails_and_goes_on_with_the_others(
    importer_client, monkeypatch
):
    from articles import reanalysis

    first, second = pair(1), pair(2)
    real = reanalysis.reanalyse

    def failing_for_first(comparison, **kwargs):
        if comparison.pk == first.pk:
            raise RuntimeError("analysis crashed")
        return real(comparison, **kwargs)

    # The worker imports the analysis when it first needs it: patch it where it lives.
    monkeypatch.setattr(reanalysis, "reanalyse", failing_for_first)
    response = run_action(importer_client, "reanalyse_selected", first, second)
    work_off_jobs()
    page = importer_client.get(response.redirect_chain[-1][0]).content.decode()
    assert (
        f"comparison {first.pk}: could not be processed (RuntimeError; logged); "
        "nothing was stored" in page
    )
    assert f"Re-analysed comparison {second.pk}" in page
    first.refresh_from_db()
    assert first.analysed_at is None


def test_it_says_when_done_sent_comparisons_to_approval(importer_client):
    from articles.roles import APPROVERS
    from tests.team_helpers import make_user

    make_user("april", APPROVERS)  # with an approver, done leads to approval
    first, second = pair(1), pair(2)
    for comparison in (first, second):
        comparison.units.update(review_state="ok")

    page = run_action(importer_client, "mark_done", first, second).content.decode()

    assert "2 comparison(s) changed: 2 now awaiting approval." in page
    assert set(Comparison.objects.values_list("status", flat=True)) == {"in_approval"}
