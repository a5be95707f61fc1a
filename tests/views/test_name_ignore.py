"""From a spelling pair to the ignore list: staff who may add entries add the pair as
accepted equivalents (every outlet or one), audited like the admin's additions; every
other account is refused, and nothing is added twice."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.stories.names_models import NameSpelling
from articles.tuning.applying import tuning_for
from articles.tuning.models import IgnoreEntry, TuningEvent
from tests.builders import build_comparison
from tests.conftest import _user
from tests.names_helpers import set_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> NameSpelling:
    for n, outlet in enumerate(["Harbour Daily", "Coastal Times"]):
        comparison = build_comparison([(f"Maroto spoke {n}.", f"Malotto spoke {n}.")])
        comparison.retranslation.outlet = outlet
        comparison.retranslation.save()
        set_ledger(comparison, [{"source": "Maroto", "target": "Malotto", "units": [0]}])
    return NameSpelling.objects.get(source="Maroto")


@pytest.fixture
def tuner():
    """Staff who may add ignore-list entries (in no review role)."""
    user = _user("tara", "Viewers", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_ignoreentry"))
    return user


def _post(client: Client, pair: NameSpelling, **data):
    return client.post(reverse("articles:name_ignore", args=[pair.pk]), data)


def test_staff_add_the_pair_for_every_outlet_audited(client, tuner, pair):
    client.force_login(tuner)
    response = _post(client, pair, outlet="", note="Both spellings are used.")
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:name_pair", args=[pair.pk])
    entry = IgnoreEntry.objects.get()
    assert (entry.left, entry.right, entry.outlet, entry.note, entry.created_by) == (
        "Maroto",
        "Malotto",
        "",
        "Both spellings are used.",
        tuner,
    )
    event = TuningEvent.objects.get()
    assert (event.action, event.actor, event.before) == ("ignore.add", tuner, None)
    assert event.after == {"left": "Maroto", "right": "Malotto", "outlet": "", "note": entry.note}
    # The analysis reads it from now on.
    assert tuning_for("Anywhere").matching_entry("Maroto", "Malotto") is not None
    page = client.get(response["Location"]).content.decode()
    assert "Added to the ignore list: Maroto ↔ Malotto (every outlet)" in page
    assert "<strong>Maroto ↔ Malotto</strong> (every outlet)" in page


def test_staff_add_the_pair_for_one_of_its_outlets(client, tuner, pair):
    client.force_login(tuner)
    assert _post(client, pair, outlet="Coastal Times").status_code == 302
    assert IgnoreEntry.objects.get().outlet == "Coastal Times"
    assert tuning_for("Coastal Times").matching_entry("Maroto", "Malotto") is not None
    assert tuning_for("Harbour Daily").matching_entry("Maroto", "Malotto") is None


def test_it_refuses_an_outlet_the_pair_was_not_seen_at(client, tuner, pair):
    client.force_login(tuner)
    response = _post(client, pair, outlet="Elsewhere Echo")
    assert response.status_code == 400
    assert response.content.decode().startswith("outlet: ")
    assert not IgnoreEntry.objects.exists() and not TuningEvent.objects.exists()


def test_it_adds_nothing_the_ignore_list_already_accepts(client, tuner, pair):
    IgnoreEntry.objects.create(left="malotto", right="MAROTO")
    client.force_login(tuner)
    response = _post(client, pair, outlet="Harbour Daily")
    assert response.status_code == 302
    assert IgnoreEntry.objects.count() == 1 and not TuningEvent.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Already on the ignore list: malotto ↔ MAROTO (every outlet)." in page


def test_an_entry_for_another_outlet_does_not_stop_a_global_one(client, tuner, pair):
    IgnoreEntry.objects.create(left="Maroto", right="Malotto", outlet="Harbour Daily")
    client.force_login(tuner)
    assert _post(client, pair, outlet="").status_code == 302
    assert IgnoreEntry.objects.filter(outlet="").count() == 1


def test_it_refuses_a_pair_the_ignore_list_cannot_hold(client, tuner):
    comparison = build_comparison([("U.S. spoke.", "US spoke.")])
    set_ledger(comparison, [{"source": "U.S.", "target": "u s", "units": [0]}])
    client.force_login(tuner)
    response = _post(client, NameSpelling.objects.get(source="U.S."))
    assert response.status_code == 400
    assert response.content.decode().startswith("Ignore list: The two sides are the same words")
    assert not IgnoreEntry.objects.exists()


def test_every_other_account_is_refused(client, viewer, editor, importer, pair, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-x-x-x")
    for user in (viewer, editor, importer, nobody):
        client.force_login(user)
        assert _post(client, pair).status_code == 403, user.username
    client.logout()
    response = _post(client, pair)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not IgnoreEntry.objects.exists()


def test_a_superuser_may(admin_client, pair):
    assert _post(admin_client, pair).status_code == 302
    assert IgnoreEntry.objects.count() == 1


def test_it_needs_a_post_with_the_csrf_token(tuner, pair):
    from tests.csrf import csrf_client

    client = Client(enforce_csrf_checks=True)
    client.force_login(tuner)
    assert _post(client, pair).status_code == 403
    assert client.get(reverse("articles:name_ignore", args=[pair.pk])).status_code == 405
    assert _post(csrf_client(tuner), pair).status_code == 302
