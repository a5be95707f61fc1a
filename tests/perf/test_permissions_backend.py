"""newsdrift.permissions: a user's permissions in one query, the same set Django's
ModelBackend reads in two, and signing in and sessions as before."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.roles import EDITORS, VIEWERS, can_review, can_view
from newsdrift.permissions import PermissionsBackend

User = get_user_model()
pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it: no permissions cached."""
    return User.objects.get(pk=user.pk)


def make_user(name: str, *, groups=(), own=(), **fields):
    user = User.objects.create_user(name, password="a long enough password 1", **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(*Permission.objects.filter(codename__in=own))
    return user


def users():
    return [
        make_user("editor", groups=[EDITORS]),
        make_user("viewer", groups=[VIEWERS]),
        make_user("both", groups=[VIEWERS], own=["review_comparison", "import_articles"]),
        make_user("own-only", own=["view_comparison"]),
        make_user("nobody"),
        make_user("inactive", groups=[EDITORS], is_active=False),
        make_user("root", is_superuser=True, is_staff=True),
    ]


def test_it_reads_the_permissions_modelbackend_reads():
    for user in users():
        assert PermissionsBackend().get_all_permissions(fresh(user)) == (
            ModelBackend().get_all_permissions(fresh(user))
        ), user.username


def test_it_reads_them_in_one_query_once_a_request():
    editor = fresh(make_user("editor", groups=[EDITORS], own=["import_articles"]))
    with CaptureQueriesContext(connection) as queries:
        assert can_review(editor) and can_view(editor)
        assert editor.has_perm("articles.import_articles")
        assert not editor.has_perm("articles.approve_comparison")
    assert len(queries) == 1


def test_a_permission_the_user_lacks_is_answered_from_the_same_cache():
    viewer = fresh(make_user("viewer", groups=[VIEWERS]))
    with CaptureQueriesContext(connection) as queries:
        assert not can_review(viewer)  # ModelBackend is asked too, after this backend
        assert not viewer.has_perm("articles.approve_comparison")
    assert len(queries) == 1


def test_no_permission_for_an_object_nor_for_inactive_or_anonymous_users():
    from django.contrib.auth.models import AnonymousUser

    editor = make_user("editor", groups=[EDITORS])
    backend = PermissionsBackend()
    assert backend.get_all_permissions(fresh(editor), obj=editor) == set()
    assert backend.get_all_permissions(AnonymousUser()) == set()
    inactive = make_user("inactive", groups=[EDITORS], is_active=False)
    assert not backend.has_perm(fresh(inactive), "articles.review_comparison")


def test_signing_in_and_sessions_still_go_through_modelbackend(client):
    make_user("editor", groups=[EDITORS])
    response = client.post(
        reverse("login"),
        {"username": "editor", "password": "a long enough password 1"},
        secure=True,
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert client.get(reverse("articles:dashboard"), secure=True).status_code == 200


def test_a_wrong_password_is_refused(client):
    make_user("editor", groups=[EDITORS])
    response = client.post(
        reverse("login"), {"username": "editor", "password": "not the password"}, secure=True
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
