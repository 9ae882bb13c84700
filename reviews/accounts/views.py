"""The staff second-factor page: set up an authenticator app, or enter its code."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from reviews.accounts import interface_language, two_factor
from reviews.accounts.forms import TwoFactorForm


def next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The header's language menu: the interface in English or Spanish, for this user."""
    language = request.POST.get("language", "")
    if not interface_language.set_preference(request, language):
        messages.error(request, _("That language is not offered."))
    return redirect(next_url(request))


@require_http_methods(["GET", "POST"])
def two_factor_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    going_to = next_url(request)
    if not two_factor.required(user) or user.is_verified():
        return redirect(going_to)
    device = two_factor.confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = two_factor.enrolment_device(user)
    form = TwoFactorForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        outcome = two_factor.check_code(
            user=user, device=device, code=form.cleaned_data["code"], ip=client_ip(request)
        )
        if outcome.ok:
            otp_login(request, outcome.device)
            return redirect(going_to)
        form.add_error("code", outcome.message)
    context = {"form": form, "enrolling": enrolling, "next": going_to}
    if enrolling:
        uri = device.config_url
        context |= {"secret": two_factor.secret(device), "uri": uri, "qr": two_factor.qr_svg(uri)}
    return render(request, "accounts/two_factor.html", context)


def client_ip(request: HttpRequest) -> str | None:
    """The address as django-axes sees it for login throttling, so both logs agree."""
    return get_client_ip_address(request)
