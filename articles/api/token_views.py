"""The API tokens page: a user makes and revokes their own tokens.

Every account with a role may (viewers read through the API as they do on the web);
an account in no role gets 403, as everywhere. A new token is shown once, on the page
that answers its POST (never put in a cookie, a message or a redirect), and is stored
only as its SHA-256.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.api.models import ApiToken
from articles.views.common import require_viewer

MAX_NAME = 100
MAX_ACTIVE = 20  # tokens one account may hold at once


def _page(request: HttpRequest, *, new_token: str = "", error: str = "", status: int = 200):
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": tokens,
            "new_token": new_token,
            "error": error,
            "name_max": MAX_NAME,
            "api_root": request.build_absolute_uri("/api/v1/"),
        },
        status=status,
    )


@require_GET
@login_required
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    return _page(request)


@require_POST
@login_required
@never_cache
def create(request: HttpRequest) -> HttpResponse:
    require_viewer(request)
    name = " ".join(request.POST.get("name", "").split())
    if not name:
        return _page(request, error="Name: give the token a name (what it is for).", status=400)
    if len(name) > MAX_NAME:
        return _page(request, error=f"Name: at most {MAX_NAME} characters.", status=400)
    active = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE:
        return _page(
            request,
            error=f"You have {active} active tokens, the most one account may hold: "
            "revoke one first.",
            status=400,
        )
    _, text = ApiToken.issue(request.user, name)
    return _page(request, new_token=text)


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_viewer(request)
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token.revoke():
        messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api_tokens")
