from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import Comparison


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    comparisons = Comparison.objects.select_related("source", "retranslation")
    return render(request, "articles/dashboard.html", {"comparisons": comparisons})
