"""The bell, the notifications page, marking read, and the e-mail preferences.

Each reads the notifications table alone (their text is written when they are made), so
the queries are the same for 1 notification or 1,000.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reviews.htmx import HtmxHttpRequest, require_reviewer
from reviews.notifications.forms import PreferenceForm
from reviews.notifications.models import Notification, Preference, all_kinds

PER_PAGE = 50


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


@require_GET
def bell(request: HtmxHttpRequest) -> HttpResponse:
    """The header's bell with the unread count; polled, so news shows without a reload."""
    context = {"unread": unread_count(request.user), "poll": settings.NOTIFICATIONS_POLL_SECONDS}
    return render(request, "notifications/list.html#bell", context)


@require_GET
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user).only(
        "kind", "text", "url", "created_at", "read_at"
    )
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": unread_count(request.user)}
    return render(request, "notifications/list.html", context)


def back_to_list(request: HtmxHttpRequest) -> HttpResponse:
    page = request.POST.get("page", "")
    return redirect(f"/notifications/?page={page}" if page.isdecimal() else "notifications:list")


@require_POST
def mark_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    note = get_object_or_404(Notification, pk=pk, user=request.user)  # others': 404
    Notification.objects.filter(pk=note.pk, read_at=None).update(read_at=timezone.now())
    return back_to_list(request)


@require_POST
def mark_all_read(request: HtmxHttpRequest) -> HttpResponse:
    require_reviewer(request)
    done = Notification.objects.filter(user=request.user, read_at=None).update(
        read_at=timezone.now()
    )
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked read.", "%(count)d notifications marked read.", done
        )
        % {"count": done},
    )
    return back_to_list(request)


@require_http_methods(["GET", "POST"])
def preferences(request: HtmxHttpRequest) -> HttpResponse:
    require_reviewer(request)
    saved = Preference.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            Preference.objects.update_or_create(
                user=request.user,
                defaults={
                    "email_kinds": form.cleaned_data["email_kinds"],
                    "updated_at": timezone.now(),
                },
            )
            messages.success(request, _("Notification preferences saved."))
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(initial={"email_kinds": saved.email_kinds if saved else all_kinds()})
    context = {"form": form, "email": request.user.email}
    return render(request, "notifications/preferences.html", context, status=200)
