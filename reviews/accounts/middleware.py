from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from reviews.accounts import two_factor


class StaffTwoFactorMiddleware:
    """Staff who signed in with a password but have not passed a code in this session get
    the second-factor page instead of any page of the desk or of admin.

    After django-otp's OTPMiddleware (which tells whether the session is verified) and the
    authentication middleware. Only the second-factor page itself, logging out, static
    files and /healthz stay open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if two_factor.required(request.user) and not request.user.is_verified():
            target = reverse("accounts:two_factor")
            if not self.open(request.path_info, target):
                return self.to_second_factor(request, target)
        return self.get_response(request)

    @staticmethod
    def open(path: str, target: str) -> bool:
        return path in {target, reverse("logout"), reverse("reviews:healthz")} or path.startswith(
            "/" + settings.STATIC_URL.lstrip("/")
        )

    @staticmethod
    def to_second_factor(request: HttpRequest, target: str) -> HttpResponse:
        if request.headers.get("HX-Request") == "true":
            # htmx would swap the page into a card: send the whole tab there, then back to
            # the page it was on (not to the POST-only URL).
            current = urlsplit(request.headers.get("HX-Current-URL", "")).path or "/"
            return HttpResponseClientRedirect(f"{target}?{urlencode({'next': current})}")
        going_to = request.get_full_path() if request.method == "GET" else "/"
        return redirect(f"{target}?{urlencode({'next': going_to})}")
