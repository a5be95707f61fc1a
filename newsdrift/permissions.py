"""A user's permissions in one query instead of Django's two.

Every signed-in page checks a role (articles.roles), and Django's ModelBackend reads
the permissions of a request's user with two queries, the user's own and their
groups' (cached on the user object for the rest of the request). This backend reads
the same set with one query (a UNION) and leaves it in the same cache, so that
ModelBackend, which follows it in AUTHENTICATION_BACKENDS and still signs people in
and loads them for their sessions, answers from it without a query (issue 18: one
query of every signed-in request).
"""

from __future__ import annotations

from django.contrib.auth.models import Permission

from newsdrift.prepared_queries import prepared

# ModelBackend's cache attribute: filled here, read by it.
CACHE = "_perm_cache"


def _names(permissions):
    # Unordered: a UNION's parts may not be ordered, and a set is made of them anyway.
    return permissions.values_list("content_type__app_label", "codename").order_by()


# Their SQL is built once (newsdrift.prepared_queries): every signed-in request reads
# them.
@prepared
def _every_permission():
    return _names(Permission.objects.all())


@prepared
def _permissions_of(user_pk: int):
    own = _names(Permission.objects.filter(user__pk=user_pk))
    return own.union(_names(Permission.objects.filter(group__user__pk=user_pk)))


class PermissionsBackend:
    """Answers permission checks only. It signs nobody in and has no `get_user`, so
    that sessions, `login` and the test client's `force_login` keep naming
    ModelBackend (a session naming a backend no longer listed is signed out)."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        # The same cases as ModelBackend: none for inactive or anonymous users, nor
        # for an object (no object permissions here).
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, CACHE):
            rows = _every_permission() if user_obj.is_superuser else _permissions_of(user_obj.pk)
            setattr(user_obj, CACHE, {f"{app}.{codename}" for app, codename in rows})
        return getattr(user_obj, CACHE)

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return user_obj.is_active and perm in self.get_all_permissions(user_obj, obj=obj)
