"""The interface in the desk's language, chosen per user.

The choice is stored per user (accounts.Preference) and carried in the session, so reading
it costs no query on a page: copied there at sign-in, and when the user changes it. Without
a choice, Django's LocaleMiddleware goes by the browser's Accept-Language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from reviews.accounts.models import AccountEvent, Preference

SESSION_KEY = "interface_language"


def offered() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def set_preference(request: HttpRequest, language: str) -> bool:
    """Store the user's choice ("" for the browser's language), audited; False if unknown."""
    if language and language not in offered():
        return False
    with transaction.atomic():
        preference, _ = Preference.objects.select_for_update().get_or_create(user=request.user)
        if preference.language != language:
            before = preference.language
            preference.language = language
            preference.save(update_fields=["language"])
            AccountEvent.objects.record(
                actor=request.user, action="language.changed", before=before, after=language
            )
    remember(request, language)
    return True


def remember(request: HttpRequest, language: str) -> None:
    if language:
        request.session[SESSION_KEY] = language
    else:
        request.session.pop(SESSION_KEY, None)


def on_login(sender, request, user, **kwargs) -> None:
    """user_logged_in: the user's saved choice goes into the new session."""
    if request is None or not hasattr(request, "session"):
        return
    language = Preference.objects.filter(user=user).values_list("language", flat=True).first()
    remember(request, language or "")


class UserLanguageMiddleware:
    """After LocaleMiddleware and the session: a signed-in user's own choice wins over the
    browser's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        language = session.get(SESSION_KEY) if session is not None else None
        if language and language in offered():
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
