"""Signing in again from an htmx request.

`login_required` answers a signed-out visitor with a redirect to the sign-in page. An
htmx request would follow it and swap the sign-in form into the unit panel; this
decorator, placed above `login_required`, sends the whole page there instead (back to
the page the editor was on afterwards).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


def htmx_sign_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.htmx and not request.user.is_authenticated:
            page = request.htmx.current_url_abs_path or request.get_full_path()
            login = redirect_to_login(page, resolve_url(settings.LOGIN_URL))
            return HttpResponseClientRedirect(login["Location"])
        return view(request, *args, **kwargs)

    return wrapper
