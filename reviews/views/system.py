"""The answers that are not pages of the desk: the 403 and CSRF failure handlers, the
session token for signing in again in place, and the health check."""

from __future__ import annotations

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from reviews.htmx import HtmxHttpRequest, flash_response
from reviews.middleware import CSRF_FAILED_EVENT, database_unavailable

logger = logging.getLogger(__name__)


def permission_denied(request: HtmxHttpRequest, exception: Exception | None = None):
    """403 page; htmx requests get the message in the page's status area instead."""
    message = str(exception) if exception and str(exception) else "You may not do that."
    if getattr(request, "htmx", False):
        return flash_response(message, status=403)
    return render(request, "403.html", {"message": message}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW. Mostly a page opened before a sign-in or sign-out in another tab:
    signing in gives a new token, and the forms of older pages carry the old one. htmx gets
    403 with the csrf-failed event (the page fetches the new token and sends again); a page
    gets a readable 403, not Django's."""
    logger.info("CSRF check refused %s %s: %s", request.method, request.path, reason)
    if getattr(request, "htmx", False):
        response = flash_response(
            "Not saved: you signed in or out in another tab since this page was opened. "
            "Reload the page and save again.",
            status=403,
        )
        response["HX-Trigger"] = CSRF_FAILED_EVENT
        return response
    return render(request, "403_csrf.html", status=403)


@login_not_required
@require_GET
@never_cache
def session_token(request: HttpRequest) -> JsonResponse:
    """The current CSRF token and who is signed in, for the page's "sign in again" dialog
    (static/js/session.js): it needs a token to sign in, and the new one after signing in.
    Same-origin only (no CORS), like the token every page already carries."""
    user = request.user.get_username() if request.user.is_authenticated else None
    return JsonResponse({"token": get_token(request), "user": user})


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
