"""The health check a load balancer or monitor probes: is the database reachable?

It answers without signing in and without a redirect to HTTPS (settings exempt
`^healthz$` from SECURE_SSL_REDIRECT), because probes come over plain HTTP from
inside the network. It says nothing but "ok" or "unavailable": no versions, no names.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" when a query reaches the database, 503 "unavailable" otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
