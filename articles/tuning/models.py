"""The tuning's rows. Imported by articles.models, so Django counts them in the app."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.analysis.categories import MAJOR, MINOR


class IgnoreEntry(models.Model):
    """Two spellings or phrases this newsroom accepts as the same (Sayyid ↔ Sayyed):
    a suggestion whose only difference is this pair is not raised."""

    left = models.CharField(max_length=200, help_text="One spelling or phrase, e.g. Sayyid.")
    right = models.CharField(max_length=200, help_text="Its accepted equivalent, e.g. Sayyed.")
    outlet = models.CharField(
        max_length=200,
        blank=True,
        help_text="Only for comparisons where either article is from this outlet "
        "(compared without case); blank for every outlet.",
    )
    note = models.TextField(blank=True, help_text="Why the newsroom accepts it.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["left", "right", "id"]
        verbose_name = "ignore-list entry"
        verbose_name_plural = "ignore list"
        indexes = [models.Index(fields=["outlet"])]

    def __str__(self) -> str:
        return f"{self.left} ↔ {self.right} ({self.scope})"

    @property
    def scope(self) -> str:
        return self.outlet or "every outlet"

    def clean(self) -> None:
        from articles.analysis.tuning import words

        self.left, self.right, self.outlet = (
            " ".join(self.left.split()),
            " ".join(self.right.split()),
            " ".join(self.outlet.split()),
        )
        errors = {}
        for name in ("left", "right"):
            if getattr(self, name) and not words(getattr(self, name)):
                errors[name] = "Give at least one word (letters or digits)."
        if not errors and words(self.left) == words(self.right):
            errors["right"] = "The two sides are the same words; nothing would be ignored."
        if errors:
            raise ValidationError(errors)


class RuleSetting(models.Model):
    """A rule muted, or its suggestions capped at a lower severity, for future analyses."""

    class Severity(models.TextChoices):
        MINOR = MINOR, "At most minor"
        MAJOR = MAJOR, "At most major"

    rule = models.CharField(max_length=64, unique=True, help_text='The rule, e.g. "meaning.term".')
    muted = models.BooleanField(
        default=False, help_text="Its suggestions are no longer raised by analyses."
    )
    severity = models.CharField(
        max_length=16,
        choices=Severity.choices,
        blank=True,
        help_text="The highest severity its suggestions get; blank keeps the rule's own.",
    )
    reason = models.TextField(help_text="Why (shown in the tuning's history and in reports).")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule"]
        verbose_name = "rule setting"

    def __str__(self) -> str:
        return f"{self.rule}: {self.describe()}"

    def describe(self) -> str:
        if self.muted:
            return "muted"
        if self.severity:
            return self.get_severity_display().lower()
        return "as the analysis gives it"


class TuningEvent(models.Model):
    """One change to the ignore list or the rule settings: who, when, before, after."""

    at = models.DateTimeField(default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)  # "ignore.add", "rule.change", ...
    subject = models.CharField(max_length=500)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["-at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.subject} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class TuningEffectCount(models.Model):
    """How many suggestions of a comparison's last analysis one tuning item suppressed
    (an ignore-list entry, a muted rule) or lowered; renewed at every analysis."""

    class Kind(models.TextChoices):
        IGNORED = "ignored", "Suppressed by the ignore list"
        MUTED = "muted", "Suppressed: rule muted"
        LOWERED = "lowered", "Severity lowered"

    comparison = models.ForeignKey(
        "articles.Comparison", on_delete=models.CASCADE, related_name="tuning_effects"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    entry = models.ForeignKey(
        IgnoreEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="effects"
    )
    rule = models.CharField(max_length=64, blank=True)
    # What the entry or rule setting said when the analysis ran: reports show it even
    # after the entry is changed or deleted.
    label = models.CharField(max_length=500)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["comparison", "kind", "label", "id"]
        indexes = [models.Index(fields=["comparison", "kind"])]

    def __str__(self) -> str:
        return f"{self.count} {self.get_kind_display().lower()}: {self.label}"
