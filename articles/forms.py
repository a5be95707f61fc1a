"""The review's forms: every action form carries the unit version it was shown."""

from __future__ import annotations

from django import forms

from articles.analysis.categories import CATEGORIES, SEVERITIES
from articles.models import AlignmentUnit, Comparison

CATEGORY_FIELD_CHOICES = [(code, label) for code, (label, _) in CATEGORIES.items()]
SEVERITY_CHOICES = [(s, s.capitalize()) for s in SEVERITIES]
# The key that picks each category in the add-flag form (keyboard.js reads them from
# the options' data-key): one letter each, from the label where it is free.
CATEGORY_KEYS: dict[str, str] = {
    "factual.name": "n",
    "factual.number": "b",
    "factual.date": "t",
    "factual.place": "p",
    "factual.negation": "g",
    "factual.meaning": "m",
    "attribution.speaker": "s",
    "attribution.quote": "q",
    "attribution.source": "c",
    "attribution.pronoun": "r",
    "attribution.hedge": "h",
    "omission": "o",
    "addition": "a",
}
SPAN_MAX = 2000
NOTE_MAX = 4000


class VersionedForm(forms.Form):
    """An action on a unit, made against the version of the unit the editor saw."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class FlagEditForm(VersionedForm):
    category = forms.ChoiceField(choices=CATEGORY_FIELD_CHOICES)
    severity = forms.ChoiceField(choices=SEVERITY_CHOICES)
    note = forms.CharField(
        required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


# The widgets of blank forms as rendered once: (form class, field name) -> HTML.
_BLANK_WIDGETS: dict[tuple[type, str], str] = {}


class BlankWidgetOnce(forms.BoundField):
    """A field whose widget, while its form is blank, renders as it did the first time.

    The step view shows a blank add-flag form with every unit; Django renders each
    widget from its templates, about 0.15 ms a widget (issue 18). A blank form's widget
    has no value or error of its own, so its HTML is the same every time. A bound form,
    or a field with an initial value, renders as usual.
    """

    def __str__(self) -> str:
        form = self.form
        if form.is_bound or self.name in form.initial or self.field.initial is not None:
            return super().__str__()
        key = (type(form), self.name)
        if key not in _BLANK_WIDGETS:
            _BLANK_WIDGETS[key] = super().__str__()
        return _BLANK_WIDGETS[key]

    __html__ = __str__


class FlagAddForm(FlagEditForm):
    """An editor's own flag; the words at issue must be words of the unit."""

    bound_field_class = BlankWidgetOnce

    source_span = forms.CharField(
        required=False, max_length=SPAN_MAX, label="Source words", strip=True
    )
    target_span = forms.CharField(
        required=False, max_length=SPAN_MAX, label="Retranslation words", strip=True
    )
    field_order = ["category", "severity", "source_span", "target_span", "note", "version"]

    def __init__(self, *args, unit: AlignmentUnit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        for name in ("source_span", "target_span"):
            self.fields[name].widget.attrs.update(
                {"data-span": name.split("_")[0], "autocomplete": "off"}
            )

    def _span(self, name: str, text: str, side: str) -> str:
        span = " ".join(self.cleaned_data.get(name, "").split())
        if (
            span
            and self.unit is not None
            and span.casefold() not in " ".join(text.split()).casefold()
        ):
            raise forms.ValidationError(f"“{span[:80]}” is not in the {side} text of this unit.")
        return span

    def clean_source_span(self) -> str:
        return self._span("source_span", self.unit.source_text if self.unit else "", "source")

    def clean_target_span(self) -> str:
        return self._span(
            "target_span", self.unit.target_text if self.unit else "", "retranslation"
        )


class MarkForm(VersionedForm):
    state = forms.ChoiceField(choices=AlignmentUnit.ReviewState.choices)


class MergeForm(VersionedForm):
    next_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SplitForm(VersionedForm):
    source_at = forms.IntegerField(min_value=0, label="Source sentences kept in this unit")
    target_at = forms.IntegerField(min_value=0, label="Retranslation sentences kept")


class LinkForm(VersionedForm):
    into = forms.CharField(label="Link into unit")

    def clean_into(self) -> tuple[int, int]:
        """The target unit as "id:version" (the version it was shown at)."""
        value = self.cleaned_data["into"]
        try:
            pk, version = (int(part) for part in value.split(":"))
        except ValueError as error:
            raise forms.ValidationError("Choose the unit to link into.") from error
        return pk, version


def parse_versions(value: str) -> dict[int, int]:
    """ "12:3,13:1" -> {12: 3, 13: 1}; raises ValueError on anything else."""
    pairs = [part.split(":") for part in value.split(",") if part.strip()]
    return {int(pk): int(version) for pk, version in pairs}


class LedgerConfirmForm(forms.Form):
    versions = forms.CharField(widget=forms.HiddenInput)

    def clean_versions(self) -> dict[int, int]:
        try:
            versions = parse_versions(self.cleaned_data["versions"])
        except ValueError as error:
            raise forms.ValidationError("versions: not a list of unit id:version") from error
        if not versions:
            raise forms.ValidationError("versions: no units")
        return versions


class BulkDecisionForm(forms.Form):
    """A bulk decision as the editor was shown it: which flags, at which unit versions."""

    flags = forms.CharField(widget=forms.HiddenInput)
    versions = forms.CharField(widget=forms.HiddenInput)

    def clean_flags(self) -> list[int]:
        try:
            flags = [int(pk) for pk in self.cleaned_data["flags"].split(",") if pk.strip()]
        except ValueError as error:
            raise forms.ValidationError("flags: not a list of flag ids") from error
        if not flags:
            raise forms.ValidationError("flags: no flags")
        return flags

    def clean_versions(self) -> dict[int, int]:
        try:
            return parse_versions(self.cleaned_data["versions"])
        except ValueError as error:
            raise forms.ValidationError("versions: not a list of unit id:version") from error


class DashboardFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Comparison.Status.choices]
    )
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": "Title, outlet or words of the text",
                "autocomplete": "off",
            }
        ),
    )
