"""The admin's "Import a story" page: a source and its copies, imported by a job.

Mounted by ComparisonAdmin.get_urls inside `admin_site.admin_view` (staff only, CSRF,
never cached); the view checks the import permission itself, as the other import
pages do. Each copy is one item of a bulk-import job (`jobs.bulk.submit_story_import`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from articles.jobs import JobRefused
from articles.jobs.bulk import submit_story_import
from articles.models import Comparison
from articles.roles import can_import
from articles.stories.forms import StoryImportForm
from articles.stories.importing import MAX_COPIES


@login_required
@require_http_methods(["GET", "POST"])
def story_import(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """Upload a source and its copies; they are checked here and imported by a job."""
    if not can_import(request.user):
        raise PermissionDenied
    page_error = ""
    if request.method == "POST":
        form = StoryImportForm(request.POST, request.FILES)
        if form.is_valid() and form.source is not None:
            try:
                job = submit_story_import(form.source, form.copies, user=request.user)
            except JobRefused as refusal:
                page_error = str(refusal)
            else:
                messages.success(
                    request,
                    f"{len(form.copies)} copies queued for import; this page follows them.",
                )
                return redirect(job)
    else:
        form = StoryImportForm()
    context = {
        **admin_site.each_context(request),
        "opts": Comparison._meta,
        "title": "Import a story",
        "form": form,
        "page_error": page_error,
        "max_copies": MAX_COPIES,
        "max_bytes": settings.NEWSDRIFT_MAX_ARTICLE_BYTES,
    }
    return render(request, "admin/articles/comparison/story_import.html", context)
