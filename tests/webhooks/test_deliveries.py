"""Webhook deliveries against a local receiver that checks the signature: the events
(an import analysed, a comparison marked done, a critical flag confirmed), retries with
a growing wait after failures, giving up, private addresses, and sending again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.article_reader import ArticleText
from articles.importer import import_pair
from articles.models import Job
from articles.review.flags import accept_flag, dismiss_flag
from articles.review.units import mark_done
from articles.webhooks.delivery import attempt, send_again
from articles.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.builders import build_comparison
from tests.jobs_helpers import work_off_jobs

CRITICAL = {"category": "factual.number", "severity": "critical", "source_span": "four"}


def article(title: str, body: str) -> ArticleText:
    return ArticleText(name=f"{title}.txt", format="text", title=title, body=body)


def test_it_sends_comparison_analysed_signed_after_an_import(endpoint, receiver):
    outcome = import_pair(
        article("Bridge", "The council closed the bridge on Monday."),
        article("Bridge", "The council closed the bridge on Tuesday."),
    )
    work_off_jobs()

    [got] = receiver.received
    assert got.signature_ok
    assert got.path == "/hooks/newsdrift?x=1"
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["Newsdrift-Event"] == "comparison.analysed"
    body = got.json
    assert body["event"] == "comparison.analysed"
    assert body["id"] == got.headers["Newsdrift-Delivery"]
    assert body["data"]["comparison"]["id"] == outcome.comparison.pk
    assert body["data"]["comparison"]["report_url"].endswith(
        f"/api/v1/comparisons/{outcome.comparison.pk}/report"
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 1, 200)


def test_it_sends_nothing_for_an_event_the_endpoint_did_not_choose(endpoint, receiver):
    endpoint.events = ["comparison.done"]
    endpoint.save()
    import_pair(article("A", "One fact here."), article("A", "One fact there."))
    work_off_jobs()

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_it_sends_nothing_to_an_inactive_endpoint(endpoint, receiver):
    WebhookEndpoint.objects.update(is_active=False)
    import_pair(article("A", "One fact here."), article("A", "One fact there."))
    work_off_jobs()

    assert receiver.received == []


def test_it_sends_a_critical_flag_confirmed_and_not_a_minor_one(endpoint, receiver, editor):
    comparison = build_comparison(
        [("Four died.", "Forty died."), ("She spoke.", "They spoke.")],
        flags={0: [CRITICAL], 1: [{"category": "attribution.pronoun", "severity": "minor"}]},
    )
    critical_unit, minor_unit = comparison.units.order_by("position")
    accept_flag(user=editor, unit=critical_unit, flag=critical_unit.flags.get(), shown_version=1)
    accept_flag(user=editor, unit=minor_unit, flag=minor_unit.flags.get(), shown_version=1)
    work_off_jobs()

    assert receiver.events() == ["flag.critical_confirmed"]
    data = receiver.received[0].json["data"]
    assert data["flag"]["severity"] == "critical"
    assert data["flag"]["unit_position"] == 0
    assert data["actor"] == editor.username
    assert data["comparison"]["id"] == comparison.pk


def test_it_sends_comparison_done_once(endpoint, receiver, editor):
    comparison = build_comparison([("Rain fell.", "Rain fell.")])
    unit = comparison.units.get()
    from articles.review.units import mark_unit

    mark_unit(user=editor, unit=unit, shown_version=1, state="ok")
    mark_done(user=editor, comparison=comparison)
    work_off_jobs()

    assert receiver.events() == ["comparison.done"]
    assert receiver.received[0].json["data"]["comparison"]["status"] == "done"


def test_it_sends_nothing_for_a_change_that_was_rolled_back(endpoint, receiver, editor):
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)
        raise RuntimeError("the change fails after the flag was confirmed")
    work_off_jobs()

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_it_retries_after_failures_with_a_growing_wait_then_delivers(endpoint, receiver, editor):
    receiver.failures = [500, 503]
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)
    delivery = WebhookDelivery.objects.get()

    first = attempt(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == "retrying"
    assert delivery.last_status == 500
    assert "receiver says no (try later)" in delivery.last_error
    assert "tried again in 30 s" in first.message
    wait_1 = delivery.next_attempt_at - delivery.last_attempt_at

    attempt(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_status == 503
    wait_2 = delivery.next_attempt_at - delivery.last_attempt_at
    assert (wait_1, wait_2) == (timedelta(seconds=30), timedelta(seconds=60))
    # Each retry is a job whose runner waits until its time.
    later = Job.objects.filter(kind="webhook").order_by("-pk").first()
    assert later.touched_at >= delivery.next_attempt_at - timedelta(seconds=1)

    attempt(delivery.pk)
    delivery.refresh_from_db()

    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 3, 200)
    assert [r.signature_ok for r in receiver.received] == [True, True, True]
    assert len({r.body for r in receiver.received}) == 1  # the same delivery each time
    assert len({r.headers["Newsdrift-Delivery"] for r in receiver.received}) == 1


def test_it_works_the_retries_off_through_the_job_queue(endpoint, receiver, editor):
    receiver.failures = [500, 502]
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    dismiss_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)
    accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=2)

    work_off_jobs()  # the test's runner does not wait for a job's time: all attempts run

    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("delivered", 3)
    jobs = Job.objects.filter(kind="webhook").order_by("pk")
    assert [j.state for j in jobs] == ["done"] * 3
    outcomes = [j.items.get().outcome for j in jobs]
    assert outcomes == ["failed", "failed", "delivered"]


def test_it_gives_up_after_the_last_attempt(endpoint, receiver, editor, settings):
    settings.NEWSDRIFT_WEBHOOK_ATTEMPTS = 3
    receiver.failures = [500] * 10
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)

    work_off_jobs()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("failed", 3, 500)
    assert delivery.next_attempt_at is None
    assert len(receiver.received) == 3


def test_it_records_a_receiver_that_does_not_answer(endpoint, editor, settings):
    settings.NEWSDRIFT_WEBHOOK_ATTEMPTS = 1
    endpoint.url = "http://127.0.0.1:9/nothing-listens-here"  # the discard port: refused
    endpoint.save()
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)

    work_off_jobs()

    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed"
    assert delivery.last_status is None
    assert "ConnectionRefusedError" in delivery.last_error


def test_it_refuses_a_private_address_unless_allowed_and_does_not_retry(
    endpoint, receiver, editor, settings
):
    settings.NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE = False
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)

    work_off_jobs()

    delivery = WebhookDelivery.objects.get()
    assert receiver.received == []
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert "a loopback address (127.0.0.1)" in delivery.last_error
    assert "NEWSDRIFT_WEBHOOK_ALLOW_PRIVATE" in delivery.last_error


def test_it_sends_a_failed_delivery_again_on_request(endpoint, receiver, editor, settings):
    settings.NEWSDRIFT_WEBHOOK_ATTEMPTS = 1
    receiver.failures = [500]
    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    unit = comparison.units.get()
    accept_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)
    work_off_jobs()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed"

    send_again(delivery)
    work_off_jobs()

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)
    assert delivery.delivered_at <= timezone.now()


def test_a_decision_through_the_api_sends_the_webhook(endpoint, receiver, editor, live_server):
    """End to end: an editor's token accepts a critical suggestion over HTTP; the
    receiver gets the signed event once the job queue has run."""
    from tests.api.conftest import Api, token_for

    comparison = build_comparison([("Four died.", "Forty died.")], flags={0: [CRITICAL]})
    flag = comparison.units.get().flags.get()

    answer = Api(live_server.url).post(
        f"flags/{flag.pk}/decision", {"decision": "accept", "version": 1}, token=token_for(editor)
    )
    work_off_jobs()

    assert answer.status == 200
    assert receiver.events() == ["flag.critical_confirmed"]
    assert receiver.received[0].signature_ok
    assert receiver.received[0].json["data"]["actor"] == editor.username
