from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


class HtmxLoginRedirectMiddleware:
    """When a session expires, send htmx requests to the login page as a whole page.

    Without this, htmx would follow the redirect and swap the login form into a claim card.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response["Location"].startswith(login_url)
        ):
            # Come back to the page the editor was on, not to the POST-only URL.
            current = urlsplit(request.htmx.current_url or "/").path or "/"
            return HttpResponseClientRedirect(f"{login_url}?{urlencode({'next': current})}")
        return response
