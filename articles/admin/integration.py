"""The admin of the API and the webhooks: API tokens (made and revoked by staff for
any account), webhook endpoints (the events each receives) and the log of deliveries
with a "send again" action."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html

from articles.api.models import ApiToken
from articles.webhooks.addresses import AddressRefused, check_scheme
from articles.webhooks.models import EVENTS, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "shown", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    list_select_related = ("user",)
    fields = ("user", "name", "shown", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("shown", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    @admin.display(description="token")
    def shown(self, token: ApiToken) -> str:
        return token.shown if token.pk else "made when saved, and shown once"

    def get_readonly_fields(self, request, obj=None):
        # A token's account and name are fixed once made: revoke it and make another.
        return (*self.readonly_fields, "user", "name") if obj else self.readonly_fields

    def save_model(self, request, obj: ApiToken, form, change: bool) -> None:
        if change:
            return super().save_model(request, obj, form, change)
        token, text = ApiToken.issue(obj.user, obj.name)
        obj.pk, obj.prefix, obj.digest, obj.created_at = (
            token.pk,
            token.prefix,
            token.digest,
            token.created_at,
        )
        obj._state.adding = False
        obj.token_text = text  # shown once, by response_add

    def response_add(self, request, obj: ApiToken, post_url_continue=None):
        # The token is on this page only: never in a message cookie or a redirect.
        context = {
            **self.admin_site.each_context(request),
            "title": "API token made",
            "token": obj,
            "token_text": getattr(obj, "token_text", ""),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/apitoken/made.html", context)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        revoked = sum(token.revoke() for token in queryset)
        messages.success(request, f"{revoked} token(s) revoked.")


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        max_length=1000,
        assume_scheme="https",
        help_text="Where the JSON is POSTed (http or https).",
    )
    events = forms.MultipleChoiceField(
        choices=list(EVENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="comparison.approved is reserved for the approval stage: nothing sends it yet.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("name", "url", "events", "is_active", "secret")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            check_scheme(url)
        except AddressRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ("name", "url", "event_list", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "url")

    @admin.display(description="events")
    def event_list(self, endpoint: WebhookEndpoint) -> str:
        return ", ".join(endpoint.events)

    def save_model(self, request, obj: WebhookEndpoint, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "event",
        "endpoint",
        "state",
        "attempts",
        "last_status",
        "error",
        "created_at",
        "next_attempt_at",
        "delivered_at",
    )
    list_filter = ("state", "event", "endpoint")
    list_select_related = ("endpoint",)
    readonly_fields = (
        "endpoint",
        "event",
        "delivery_id",
        "payload",
        "state",
        "attempts",
        "last_status",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
    )
    actions = ["send_again"]

    @admin.display(description="last error")
    def error(self, delivery: WebhookDelivery) -> str:
        text = delivery.last_error
        return format_html("{}", text if len(text) <= 80 else text[:79] + "…")

    def has_add_permission(self, request) -> bool:
        return False  # deliveries come from events

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a log; "send again" is the one change

    @admin.action(description="Send again", permissions=["view"])
    def send_again(self, request, queryset) -> None:
        from articles.webhooks.delivery import send_again

        count = 0
        for delivery in queryset.select_related("endpoint"):
            send_again(delivery)
            count += 1
        messages.success(request, f"{count} delivery(ies) queued to be sent again.")
