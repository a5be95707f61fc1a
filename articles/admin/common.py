"""Helpers shared by the admin pages: counts and titles as annotations, and links.

List pages must run the same number of queries however many rows they show, so every
count a list column shows is a correlated subquery annotation, and titles of untitled
articles (which fall back to their first sentence) come from an annotation too,
(`articles.models.lead_subquery`) instead of `Article.display_title`, which queries the
sentences once per row.
"""

from __future__ import annotations

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, IntegerField, Model, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.review.errors import Conflict, ReviewError

CONFLICT, REFUSED = 409, 422


def count_of(model: type[Model], fk: str, outer: str = "pk", **filters) -> Coalesce:
    """The number of `model` rows whose `fk` is the outer row's `outer`, as an annotation."""
    rows = (
        model.objects.filter(**{fk: OuterRef(outer)}, **filters)
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def shorten(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def admin_link(model: type[Model], pk: int | None, label: str) -> str:
    """A link to an object's admin change page (the label is escaped)."""
    if pk is None:
        return "-"
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    return format_html('<a href="{}">{}</a>', url, label)


def admin_list_link(model: type[Model], label: str, **filters: object) -> str:
    """A link to a model's admin list, filtered (e.g. comparison__id__exact=3)."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return format_html('<a href="{}?{}">{}</a>', url, urlencode(filters), label)


def review_link(comparison_pk: int, label: str = "Review page") -> str:
    """A link to the comparison's review page in the dashboard."""
    return format_html(
        '<a href="{}">{}</a>', reverse("articles:comparison", args=[comparison_pk]), label
    )


class RowLabelMixin:
    """Label list rows without `str(obj)`, which may query (an untitled article's title).

    Django's action checkbox labels each row with `str(obj)` for screen readers; for
    articles and comparisons that means one query per untitled article. Admins using
    this mixin give `row_label(obj)` from their annotations instead.
    """

    def row_label(self, obj) -> str:
        raise NotImplementedError

    def action_checkbox(self, obj) -> str:
        attrs = {
            "class": "action-select",
            "aria-label": format_html(
                _("Select this object for an action - {}"), self.row_label(obj)
            ),
        }
        checkbox = forms.CheckboxInput(attrs, lambda value: False)
        return checkbox.render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))


class ReadOnlyMixin:
    """An admin (or inline) that shows rows and never adds, changes or deletes them.

    Sentences are fixed once imported, units change only through the review and the
    analysis (positions must stay contiguous), and the audit trail is a record.
    """

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class NamedBlankValuesFilter(admin.AllValuesFieldListFilter):
    """Django's "by value" list filter, with the blank value named.

    Django lists a blank string (an article with no outlet, say) as a link without any
    text, which nobody can read, see or click; here it is "(blank)"."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": _("(blank)")}
            yield choice


class ReviewOperationsMixin:
    """A change page whose saves go through the review's operations (articles.review).

    Those operations refuse a change made against a unit or status that moved on since
    the page was shown (Conflict), or one the review's rules forbid (ReviewError). The
    save is then rolled back and the page shown again as the data now is, with the
    reason: 409 for a conflict and 422 for a refused change, as the review pages answer.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ReviewError as error:
            if request.method != "POST":
                raise
            self.message_user(request, str(error), messages.ERROR)
            fresh = copy.copy(request)
            fresh.method = "GET"
            response = super().changeform_view(fresh, object_id, form_url, extra_context)
            response.status_code = CONFLICT if isinstance(error, Conflict) else REFUSED
            return response
