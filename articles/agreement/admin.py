"""The double review in the admin: the comparisons' action that asks for one (with a
page choosing the two editors) and a read-only list of double reviews."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from articles.admin.common import ReadOnlyMixin, review_link
from articles.models import Comparison
from articles.review.errors import ReviewError

from . import blind
from .access import can_request
from .forms import RequestForm
from .models import DoubleReview

ACTION = "ask_double_review"


@admin.action(description="Ask two editors for a blind double review")
def ask_double_review(modeladmin, request: HttpRequest, queryset: QuerySet[Comparison]):
    """First a page choosing the two editors (and an adjudicator); then one double
    review per comparison selected, each through the same audited operation as the
    overview's form. A comparison refused (one under way already) is reported."""
    if not can_request(request.user):
        raise PermissionDenied
    form = RequestForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        asked = 0
        for comparison in queryset.order_by("pk"):
            try:
                blind.request_double_review(
                    user=request.user, comparison=comparison, **form.cleaned_data
                )
            except ReviewError as error:
                modeladmin.message_user(
                    request, f"comparison {comparison.pk}: {error}", messages.ERROR
                )
            else:
                asked += 1
        modeladmin.message_user(
            request, f"Blind double review asked for {asked} comparison(s).", messages.SUCCESS
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Ask for a blind double review",
        "form": form,
        "comparisons": queryset.select_related("source"),
        "action": ACTION,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/articles/comparison/ask_double_review.html", context)


@admin.register(DoubleReview)
class DoubleReviewAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Double reviews are asked for from the comparisons (action) or the overview."""

    list_display = ("pk", "comparison_link", "state", "editors", "requested_at", "ready_at")
    list_filter = ("state",)
    list_select_related = ("comparison",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[DoubleReview]:
        return super().get_queryset(request).prefetch_related("reviews__reviewer")

    @admin.display(description="Comparison")
    def comparison_link(self, obj: DoubleReview) -> str:
        return review_link(obj.comparison_id, f"#{obj.comparison_id}")

    @admin.display(description="Editors")
    def editors(self, obj: DoubleReview) -> str:
        return ", ".join(
            f"{r.reviewer.get_username()}{' ✓' if r.done_at else ''}" for r in obj.reviews.all()
        )
