"""Admin page for comparisons: the list staff work from, the import pages and actions."""

from __future__ import annotations

import json
import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles.admin.common import (
    NamedBlankValuesFilter,
    ReviewOperationsMixin,
    RowLabelMixin,
    admin_link,
    admin_list_link,
    count_of,
    review_link,
    shorten,
)
from articles.agreement.access import can_request
from articles.agreement.admin import ask_double_review
from articles.assignments.assigning import MAX_AT_ONCE
from articles.jobs import JobRefused
from articles.jobs.reanalyse import submit_reanalysis
from articles.models import (
    AlignmentUnit,
    Article,
    AuditEvent,
    Comparison,
    Flag,
    lead_subquery,
    title_or_lead,
)
from articles.reports import report_response
from articles.review.errors import ReviewError
from articles.review.units import set_status
from articles.roles import can_assign, can_import
from newsdrift.request_checks import explains_oversized_posts

logger = logging.getLogger(__name__)


class ComparisonAdminForm(forms.ModelForm):
    """The status as the page showed it goes back with the form, so that a change made
    on a stale page is refused (articles.review.units.set_status)."""

    shown_status = forms.ChoiceField(
        choices=Comparison.Status.choices, required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Comparison
        fields = ("status",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["shown_status"].initial = self.instance.status


@admin.register(Comparison)
class ComparisonAdmin(ReviewOperationsMixin, RowLabelMixin, admin.ModelAdmin):
    change_list_template = "admin/articles/comparison/change_list.html"
    list_display = (
        "id",
        "source_title",
        "source_outlet",
        "retranslation_title",
        "retranslation_outlet",
        "status",
        "progress",
        "unit_count",
        "open_suggestions",
        "confirmed_flags",
        "analysis_version",
        "created_at",
        "review",
    )
    list_display_links = ("id", "source_title")
    list_filter = (
        "status",
        ("source__outlet", NamedBlankValuesFilter),
        ("retranslation__outlet", NamedBlankValuesFilter),
        ("analysis_version", NamedBlankValuesFilter),
    )
    search_fields = (
        "source__title",
        "retranslation__title",
        "source__outlet",
        "retranslation__outlet",
        "source__body",
        "retranslation__body",
    )
    list_select_related = ("source", "retranslation")
    list_per_page = 50
    form = ComparisonAdminForm
    actions = [
        "reanalyse_selected",
        "assign_selected",
        "mark_done",
        "mark_in_review",
        "export_json",
        "export_csv",
        "export_md",
        "export_html",
        "export_pdf",
        ask_double_review,
    ]
    fields = (
        "status",
        "source_link",
        "retranslation_link",
        "review",
        "units_link",
        "audit_link",
        "created_at",
        "analysed_at",
        "analysis_version",
        "last_editor",
        "last_activity_at",
        "ledger_shown",
        "shown_status",
    )
    readonly_fields = tuple(f for f in fields if f not in ("status", "shown_status"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comparison]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                units_n=count_of(AlignmentUnit, "comparison"),
                reviewed_n=count_of(
                    AlignmentUnit,
                    "comparison",
                    review_state__in=[
                        AlignmentUnit.ReviewState.OK,
                        AlignmentUnit.ReviewState.FLAGGED,
                    ],
                ),
                suggested_n=count_of(Flag, "unit__comparison", status=Flag.Status.SUGGESTED),
                confirmed_n=count_of(Flag, "unit__comparison", status=Flag.Status.CONFIRMED),
                source_lead=lead_subquery("source"),
                retranslation_lead=lead_subquery("retranslation"),
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # pairs are added through "Import a pair" and "Bulk import"

    def row_label(self, obj: Comparison) -> str:
        return f"#{obj.pk} {title_or_lead(obj.source.title, obj.source_lead)}"

    # Pages ----------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        site = self.admin_site
        extra = {"admin_site": site}
        return [
            path(
                "import/",
                site.admin_view(_import_page("import_form", explains_oversized=True)),
                extra,
                name="articles_comparison_import",
            ),
            path(
                "import/preview/<str:token>/",
                site.admin_view(_import_page("import_preview")),
                extra,
                name="articles_comparison_import_preview",
            ),
            path(
                "import/confirm/",
                site.admin_view(_import_page("import_confirm")),
                extra,
                name="articles_comparison_import_confirm",
            ),
            path(
                "import-story/",
                site.admin_view(
                    _import_page("story_import", module="articles.stories.admin_import")
                ),
                extra,
                name="articles_comparison_story_import",
            ),
            path(
                "bulk-import/",
                site.admin_view(_import_page("bulk_import")),
                extra,
                name="articles_comparison_bulk_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # The re-analysis action is hidden from staff without the import permission;
        # one posted anyway is refused outright rather than ignored.
        if (
            request.method == "POST"
            and request.POST.get("action") == "reanalyse_selected"
            and not can_import(request.user)
        ):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if not can_import(request.user):
            actions.pop("reanalyse_selected", None)
        if not can_assign(request.user):
            actions.pop("assign_selected", None)
        if not can_request(request.user):
            actions.pop("ask_double_review", None)
        return actions

    def save_model(self, request: HttpRequest, obj: Comparison, form, change: bool) -> None:
        # The status is the one editable field; it changes through the review's
        # operation (versioned against the status shown, audited, undoable).
        shown = form.cleaned_data.get("shown_status") or form.initial.get("status")
        wanted = form.cleaned_data["status"]
        if wanted != shown or "status" in form.changed_data:
            set_status(user=request.user, comparison=obj, status=wanted, shown_status=shown)

    # Actions --------------------------------------------------------------------

    @admin.action(description="Re-run the analysis (keeps confirmed flags and dismissals)")
    def reanalyse_selected(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        """Queue a background job and go to its page, which follows each comparison."""
        if not can_import(request.user):
            raise PermissionDenied
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        try:
            job = submit_reanalysis(ids, user=request.user)
        except JobRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return None
        self.message_user(
            request,
            f"Re-analysis of {len(ids)} comparison(s) queued as job {job.pk}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(job.get_absolute_url())

    @admin.action(description="Assign to an editor…")
    def assign_selected(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        """The dashboard's assignment page, with these comparisons chosen (the
        assignment is made and audited there, articles.assignments.views.assign)."""
        if not can_assign(request.user):
            raise PermissionDenied
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:MAX_AT_ONCE])
        query = urlencode(
            [("comparison", pk) for pk in ids]
            + [("next", reverse("admin:articles_comparison_changelist"))]
        )
        return HttpResponseRedirect(f"{reverse('articles:assign')}?{query}")

    @admin.action(description="Mark as done", permissions=["change"])
    def mark_done(self, request: HttpRequest, queryset: QuerySet[Comparison]) -> None:
        self._set_status(request, queryset, Comparison.Status.DONE)

    @admin.action(description="Put back in review", permissions=["change"])
    def mark_in_review(self, request: HttpRequest, queryset: QuerySet[Comparison]) -> None:
        self._set_status(request, queryset, Comparison.Status.IN_REVIEW)

    def _set_status(
        self, request: HttpRequest, queryset: QuerySet[Comparison], status: str
    ) -> None:
        """Each comparison through the review's operation, in its own transaction: one
        that the review's rules refuse (units left to review) is reported, not changed."""
        changed = 0
        # With approvers in the newsroom, "done" leads to "Awaiting approval": say where
        # each comparison went, not where it was sent.
        landed: dict[str, int] = {}
        for comparison in queryset.exclude(status=status).order_by("pk"):
            try:
                set_status(
                    user=request.user,
                    comparison=comparison,
                    status=status,
                    shown_status=comparison.status,
                )
            except ReviewError as error:
                self.message_user(request, f"comparison {comparison.pk}: {error}", messages.ERROR)
            else:
                changed += 1
                comparison.refresh_from_db(fields=["status"])
                label = Comparison.Status(comparison.status).label.lower()
                landed[label] = landed.get(label, 0) + 1
        label = Comparison.Status(status).label.lower()
        if set(landed) <= {label}:
            self.message_user(request, f"{changed} comparison(s) marked {label}.", messages.SUCCESS)
            return
        summary = ", ".join(f"{count} now {label}" for label, count in landed.items())
        self.message_user(request, f"{changed} comparison(s) changed: {summary}.", messages.SUCCESS)

    # Export (articles.reports) ---------------------------------------------------

    def _export(self, request: HttpRequest, queryset: QuerySet[Comparison], fmt: str):
        # The same rule as the download views: a report too large to make inside the
        # request is queued as a job, and its page offers the file when it is ready.
        from articles.jobs.export import submit_export
        from articles.reports.export import ExportError, needs_background
        from articles.reports.selection import MAX_JOB_IDS, SelectionError, build_selection

        try:
            if needs_background(queryset, fmt) is not None:
                ids = tuple(queryset.order_by("pk").values_list("pk", flat=True))
                selection = build_selection(ids=ids, max_ids=MAX_JOB_IDS)
                job = submit_export(selection, fmt, user=request.user, count=len(ids))
                self.message_user(
                    request,
                    f"The {fmt.upper()} report of {len(ids):,} comparison(s) is being made "
                    "in the background; its page offers the file when it is ready.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(job.get_absolute_url())
            return report_response(queryset.order_by("pk"), fmt, request=request)
        except (ExportError, JobRefused, SelectionError) as error:
            self.message_user(request, str(error), messages.ERROR)
            return None

    @admin.action(description="Export report (JSON)", permissions=["view"])
    def export_json(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        return self._export(request, queryset, "json")

    @admin.action(description="Export report (CSV)", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        return self._export(request, queryset, "csv")

    @admin.action(description="Export report (Markdown)", permissions=["view"])
    def export_md(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        return self._export(request, queryset, "md")

    @admin.action(description="Export report (HTML)", permissions=["view"])
    def export_html(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        return self._export(request, queryset, "html")

    @admin.action(description="Export report (PDF)", permissions=["view"])
    def export_pdf(self, request: HttpRequest, queryset: QuerySet[Comparison]):
        return self._export(request, queryset, "pdf")

    # Columns --------------------------------------------------------------------

    @admin.display(description="Source", ordering="source__title")
    def source_title(self, obj: Comparison) -> str:
        return shorten(title_or_lead(obj.source.title, obj.source_lead), 80)

    @admin.display(description="Retranslation", ordering="retranslation__title")
    def retranslation_title(self, obj: Comparison) -> str:
        return shorten(title_or_lead(obj.retranslation.title, obj.retranslation_lead), 80)

    @admin.display(description="Source outlet", ordering="source__outlet")
    def source_outlet(self, obj: Comparison) -> str:
        return obj.source.outlet or "-"

    @admin.display(description="Retranslation outlet", ordering="retranslation__outlet")
    def retranslation_outlet(self, obj: Comparison) -> str:
        return obj.retranslation.outlet or "-"

    @admin.display(description="Reviewed", ordering="reviewed_n")
    def progress(self, obj: Comparison) -> str:
        if not obj.units_n:
            return "-"
        return f"{obj.reviewed_n}/{obj.units_n} ({100 * obj.reviewed_n // obj.units_n}%)"

    @admin.display(description="Units", ordering="units_n")
    def unit_count(self, obj: Comparison) -> int:
        return obj.units_n

    @admin.display(description="Open suggestions", ordering="suggested_n")
    def open_suggestions(self, obj: Comparison) -> int:
        return obj.suggested_n

    @admin.display(description="Confirmed flags", ordering="confirmed_n")
    def confirmed_flags(self, obj: Comparison) -> int:
        return obj.confirmed_n

    @admin.display(description="Review")
    def review(self, obj: Comparison) -> str:
        return review_link(obj.pk, "Open review")

    @admin.display(description="Source article")
    def source_link(self, obj: Comparison) -> str:
        return admin_link(Article, obj.source_id, title_or_lead(obj.source.title, obj.source_lead))

    @admin.display(description="Retranslated article")
    def retranslation_link(self, obj: Comparison) -> str:
        title = title_or_lead(obj.retranslation.title, obj.retranslation_lead)
        return admin_link(Article, obj.retranslation_id, title)

    @admin.display(description="Units and flags")
    def units_link(self, obj: Comparison) -> str:
        return format_html(
            "{} · {}",
            admin_list_link(AlignmentUnit, f"{obj.units_n} units", comparison__id__exact=obj.pk),
            admin_list_link(Flag, "flags", unit__comparison__id__exact=obj.pk),
        )

    @admin.display(description="Audit trail")
    def audit_link(self, obj: Comparison) -> str:
        return admin_list_link(
            AuditEvent, "changes to this comparison", comparison__id__exact=obj.pk
        )

    @admin.display(description="Names spelled differently (ledger)")
    def ledger_shown(self, obj: Comparison) -> str:
        if not obj.ledger:
            return "-"
        return format_html("<pre>{}</pre>", json.dumps(obj.ledger, indent=2, ensure_ascii=False))


def _import_page(
    name: str, *, explains_oversized: bool = False, module: str = "articles.admin_import"
):
    """The import page `name` of articles.admin_import, loaded on its first request.

    The import pages need the article reader (BeautifulSoup), the importer and the
    analysis; loading them here would make every management command and every worker
    pay for them at start-up (the admin is imported by `django.setup()`). A page that
    explains an oversized post carries the mark here, where the URL resolver sees it
    (newsdrift/request_checks.py), since the page itself is not imported yet.
    """

    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from importlib import import_module

        return getattr(import_module(module), name)(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = name
    return explains_oversized_posts(view) if explains_oversized else view
