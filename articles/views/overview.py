from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Comparison


@require_GET
@login_required
def comparison(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Comparison.objects.select_related("source", "retranslation"), pk=pk)
    units = item.units.prefetch_related("flags")
    return render(request, "articles/overview.html", {"comparison": item, "units": units})
