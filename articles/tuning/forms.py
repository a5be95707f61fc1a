"""The tuning's forms: the acceptance page's filters and the rule settings."""

from __future__ import annotations

import datetime as dt

from django import forms

from articles.models import Article
from articles.tuning.models import RuleSetting


class AcceptanceFilterForm(forms.Form):
    """Which suggestions the per-rule figures count: a period and an outlet."""

    start = forms.DateField(
        required=False,
        label="From",
        help_text="First day (YYYY-MM-DD); blank for the beginning.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        required=False,
        label="To",
        help_text="Last day, included; blank for today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    outlet = forms.ChoiceField(
        required=False,
        label="Outlet",
        help_text="Comparisons where either article is from this outlet.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        outlets = (
            Article.objects.exclude(outlet="")
            .order_by("outlet")
            .values_list("outlet", flat=True)
            .distinct()
        )
        self.fields["outlet"].choices = [("", "Every outlet")] + [(o, o) for o in outlets]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", f"The last day ({end}) is before the first ({start}).")
        if start and start > dt.date.today() + dt.timedelta(days=1):
            self.add_error("start", f"The first day ({start}) is in the future.")
        return cleaned


class RuleSettingForm(forms.ModelForm):
    rule = forms.ChoiceField(help_text="The rule whose future suggestions this changes.")

    class Meta:
        model = RuleSetting
        fields = ("rule", "muted", "severity", "reason")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from articles.tuning.acceptance import known_rules

        rules = list(known_rules())
        if self.instance.pk and self.instance.rule not in rules:
            rules.append(self.instance.rule)  # a rule the analysis no longer has
        self.fields["rule"].choices = [("", "---------")] + [(r, r) for r in rules]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("muted") and cleaned.get("severity"):
            self.add_error(
                "severity", "A muted rule raises nothing: lower its severity or mute it."
            )
        if not cleaned.get("muted") and not cleaned.get("severity") and not self.errors:
            self.add_error(
                None, "Mute the rule or choose a lower severity (or delete the setting)."
            )
        return cleaned
