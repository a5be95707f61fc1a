"""Admin pages for what the review produces: units, flags and the audit trail."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from articles.admin.common import (
    ReadOnlyMixin,
    ReviewOperationsMixin,
    admin_link,
    count_of,
    review_link,
    shorten,
)
from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag
from articles.review import flags as flag_ops


class FlagInline(admin.TabularInline):
    model = Flag
    fields = ("category", "severity", "origin", "status", "source_span", "target_span", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AlignmentUnit)
class AlignmentUnitAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Units are read-only here: the review pages change them, with locking and audit."""

    list_display = (
        "position",
        "comparison_link",
        "kind",
        "short_source",
        "short_target",
        "similarity",
        "moved",
        "is_title",
        "review_state",
        "flag_count",
    )
    list_display_links = ("position",)
    list_filter = ("kind", "review_state", "is_title", "moved")
    search_fields = ("source_text", "target_text")
    list_select_related = ("reviewed_by",)
    fields = (
        "comparison_link",
        "position",
        "kind",
        "similarity",
        "moved",
        "is_title",
        "source_positions",
        "target_positions",
        "source_text",
        "target_text",
        "review_state",
        "reviewed_by",
        "reviewed_at",
        "version",
    )
    readonly_fields = fields
    inlines = [FlagInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AlignmentUnit]:
        return super().get_queryset(request).annotate(flags_n=count_of(Flag, "unit"))

    @admin.display(description="Comparison", ordering="comparison")
    def comparison_link(self, obj: AlignmentUnit) -> str:
        return format_html(
            "{} ({})",
            admin_link(Comparison, obj.comparison_id, f"#{obj.comparison_id}"),
            review_link(obj.comparison_id, "review"),
        )

    @admin.display(description="Source")
    def short_source(self, obj: AlignmentUnit) -> str:
        return shorten(obj.source_text, 70) or "-"

    @admin.display(description="Retranslation")
    def short_target(self, obj: AlignmentUnit) -> str:
        return shorten(obj.target_text, 70) or "-"

    @admin.display(description="Flags", ordering="flags_n")
    def flag_count(self, obj: AlignmentUnit) -> int:
        return obj.flags_n


class FlagAdminForm(forms.ModelForm):
    """The flag's change form carries the version of its unit it was shown, as every
    form of the review does (articles.forms.VersionedForm)."""

    unit_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    class Meta:
        model = Flag
        fields = flag_ops.ADMIN_EDITABLE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["unit_version"].initial = self.instance.unit.version


@admin.register(Flag)
class FlagAdmin(ReviewOperationsMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "category",
        "severity",
        "status",
        "origin",
        "spans",
        "unit_link",
        "comparison_link",
        "author",
        "updated_at",
    )
    list_filter = ("category", "severity", "origin", "status")
    search_fields = ("source_span", "target_span", "reason", "note")
    list_select_related = ("unit", "author")
    form = FlagAdminForm
    fields = (
        "unit_link",
        "comparison_link",
        "category",
        "severity",
        "status",
        "note",
        "origin",
        "source_span",
        "target_span",
        "reason",
        "rule",
        "author",
        "created_at",
        "updated_at",
        "unit_version",
    )
    readonly_fields = tuple(
        f for f in fields if f not in (*flag_ops.ADMIN_EDITABLE, "unit_version")
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # flags are raised on the review page, against a unit

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A flag is withdrawn by dismissing it (kept, with its audit trail), as on the
        # review page; deleting one here would bypass the unit's version and undo.
        return False

    def save_model(self, request: HttpRequest, obj: Flag, form, change: bool) -> None:
        # `obj` already holds the posted values: the operation starts from the row as
        # stored, so that its audit event records what was there before.
        stored = Flag.objects.select_related("unit__comparison").get(pk=obj.pk)
        flag_ops.admin_change_flag(
            user=request.user,
            unit=stored.unit,
            flag=stored,
            shown_version=form.cleaned_data["unit_version"],
            **{name: form.cleaned_data[name] for name in flag_ops.ADMIN_EDITABLE},
        )

    @admin.display(description="Words (source → retranslation)")
    def spans(self, obj: Flag) -> str:
        return shorten(f"{obj.source_span or '∅'} → {obj.target_span or '∅'}", 80)

    @admin.display(description="Unit", ordering="unit")
    def unit_link(self, obj: Flag) -> str:
        return admin_link(AlignmentUnit, obj.unit_id, f"unit {obj.unit.number}")

    @admin.display(description="Comparison")
    def comparison_link(self, obj: Flag) -> str:
        pk = obj.unit.comparison_id
        return format_html(
            "{} ({})", admin_link(Comparison, pk, f"#{pk}"), review_link(pk, "review")
        )


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The audit trail: read-only, for everyone."""

    list_display = ("at", "action", "actor", "comparison_link", "unit", "flag", "undone")
    list_filter = ("action", "undone", "at")
    search_fields = ("action", "actor__username")
    list_select_related = ("actor", "unit", "flag")
    date_hierarchy = "at"
    fields = (
        "at",
        "action",
        "actor",
        "comparison_link",
        "unit",
        "flag",
        "undone",
        "before_shown",
        "after_shown",
    )
    readonly_fields = fields

    def get_changelist_instance(self, request: HttpRequest):
        # Django turns a date-hierarchy year it cannot read into the admin's "invalid
        # filter" page, but not one too large for a C integer (?at__year=1e20 as digits).
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    @admin.display(description="Comparison", ordering="comparison")
    def comparison_link(self, obj: AuditEvent) -> str:
        return admin_link(Comparison, obj.comparison_id, f"#{obj.comparison_id}")

    @admin.display(description="Before")
    def before_shown(self, obj: AuditEvent) -> str:
        return _json_block(obj.before)

    @admin.display(description="After")
    def after_shown(self, obj: AuditEvent) -> str:
        return _json_block(obj.after)


def _json_block(value: object) -> str:
    if value is None:
        return "-"
    return format_html("<pre>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False))
