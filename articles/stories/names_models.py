"""The names index's rows: each spelling pair with its figures, and where it occurs.

Imported by articles.models, so that Django counts them in the app. Written only by
articles/stories/names_store.py (when a comparison's ledger is written or the
comparison deleted, and by `manage.py rebuild_names_index`); the pages read them.
"""

from __future__ import annotations

from django.db import models


class NameSpelling(models.Model):
    """A name spelled one way in a source and another in its retranslation, with the
    figures the names page shows, kept up to date from its occurrences."""

    source = models.TextField()
    target = models.TextField()
    # Case-folded copies: the search compares them with the case-folded words.
    source_folded = models.TextField()
    target_folded = models.TextField()
    comparisons = models.PositiveIntegerField(default=0)
    occurrences = models.PositiveIntegerField(default=0)
    outlets = models.JSONField(default=list, blank=True)  # sorted, distinct, non-blank
    first_seen = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-comparisons", "source_folded", "target_folded", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="name_spelling_unique_pair")
        ]
        # The page's order, so that any page of the index is read from the index.
        indexes = [
            models.Index(
                fields=["-comparisons", "source_folded", "target_folded", "id"],
                name="name_spelling_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class NameOccurrence(models.Model):
    """One unit of one comparison where a spelling pair occurs (the unit is None when
    the ledger entry names none). Outlet and time are the retranslation's, copied here
    so that a pair's figures are counted without a join."""

    # Indexed first in the index below (the pair's occurrences in order).
    spelling = models.ForeignKey(
        NameSpelling, on_delete=models.CASCADE, related_name="places", db_index=False
    )
    comparison = models.ForeignKey(
        "articles.Comparison", on_delete=models.CASCADE, related_name="name_occurrences"
    )
    unit_position = models.PositiveIntegerField(null=True, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    # The copy's publication time, else when the comparison was made.
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["seen_at", "comparison", "unit_position", "id"]
        indexes = [
            models.Index(
                fields=["spelling", "seen_at", "comparison", "unit_position", "id"],
                name="name_occurrence_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spelling} in #{self.comparison_id}"
