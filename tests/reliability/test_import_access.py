"""Only staff with the import permission import: an editor is refused every import page
and the re-analysis, even when the editor is staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.roles import EDITORS
from tests.reliability.conftest import snapshot
from tests.reliability.figures import record
from tests.reliability.test_url_access import csrf_client, goes_to_sign_in
from tests.reliability.urlwalk import walk


@pytest.fixture
def staff_editor(db) -> User:
    """Staff (the admin lets them in) and an editor, but without the import permission."""
    user = User.objects.create_user("stella", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def import_urls(seeded) -> list:
    return [u for u in walk(seeded) if u.is_admin and "import" in u.name]


def test_it_refuses_every_import_page_to_a_staff_editor(seeded, staff_editor):
    urls = import_urls(seeded)
    client = csrf_client(staff_editor)
    before = snapshot()

    answers = {
        (method, u.url): getattr(client, method)(u.url).status_code
        for u in urls
        for method in ("get", "post")
    }

    assert len(urls) >= 3, "no admin import pages: is the admin on this branch?"
    assert {k: v for k, v in answers.items() if v not in (403, 405)} == {}
    assert snapshot() == before
    record("admin import URLs refused to a staff editor (403)", len(urls))


def test_it_sends_a_non_staff_editor_to_the_admin_sign_in(seeded, editor):
    client = csrf_client(editor)

    assert all(goes_to_sign_in(client.get(u.url), client) for u in import_urls(seeded))


def test_it_refuses_the_re_analysis_action_to_a_staff_editor(seeded, staff_editor):
    client = csrf_client(staff_editor)
    before = snapshot()

    answer = client.post(
        reverse("admin:articles_comparison_changelist"),
        {"action": "reanalyse_selected", "_selected_action": [seeded["comparison"].pk]},
    )

    assert answer.status_code == 403
    assert snapshot() == before


def test_it_shows_the_import_pages_to_an_importer(seeded, importer):
    client = csrf_client(importer)

    for name in ("admin:articles_comparison_import", "admin:articles_comparison_bulk_import"):
        assert client.get(reverse(name)).status_code == 200, name
