"""`{% provenance comparison %}`: where a comparison's articles were fetched from, on
the overview (one query; nothing shown for articles that came from files)."""

from __future__ import annotations

from django import template
from django.db.models import Q

from articles.models import Comparison

register = template.Library()


@register.inclusion_tag("articles/_provenance.html")
def provenance(comparison: Comparison) -> dict:
    from articles.fetching.provenance import fetches_of

    fetches = fetches_of(comparison.source, comparison.retranslation)
    sides = []
    for label, article in (
        ("Source", comparison.source),
        ("Retranslation", comparison.retranslation),
    ):
        fetch = fetches.get(article.pk)
        earlier = None
        if fetch is not None and fetch.replaces_id:
            # The comparison the earlier text of this address is in, to compare versions.
            earlier = (
                Comparison.objects.filter(
                    Q(source_id=fetch.replaces_id) | Q(retranslation_id=fetch.replaces_id)
                )
                .order_by("-created_at", "-id")
                .values_list("pk", flat=True)
                .first()
            )
        sides.append({"label": label, "article": article, "fetch": fetch, "earlier": earlier})
    return {"comparison": comparison, "sides": sides, "any": bool(fetches)}
