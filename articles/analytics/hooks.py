"""Edits outside the review that change what a comparison counts for: an article's
outlet, date or word count edited (in the admin) marks its comparisons stale, as the
review's own writes do, for `catch_up` to count; a comparison deleted is taken out of
the tables at once (aggregates.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete

from articles.models import Article, Comparison

from .aggregates import forget_comparison


def _article_saved(sender, instance: Article, created: bool, **kwargs) -> None:
    if created or kwargs.get("raw"):
        return  # a new article is in no comparison yet
    # Counted again by the next catch-up, as the review's changes are.
    Comparison.objects.filter(Q(source=instance) | Q(retranslation=instance)).update(
        analytics_stale=True
    )


def _comparison_deleted(sender, instance: Comparison, **kwargs) -> None:
    with transaction.atomic():
        forget_comparison(instance.pk)


def connect() -> None:
    post_save.connect(_article_saved, sender=Article, dispatch_uid="analytics-article")
    pre_delete.connect(_comparison_deleted, sender=Comparison, dispatch_uid="analytics-deleted")
