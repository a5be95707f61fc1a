"""The analytics' aggregate rows. Imported by articles.models, so Django counts them in
the app.

`ComparisonContribution` remembers what one comparison adds to the daily tables, so
that a change to it moves the daily figures by the difference only
(articles/analytics/aggregates.py). The daily tables are what the page reads: their
size grows with days × outlets, not with the number of comparisons.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ComparisonContribution(models.Model):
    """What one comparison counts for in the daily tables, as last written there."""

    comparison = models.OneToOneField(
        "articles.Comparison",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="analytics_contribution",
    )
    day = models.DateField(help_text="The copy's publication day, else the comparison's.")
    outlet = models.CharField(max_length=200, blank=True, help_text="The copy's outlet.")
    bucket = models.PositiveSmallIntegerField(help_text="The drift score's band (0–3).")
    score_centi = models.PositiveIntegerField(help_text="The drift score × 100.")
    # {category: [confirmed flags, points, category score × 100]}
    flags = models.JSONField(default=dict, blank=True)
    # {"<editor id> <YYYY-MM-DD>": units decided}
    decisions = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "analytics contribution"

    def __str__(self) -> str:
        return f"Comparison {self.comparison_id} in the analytics"


class DailyDrift(models.Model):
    """Comparisons of one outlet on one day whose drift score falls in one band."""

    day = models.DateField()
    outlet = models.CharField(max_length=200, blank=True)
    bucket = models.PositiveSmallIntegerField()
    comparisons = models.IntegerField(default=0)
    score_centi = models.BigIntegerField(default=0, help_text="Sum of their scores × 100.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "outlet", "bucket"], name="analytics_drift_unique_key"
            )
        ]
        indexes = [models.Index(fields=["outlet", "day"], name="analytics_drift_outlet_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.outlet}: {self.comparisons} in band {self.bucket}"


class DailyFlags(models.Model):
    """Confirmed flags of one category in one outlet's comparisons of one day."""

    day = models.DateField()
    outlet = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=32)
    confirmed = models.IntegerField(default=0)
    points = models.BigIntegerField(default=0)
    score_centi = models.BigIntegerField(
        default=0, help_text="Sum over the comparisons of this category's score × 100."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "outlet", "category"], name="analytics_flags_unique_key"
            )
        ]
        indexes = [models.Index(fields=["category", "day"], name="analytics_flags_category_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.outlet}: {self.confirmed} {self.category}"


class DailyDecisions(models.Model):
    """Units one editor decided on one day, in one outlet's comparisons."""

    day = models.DateField()
    outlet = models.CharField(max_length=200, blank=True)
    # No foreign key constraint: a deleted account's figures stay until the next
    # rebuild instead of blocking the deletion.
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "outlet", "editor"], name="analytics_decisions_unique_key"
            )
        ]
        indexes = [models.Index(fields=["day"], name="analytics_decisions_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.outlet}: {self.units} units by {self.editor_id}"
