"""The e-mails of notifications, sent by the worker (Django's tasks framework).

One e-mail per editor per batch, only for the kinds they chose (preferences page) and only
to editors with an address. A mail server that refuses is logged and leaves the
notification marked not e-mailed; the notification itself is in the app already.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from reviews.notifications.models import Notification, Preference, all_kinds

logger = logging.getLogger(__name__)


def wanted(notifications: list[Notification]) -> dict:
    """The notifications each user wants by e-mail, by user."""
    users = {n.user_id for n in notifications}
    prefs = dict(Preference.objects.filter(user__in=users).values_list("user_id", "email_kinds"))
    by_user = defaultdict(list)
    for note in notifications:
        if note.user.email and note.kind in prefs.get(note.user_id, all_kinds()):
            by_user[note.user].append(note)
    return by_user


def message(user, notes: list[Notification], base_url: str) -> EmailMessage:
    if len(notes) == 1:
        subject = f"[factcheck] {notes[0].text}"
    else:
        subject = f"[factcheck] {len(notes)} new notifications"
    lines = [f"Hello {user.get_username()},", ""]
    for note in notes:
        lines += [f"- {note.text}", f"  {base_url}{note.url}", ""]
    lines += [
        f"All your notifications: {base_url}{reverse('notifications:list')}",
        f"Which ones come by e-mail: {base_url}{reverse('notifications:preferences')}",
    ]
    subject = " ".join(subject.split())[:200]  # one line, whatever the claim's text holds
    return EmailMessage(subject, "\n".join(lines), to=[user.email])


@task()
def send_notification_emails(notification_ids: list[int], base_url: str) -> int:
    """Send what is wanted and not sent yet; the number of e-mails sent."""
    pending = Q(pk__in=notification_ids, emailed_at=None)
    notes = list(Notification.objects.filter(pending).select_related("user").order_by("pk"))
    sent = 0
    for user, items in wanted(notes).items():
        try:
            message(user, items, base_url).send()
        except Exception:
            logger.exception("notification e-mail to user %s failed", user.pk)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
        sent += 1
    return sent
