"""The admin's "Rule acceptance" page: per rule, what editors did with its suggestions.

Mounted by RuleSettingAdmin.get_urls inside `admin_site.admin_view` (staff only, CSRF,
never cached); it checks the view permission of rule settings itself.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.tuning.acceptance import rule_figures
from articles.tuning.forms import AcceptanceFilterForm
from articles.tuning.models import RuleSetting, TuningEvent

RECENT_CHANGES = 10


@login_required
@require_GET
def rule_acceptance(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """The per-rule figures over the chosen period and outlet (400 on a bad filter)."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_rulesetting")):
        raise PermissionDenied
    form = AcceptanceFilterForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    figures = []
    if valid:
        chosen = form.cleaned_data if request.GET else {}
        figures = rule_figures(chosen.get("start"), chosen.get("end"), chosen.get("outlet", ""))
    context = {
        **admin_site.each_context(request),
        "opts": RuleSetting._meta,
        "title": "Rule acceptance",
        "form": form,
        "figures": figures,
        "can_change": request.user.has_perm("articles.change_rulesetting")
        and request.user.has_perm("articles.add_rulesetting"),
        "changes": TuningEvent.objects.select_related("actor")[:RECENT_CHANGES]
        if request.user.has_perm("articles.view_tuningevent")
        else None,
    }
    response = render(request, "admin/articles/rulesetting/acceptance.html", context)
    if not valid:
        response.status_code = 400
    return response
