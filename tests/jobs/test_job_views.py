"""The job page (live through htmx while the job runs), the list of jobs, cancelling,
and the dashboard's banner of comparisons still being analysed."""

from __future__ import annotations

from django.urls import reverse

from articles.jobs.bulk import submit_bulk_import
from articles.models import Comparison, Job, JobItem
from tests.admin.test_bulk_import import read
from tests.jobs_helpers import jsonl, story_pair, work_off_jobs


def queue(user, n: int = 3) -> Job:
    pairs = read("wire.jsonl", jsonl([story_pair(i) for i in range(n)] + ["{bad"]))
    return submit_bulk_import(pairs, upload_name="wire.jsonl", user=user)


def test_it_shows_a_waiting_job_that_asks_for_news(client, importer):
    job = queue(importer)
    client.force_login(importer)
    response = client.get(job.get_absolute_url())
    page = response.content.decode()
    assert "Bulk import of wire.jsonl (4 pairs)" in page
    assert 'hx-trigger="every 2s"' in page
    assert "0 of 4 done (0%)" in page
    assert page.count("Waiting") >= 4


def test_its_htmx_answer_is_the_live_part_only_and_stops_polling_when_done(client, importer):
    job = queue(importer)
    client.force_login(importer)
    JobItem.objects.filter(job=job, position=0)
    work_off_jobs()
    live = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert live.lstrip().startswith('<section id="job-live"')
    assert "hx-trigger" not in live
    assert "4 of 4 done (100%)" in live
    first = Comparison.objects.order_by("pk").first()
    assert f'href="{reverse("articles:comparison", args=[first.pk])}"' in live
    # Reads "Imported as comparison N", the outcome not said twice.
    imported = f'Imported</span> <span class="item-message">as comparison {first.pk}</span>'
    assert imported in live
    assert "line 4: is not valid JSON" in live


def test_it_lists_only_the_problems_when_asked(client, importer):
    job = queue(importer)
    work_off_jobs()
    client.force_login(importer)
    page = client.get(job.get_absolute_url() + "?show=problems").content.decode()
    assert "line 4: is not valid JSON" in page
    assert '<span class="item-message">as comparison' not in page


def test_others_cannot_see_a_job_but_staff_importers_can(client, editor, other_editor, importer):
    job = queue(editor)
    client.force_login(other_editor)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert "wire.jsonl" not in client.get(reverse("articles:jobs")).content.decode()
    client.force_login(importer)
    assert client.get(job.get_absolute_url()).status_code == 200
    client.force_login(editor)
    assert "Bulk import of wire.jsonl" in client.get(reverse("articles:jobs")).content.decode()


def test_an_account_in_no_role_sees_no_job(client, django_user_model, importer):
    job = queue(importer)
    client.force_login(django_user_model.objects.create_user("nobody", password="pw-x-1234"))
    assert client.get(job.get_absolute_url()).status_code == 403


def test_cancelling_leaves_the_done_pairs_and_skips_the_rest(client, importer):
    job = queue(importer)
    from articles.jobs.kinds import handler_for
    from articles.jobs.runner import claim_next, work_on

    work_on(job, claim_next(job.pk), handler_for(job.kind))
    client.force_login(importer)
    response = client.post(reverse("articles:job_cancel", args=[job.pk]), follow=True)
    assert "cancelled; what was already done stays" in response.content.decode()
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    assert list(job.items.values_list("outcome", flat=True).order_by("position")) == [
        "imported",
        "cancelled",
        "cancelled",
        "cancelled",
    ]
    work_off_jobs()
    assert Comparison.objects.count() == 1


def test_the_dashboard_says_what_is_still_being_analysed(client, editor, importer):
    job = queue(importer)
    client.force_login(editor)
    page = client.get(reverse("articles:dashboard")).content.decode()
    assert "Still being analysed:" in page
    assert "Bulk import of 4 items" in page  # an editor does not get the importer's page
    assert job.get_absolute_url() not in page
    client.force_login(importer)
    banner = client.get(reverse("articles:jobs_analysing"), HTTP_HX_REQUEST="true").content.decode()
    assert job.get_absolute_url() in banner
    assert 'hx-trigger="every 5s"' in banner
    work_off_jobs()
    done = client.get(reverse("articles:jobs_analysing"), HTTP_HX_REQUEST="true").content.decode()
    assert client.get(reverse("articles:jobs_analysing"))["Location"] == reverse(
        "articles:dashboard"
    )
    assert "Still being analysed" not in done
    assert "hx-trigger" not in done  # nothing left: the dashboard stops asking
