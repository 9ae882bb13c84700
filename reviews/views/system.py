"""The answers that are not pages of the desk: the 403 handler and the health check."""

from __future__ import annotations

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from reviews.htmx import HtmxHttpRequest, flash_response
from reviews.middleware import database_unavailable

logger = logging.getLogger(__name__)


def permission_denied(request: HtmxHttpRequest, exception: Exception | None = None):
    """403 page; htmx requests get the message in the page's status area instead."""
    message = str(exception) if exception and str(exception) else "You may not do that."
    if getattr(request, "htmx", False):
        return flash_response(message, status=403)
    return render(request, "403.html", {"message": message}, status=403)


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """ok or unavailable, and nothing more: the database's error goes to the log, not to
    whoever asks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("health check: the database is unavailable")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. A database that went away under any layer (the session lookup, the
    login check, a view) is a 503 with Retry-After, not a bare 500."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request, error)
    return HttpResponse(render_to_string("500.html"), status=500)
