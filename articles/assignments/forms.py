"""The dashboard's queue filters and the assignment form."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from articles.roles import REVIEW_PERMISSION

from .models import Priority
from .queue import DUE_CHOICES, STAGES, QueueFilter, QueueFilterError, queue_filter

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
    is an error naming the parameter (the dashboard answers 400). The values are checked
    by `queue.queue_filter` alone, the rule the reports' selection reads too."""

    assignee = forms.CharField(required=False, max_length=150, label="assignee")
    stage = forms.CharField(
        required=False,
        label="stage",
        widget=forms.Select(choices=[("", "Any stage"), *STAGE_LABELS.items()]),
    )
    due = forms.CharField(
        required=False,
        label="due",
        widget=forms.Select(choices=[("", "Any due date"), *DUE_CHOICES.items()]),
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        try:
            self._queue_filter = queue_filter(data["assignee"], data["stage"], data["due"])
        except QueueFilterError as error:
            self.add_error(error.parameter, error.problem)
        else:
            data.update(assignee=self._queue_filter.assignee)
        return data

    def queue_filter(self) -> QueueFilter:
        return self._queue_filter


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
