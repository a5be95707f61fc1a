"""A system check (`manage.py check`, `migrate`, `runserver`, `make serve`): a bad
NEWSDRIFT_FETCH_ALLOW_PRIVATE is reported when the server starts, not at the first
import by URL."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from articles.fetching.policy import parse_allow_private


@checks.register()
def check_fetch_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        parse_allow_private(settings.NEWSDRIFT_FETCH_ALLOW_PRIVATE)
    except ValueError as error:
        return [checks.Error(str(error), id="newsdrift.E101")]
    return []
