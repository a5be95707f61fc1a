"""The dashboard's queue filters and the assignment form."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from articles.roles import REVIEW_PERMISSION

from .models import Priority
from .queue import DUE_CHOICES, STAGES, QueueFilter

STAGE_LABELS = {"review": "In review (or new)", "approval": "Awaiting approval", "done": "Done"}


def editors():
    """Active accounts that may review, by name (the people work is assigned to)."""
    app_label, codename = REVIEW_PERMISSION.split(".")
    users = get_user_model().objects.filter(is_active=True)
    held = users.filter(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | users.filter(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return held.distinct().order_by("username")


class QueueFilterForm(forms.Form):
    """`assignee` (a user name, `me` or `none`), `stage` and `due`; a value not offered
    is an error naming the parameter (the dashboard answers 400)."""

    assignee = forms.CharField(required=False, max_length=150, label="assignee")
    stage = forms.ChoiceField(
        required=False, label="stage", choices=[("", "Any stage"), *STAGE_LABELS.items()]
    )
    due = forms.ChoiceField(
        required=False, label="due", choices=[("", "Any due date"), *DUE_CHOICES.items()]
    )

    def clean_assignee(self) -> str:
        name = self.cleaned_data["assignee"].strip()
        known = name in ("", "me", "none") or (
            get_user_model().objects.filter(username=name).exists()
        )
        if not known:
            raise forms.ValidationError(f"“{name}” is not a user name (nor me or none).")
        return name

    def queue_filter(self) -> QueueFilter:
        data = self.cleaned_data
        return QueueFilter(assignee=data["assignee"], stage=data["stage"], due=data["due"])


assert set(STAGE_LABELS) == set(STAGES)


class AssignForm(forms.Form):
    comparison = forms.TypedMultipleChoiceField(coerce=int, label="Comparisons", choices=())
    assignee = forms.ModelChoiceField(queryset=None, required=False, label="Assign to")
    priority = forms.TypedChoiceField(
        coerce=int, choices=Priority.choices, initial=Priority.NORMAL, label="Priority"
    )
    due_date = forms.DateField(
        required=False, label="Due date", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, comparison_ids=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = editors()
        self.fields["assignee"].empty_label = "— choose an editor —"
        self.fields["comparison"].choices = [(pk, pk) for pk in comparison_ids]
