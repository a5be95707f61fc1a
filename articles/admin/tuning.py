"""Admin pages of the analysis's tuning: the ignore list, rule settings (with the rule
acceptance page), the tuning's history and what it suppressed per comparison.

Every add, change and delete of an entry or a setting is recorded as a TuningEvent; a
change takes effect at the next analysis, and `manage.py reanalyse --stale` finds the
comparisons it concerns (docs/tuning.md).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path

from articles.admin.common import NamedBlankValuesFilter, ReadOnlyMixin, admin_link, shorten
from articles.models import Comparison
from articles.tuning import audit
from articles.tuning.forms import RuleSettingForm
from articles.tuning.models import IgnoreEntry, RuleSetting, TuningEffectCount, TuningEvent
from articles.tuning.views import rule_acceptance

_TAKES_EFFECT = (
    "It applies to analyses from now on; run manage.py reanalyse --stale (or the "
    "comparisons' re-analysis action) to apply it to comparisons analysed before."
)


class AuditedAdmin(admin.ModelAdmin):
    """Saves and deletes recorded in the tuning's audit trail, in the same transaction."""

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        with transaction.atomic():
            before = audit.snapshot(type(obj).objects.filter(pk=obj.pk).first()) if change else None
            if not change and hasattr(obj, "created_by_id"):
                obj.created_by = request.user
            if hasattr(obj, "updated_by_id"):
                obj.updated_by = request.user
            super().save_model(request, obj, form, change)
            audit.record(request.user, obj, "change" if change else "add", before)
        messages.info(request, _TAKES_EFFECT)

    def delete_model(self, request: HttpRequest, obj) -> None:
        with transaction.atomic():
            before = audit.snapshot(obj)
            super().delete_model(request, obj)
            audit.record(request.user, obj, "delete", before)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


@admin.register(IgnoreEntry)
class IgnoreEntryAdmin(AuditedAdmin):
    list_display = ("left", "right", "scope", "short_note", "suppressed", "updated_at")
    list_display_links = ("left",)
    list_filter = (("outlet", NamedBlankValuesFilter),)
    search_fields = ("left", "right", "outlet", "note")
    fields = ("left", "right", "outlet", "note")

    @admin.display(description="outlet")
    def scope(self, obj: IgnoreEntry) -> str:
        return obj.scope

    @admin.display(description="note")
    def short_note(self, obj: IgnoreEntry) -> str:
        return shorten(obj.note, 60)

    @admin.display(description="suppressed in stored analyses")
    def suppressed(self, obj: IgnoreEntry) -> int:
        return obj.suppressed or 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[IgnoreEntry]:
        from django.db.models import Sum

        return super().get_queryset(request).annotate(suppressed=Sum("effects__count"))


@admin.register(RuleSetting)
class RuleSettingAdmin(AuditedAdmin):
    form = RuleSettingForm
    list_display = ("rule", "muted", "severity", "short_reason", "updated_by", "updated_at")
    list_select_related = ("updated_by",)
    list_filter = ("muted", "severity")
    search_fields = ("rule", "reason")
    change_list_template = "admin/articles/rulesetting/change_list.html"

    @admin.display(description="reason")
    def short_reason(self, obj: RuleSetting) -> str:
        return shorten(obj.reason, 60)

    def get_urls(self) -> list[URLPattern]:
        site = self.admin_site
        return [
            path(
                "acceptance/",
                site.admin_view(rule_acceptance),
                {"admin_site": site},
                name="articles_rulesetting_acceptance",
            ),
            *super().get_urls(),
        ]


@admin.register(TuningEvent)
class TuningEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "actor", "action", "subject")
    list_select_related = ("actor",)
    list_filter = ("action",)
    search_fields = ("subject",)
    date_hierarchy = "at"
    fields = ("at", "actor", "action", "subject", "before", "after")
    readonly_fields = fields

    def get_changelist_instance(self, request: HttpRequest):
        # As for the audit trail: a date-hierarchy year too large for a C integer
        # (?at__year=1e20 as digits) is an invalid filter, not a server error.
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


@admin.register(TuningEffectCount)
class TuningEffectCountAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("comparison_link", "kind", "label", "count")
    list_select_related = ("comparison",)
    list_filter = ("kind",)
    search_fields = ("label", "rule")
    fields = ("comparison_link", "kind", "entry_link", "rule", "label", "count")
    readonly_fields = fields

    @admin.display(description="comparison")
    def comparison_link(self, obj: TuningEffectCount) -> str:
        return admin_link(Comparison, obj.comparison_id, f"#{obj.comparison_id}")

    @admin.display(description="ignore-list entry")
    def entry_link(self, obj: TuningEffectCount) -> str:
        return admin_link(IgnoreEntry, obj.entry_id, obj.label)
