"""Who may do what: editors review, viewers look, importers bring articles in,
approvers sign off what editors reviewed (articles.assignments.stages).

Roles are Django groups holding two custom permissions of the Comparison model, so
that staff manage them in the admin like any other permission.
"""

from __future__ import annotations

EDITORS = "Editors"
VIEWERS = "Viewers"
IMPORTERS = "Importers"
APPROVERS = "Approvers"

VIEW_PERMISSION = "articles.view_comparison"
REVIEW_PERMISSION = "articles.review_comparison"
IMPORT_PERMISSION = "articles.import_articles"
APPROVE_PERMISSION = "articles.approve_comparison"


def can_view(user) -> bool:
    """See comparisons, their text, flags and reports (every role; not an account in no
    group, which may sign in but sees nothing)."""
    return bool(user and user.is_authenticated and user.has_perm(VIEW_PERMISSION))


def can_review(user) -> bool:
    """Flag, decide and fix alignments (editors)."""
    return bool(user and user.is_authenticated and user.has_perm(REVIEW_PERMISSION))


def can_see_analytics(user) -> bool:
    """The archive's analytics, editors' throughput included: editors, and staff with a
    role (viewers who are not staff, and accounts in no role, do not see them)."""
    return can_review(user) or (can_view(user) and user.is_staff)


def can_comment(user) -> bool:
    """Write comments and replies (editors and approvers). Viewers read the
    discussion."""
    return can_review(user) or can_approve(user)


def can_close_with_open(user) -> bool:
    """Mark a comparison done with suggestions or units still open, giving a reason
    (staff who review)."""
    return can_review(user) and user.is_staff


def can_approve(user) -> bool:
    """Approve reviewed comparisons or send them back (approvers; never the comparison's
    own reviewer, which `articles.assignments.stages.may_approve` checks)."""
    return bool(user and user.is_authenticated and user.has_perm(APPROVE_PERMISSION))


def can_assign(user) -> bool:
    """Assign comparisons to editors, reassign and unassign them (staff who may see
    comparisons)."""
    return bool(user and user.is_authenticated and user.is_staff and can_view(user))


def can_import(user) -> bool:
    """Import pairs and re-run analyses (staff with the import permission)."""
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm(IMPORT_PERMISSION)
    )


def ensure_role_groups(**kwargs) -> None:
    """Create the Editors, Viewers, Importers and Approvers groups with their
    permissions."""
    from django.contrib.auth.models import Group, Permission

    def perms(*codenames: str) -> list[Permission]:
        return list(
            Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )

    view_all = [
        "view_article",
        "view_sentence",
        "view_comparison",
        "view_alignmentunit",
        "view_flag",
        "view_auditevent",
    ]
    wanted = {
        VIEWERS: perms(*view_all),
        EDITORS: perms(*view_all, "review_comparison"),
        APPROVERS: perms(*view_all, "approve_comparison"),
        IMPORTERS: perms(
            *view_all,
            "import_articles",
            "add_article",
            "change_article",
            "add_comparison",
            "change_comparison",
            "change_flag",
            "change_alignmentunit",
        ),
    }
    for name, permissions in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
