"""What every view needs to answer htmx and plain requests alike.

One view serves both: htmx gets the swapped partial (or a message in the page's status
area), a request without JavaScript gets a redirect back with a flash message.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget
from django_htmx.middleware import HtmxDetails

from reviews.models import can_review


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def require_reviewer(request: HttpRequest) -> None:
    if not can_review(request.user):
        raise PermissionDenied(_("Only editors can change claims, verdicts and notes."))


def wants_partial(request: HtmxHttpRequest) -> bool:
    """htmx swaps a piece; a history restore (cache miss) needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def flash_response(message: str, status: int, level: str = "error") -> HttpResponse:
    """An htmx answer that shows a message in the page's status area and swaps nothing else;
    the review page's toast (#announcer, in view wherever the editor is) says it too."""
    html = render_to_string(
        "reviews/flash.html", {"message": message, "level": level, "toast": True}
    )
    return reswap(retarget(HttpResponse(html, status=status), "#flash"), "innerHTML")


def refuse(request: HtmxHttpRequest, message: str, *, back: str, status: int = 422):
    """Nothing was changed: say why, in the page (htmx) or after redirecting back."""
    if request.htmx:
        return flash_response(message, status=status)
    messages.error(request, message)
    return redirect(back)


def partial_or_redirect(
    request: HtmxHttpRequest,
    partial: Callable[[], HttpResponse],
    *,
    message: str,
    back: str,
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """After a change: htmx gets the partial; without JavaScript, a message and a redirect."""
    if request.htmx:
        return partial()
    messages.add_message(request, level, message)
    return redirect(back)


def as_id(value: str) -> int | None:
    """A row id or version from a form or query string: plain ASCII digits that fit a
    database integer, else None ("²", "abc" and 40-digit numbers are not ids)."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def as_ids(values: list[str]) -> list[int]:
    return [i for i in map(as_id, values) if i is not None]


def posted_version(request: HttpRequest, name: str = "version") -> int:
    """The version a form was loaded at; -1 (never current) for anything but a plain number."""
    version = as_id(request.POST.get(name, ""))
    return -1 if version is None else version
