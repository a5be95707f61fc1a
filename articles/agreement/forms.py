"""The double review's forms: asking for one, an editor's own flag, the page filters."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from articles.forms import CATEGORY_FIELD_CHOICES, NOTE_MAX, SEVERITY_CHOICES
from articles.roles import REVIEW_PERMISSION
from newsdrift.whole_numbers import whole_number

from .figures import Filters


def editors() -> QuerySet:
    """Accounts that may review (through a group, their own permission, or superuser)."""
    app, codename = REVIEW_PERMISSION.split(".")
    group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app,
    )
    own = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(group | own | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


class RequestForm(forms.Form):
    first = forms.ModelChoiceField(queryset=None, label="First editor")
    second = forms.ModelChoiceField(queryset=None, label="Second editor")
    adjudicator = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Adjudicator (optional)",
        help_text="Besides staff; never one of the two editors.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second", "adjudicator"):
            self.fields[name].queryset = editors()
            self.fields[name].label_from_instance = lambda user: user.get_username()


class BlindFlagForm(forms.Form):
    category = forms.ChoiceField(choices=CATEGORY_FIELD_CHOICES)
    severity = forms.ChoiceField(choices=SEVERITY_CHOICES)
    note = forms.CharField(required=False, max_length=NOTE_MAX)


class BadParameter(ValueError):
    """A filter value the page does not offer; the message names the parameter."""


def parse_filters(params, outlets: list[str], editor_ids: set[int]) -> Filters:
    """The agreement page's filters from its query string (BadParameter when wrong)."""

    def day(name: str) -> date | None:
        value = params.get(name, "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise BadParameter(f"{name}: “{value}” is not a date (YYYY-MM-DD)") from None

    start, end = day("from"), day("to")
    if start and end and end < start:
        raise BadParameter("to: the end date is before the start date")
    outlet = params.get("outlet", "").strip()
    if outlet and outlet not in outlets:
        raise BadParameter(f"outlet: “{outlet}” is not an outlet with a finished double review")
    editor_value = params.get("editor", "").strip()
    editor = None
    if editor_value:
        editor = whole_number(editor_value, max_digits=18)
        if editor not in editor_ids:
            raise BadParameter(f"editor: “{editor_value}” is not an editor of a double review")
    return Filters(start=start, end=end, outlet=outlet, editor=editor)
