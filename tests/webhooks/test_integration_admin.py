"""The admin of tokens and webhooks: staff make a token for an account (shown once),
revoke tokens, register an endpoint for events, and send a delivery again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.api.auth import find_token
from articles.api.models import ApiToken
from articles.models import Job
from articles.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.csrf import csrf_client, form_data


@pytest.fixture
def admin_user(django_user_model):
    """Tokens and webhooks are managed by superusers (or staff given their model
    permissions): making a token for another account is acting as that account."""
    return django_user_model.objects.create_superuser("root", password="pw-for-tests-only")


def test_an_importer_without_those_permissions_cannot_make_tokens_for_others(importer, viewer):
    client = csrf_client(importer)

    answer = client.post(
        reverse("admin:articles_apitoken_add"),
        form_data(client, {"user": viewer.pk, "name": "as someone else"}),
    )

    assert answer.status_code == 403
    assert not ApiToken.objects.exists()


def test_staff_make_a_token_for_an_account_and_see_it_once(admin_user, viewer):
    client = csrf_client(admin_user)

    answer = client.post(
        reverse("admin:articles_apitoken_add"),
        form_data(client, {"user": viewer.pk, "name": "the monitoring crawler"}),
    )

    assert answer.status_code == 200
    text = answer.context["token_text"]
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (viewer, "the monitoring crawler")
    assert find_token(text) == token
    assert text in answer.content.decode()
    listing = client.get(reverse("admin:articles_apitoken_changelist")).content.decode()
    assert text not in listing


def test_staff_revoke_tokens_with_the_action(admin_user, viewer):
    token, text = ApiToken.issue(viewer, "script")
    client = csrf_client(admin_user)

    client.post(
        reverse("admin:articles_apitoken_changelist"),
        form_data(client, {"action": "revoke", "_selected_action": [token.pk]}),
    )

    assert find_token(text) is None


def test_staff_register_an_endpoint_for_chosen_events(admin_user):
    client = csrf_client(admin_user)

    answer = client.post(
        reverse("admin:articles_webhookendpoint_add"),
        form_data(
            client,
            {
                "name": "CMS",
                "url": "https://cms.example/hooks",
                "events": ["comparison.done", "flag.critical_confirmed"],
                "is_active": "on",
                "secret": "whsec_given",
            },
        ),
    )

    assert answer.status_code == 302, answer.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["comparison.done", "flag.critical_confirmed"]
    assert endpoint.created_by == admin_user


def test_it_refuses_an_endpoint_that_is_not_http(admin_user):
    client = csrf_client(admin_user)

    answer = client.post(
        reverse("admin:articles_webhookendpoint_add"),
        form_data(
            client,
            {
                "name": "x",
                "url": "ftp://cms.example/h",
                "events": ["comparison.done"],
                "secret": "s",
            },
        ),
    )

    assert answer.status_code == 200
    assert not WebhookEndpoint.objects.exists()


def test_staff_send_a_delivery_again_from_its_log(admin_user):
    endpoint = WebhookEndpoint.objects.create(
        name="CMS", url="https://cms.example/h", events=["comparison.done"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="comparison.done",
        payload={},
        state="failed",
        attempts=6,
        last_status=500,
        last_error="HTTP 500: down",
    )
    client = csrf_client(admin_user)
    listing = client.get(reverse("admin:articles_webhookdelivery_changelist")).content.decode()
    assert "HTTP 500: down" in listing

    client.post(
        reverse("admin:articles_webhookdelivery_changelist"),
        form_data(client, {"action": "send_again", "_selected_action": [delivery.pk]}),
    )

    delivery.refresh_from_db()
    assert delivery.state == "pending"
    assert Job.objects.get(kind="webhook").items.get().payload == {"delivery": delivery.pk}


def test_a_delivery_attempts_job_page_counts_deliveries(admin_user):
    from articles.models import JobItem

    endpoint = WebhookEndpoint.objects.create(
        name="CMS", url="https://cms.example/h", events=["comparison.done"]
    )
    job = Job.objects.create(kind="webhook", title="Webhook comparison.done to CMS", total=1)
    JobItem.objects.create(
        job=job,
        position=0,
        label="delivery 1",
        state="finished",
        outcome="delivered",
        message="comparison.done to CMS, attempt 1: delivered (HTTP 200)",
    )
    assert endpoint.pk

    page = csrf_client(admin_user).get(job.get_absolute_url()).content.decode()

    assert "Delivered</span> <b>1</b>" in page
    assert "Re-analysed" not in page
