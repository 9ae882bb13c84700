"""The core's signals (reviews/signals.py), turned into notifications after the commit.

Each receiver keeps only ids and the actor, and hands notify.queue a builder that reads
what it needs once the change is committed.
"""

from __future__ import annotations

from functools import partial

from django.db.models.signals import post_save

from reviews import signals
from reviews.models import Event
from reviews.notifications import notify

# Evidence changes are the claim's too; they leave the claim's version alone.
EVIDENCE_ACTIONS = {"evidence.add", "evidence.edit", "evidence.remove"}


def on_assigned(sender, article, actor, editors, **kwargs) -> None:
    if editors:
        notify.queue(partial(notify.assigned, article.pk, actor, [u.pk for u in editors]))


def on_second_review(sender, article, actor, **kwargs) -> None:
    notify.queue(partial(notify.second_review, article.pk, actor))


def on_comment(sender, comment, actor, mentioned, **kwargs) -> None:
    if mentioned:
        notify.queue(partial(notify.mentioned, comment.pk, actor, [u.pk for u in mentioned]))


def on_claim_changed(sender, claim, actor, version, action, **kwargs) -> None:
    notify.queue_change(claim.pk, actor, version, action)


def on_event(sender, instance, created, **kwargs) -> None:
    if created and instance.action in EVIDENCE_ACTIONS and instance.claim_id:
        notify.queue_change(instance.claim_id, instance.actor, None, instance.action)


def connect() -> None:
    uid = "reviews.notifications"
    signals.assigned.connect(on_assigned, dispatch_uid=f"{uid}.assigned")
    signals.second_review_requested.connect(on_second_review, dispatch_uid=f"{uid}.second")
    signals.comment_saved.connect(on_comment, dispatch_uid=f"{uid}.comment")
    signals.claim_changed.connect(on_claim_changed, dispatch_uid=f"{uid}.claim")
    post_save.connect(on_event, sender=Event, dispatch_uid=f"{uid}.event")
