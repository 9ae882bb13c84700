import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# The scheme and host of the request being served, for absolute links in exports when
# settings.SITE_URL is not set. A context variable: one value per request, never shared.
request_base_url: ContextVar[str] = ContextVar("request_base_url", default="http://127.0.0.1:8000")


class RequestBaseURLMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_base_url.set(request.build_absolute_uri("/").rstrip("/"))
        try:
            return self.get_response(request)
        finally:
            request_base_url.reset(token)


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Every page needs a login (Django's middleware), but an htmx request whose session has
    ended is answered 401, not sent to the login page.

    htmx would follow that redirect and swap the login form into a claim card, and the note
    being saved would be lost. The 401 swaps nothing; the page (static/js/session.js) asks
    the editor to sign in again in place and sends the request again.
    """

    def handle_no_permission(self, request, view_func):
        htmx = getattr(request, "htmx", None)
        if htmx and not htmx.history_restore_request:  # a history restore wants a page
            return session_ended()
        return super().handle_no_permission(request, view_func)


# The events the page's script listens for (HX-Trigger), to sign in again and retry.
SESSION_ENDED_EVENT = "session-expired"
CSRF_FAILED_EVENT = "csrf-failed"


def session_ended() -> HttpResponse:
    return HttpResponse(
        "Your session ended. Sign in again to save; nothing was saved.",
        status=401,
        content_type="text/plain; charset=utf-8",
        headers={"HX-Reswap": "none", "HX-Trigger": SESSION_ENDED_EVENT},
    )


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, answer 503 with Retry-After, not a bare 500.

    Proxies and browsers treat 503 as "try again shortly"; the page says nothing was
    saved. Workers reconnect by themselves once the database is back (health-checked
    persistent connections), so no restart is needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # From here on a failed write may have committed before the connection went.
        request.view_started = True

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable(request, exception)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
OUTCOME_UNKNOWN = (
    "The database connection was lost while saving, so it is not known whether your change"
    " was saved. The page shows the claim as stored once the database is back, in a few"
    " seconds: check it before saving again."
)


def database_unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 503 while the database is away: for a view (the middleware above) and for any
    layer before it (the 500 handler, reviews.views.system). Renders without a database,
    session or user: htmx gets the sentence, a page gets the plain 503 page."""
    logger.warning("database unavailable: %s", str(exception)[:200])
    message = "The database is unavailable for a moment. Nothing was saved; try again."
    if request.method not in SAFE_METHODS and getattr(request, "view_started", False):
        # The connection went during the save: it may have committed. Say so, never
        # "nothing was saved"; the page's poll redraws the claim if it did.
        message = OUTCOME_UNKNOWN
    if getattr(request, "htmx", False):
        response = HttpResponse(message, status=503, content_type="text/plain")
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = "5"
    return response


SEEN_KEY = "last_seen"


def note_login(sender, request, user, **kwargs) -> None:
    """A fresh session starts its idle clock (connected in ReviewsConfig.ready)."""
    request.session[SEEN_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Renew a signed-in session's expiry when it is used, at most every few minutes.

    The session (and its cookie) expire SESSION_COOKIE_AGE after the last renewal, so an
    idle session ends and a working one never does, without a database write per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[SEEN_KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)
