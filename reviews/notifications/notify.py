"""Who is told what: the notifications a change makes, written once it is committed.

The core's signals arrive inside the transaction of the change; each is queued here and
all of a transaction's are made together after the commit (transaction.on_commit), so a
change that rolls back tells nobody, and a failure here (logged) never undoes the change.
Then one task is queued for the e-mails (reviews/notifications/mail.py): an SMTP server
that is slow or down delays nobody's save.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from reviews import audit, workflow
from reviews.middleware import request_base_url
from reviews.models import Article, Claim, Comment, Verdict, VerdictRecord
from reviews.notifications.mail import send_notification_emails
from reviews.notifications.models import Kind, Notification

logger = logging.getLogger(__name__)
pending = threading.local()  # the batch waiting for a commit: per thread, like connections


class Batch:
    """The notifications one transaction makes, after its commit."""

    def __init__(self, builder: Callable[[], list[Notification]]):
        self.builders, self.done = [builder], False
        # Links in the e-mails: SITE_URL when set, else the host the request came to.
        self.base_url = settings.SITE_URL or request_base_url.get()

    def flush(self) -> None:
        self.done = True
        made = []
        for builder in self.builders:
            try:
                made.extend(builder())
            except Exception:
                logger.exception("could not make notifications")
        made = once_per_claim(made)
        if made:
            Notification.objects.bulk_create(made)
            send_emails(made, self.base_url)


def once_per_claim(made: list[Notification]) -> list[Notification]:
    """Several changes to one claim in one transaction (a verdict and its note) tell once."""
    seen, kept = set(), []
    for note in made:
        key = (note.user_id, note.kind, note.claim_id)
        if note.kind == Kind.CLAIM_CHANGED and key in seen:
            continue
        seen.add(key)
        kept.append(note)
    return kept


def queue(builder: Callable[[], list[Notification]]) -> None:
    """Make these notifications once the current transaction commits (at once outside one)."""
    batch = getattr(pending, "batch", None)
    # Still waiting for its commit? (A rolled-back transaction dropped it.)
    waiting = batch is not None and not batch.done
    if waiting and any(func == batch.flush for _, func, _ in connection.run_on_commit):
        batch.builders.append(builder)
        return
    pending.batch = batch = Batch(builder)
    transaction.on_commit(batch.flush, robust=True)


def send_emails(made: list[Notification], base_url: str) -> None:
    try:
        send_notification_emails.enqueue([n.pk for n in made], base_url)
    except Exception:
        logger.exception("could not queue the notification e-mails")


def excerpt(text: str, length: int = 80) -> str:
    return Truncator(" ".join(text.split())).chars(length)


def claim_url(claim_id: int) -> str:
    return reverse("reviews:claim_card", args=[claim_id])


def assigned(article_id: int, actor, editor_ids: list[int]) -> list[Notification]:
    article = Article.objects.only("title").get(pk=article_id)
    return [
        Notification(
            user_id=user_id,
            kind=Kind.ASSIGNED,
            actor=actor,
            article=article,
            text=f"{actor or 'Someone'} assigned you to “{excerpt(article.title)}”.",
            url=article.get_absolute_url(),
        )
        for user_id in editor_ids
        if user_id != getattr(actor, "pk", None)
    ]


def second_review(article_id: int, actor) -> list[Notification]:
    """The editors assigned to the article, but the one asking; nobody else assigned: every
    editor but the one asking (someone has to take it)."""
    article = Article.objects.only("title").get(pk=article_id)
    editors = workflow.assignable_editors().exclude(pk=getattr(actor, "pk", None))
    assigned = editors.filter(assigned_articles=article)
    recipients = list((assigned if assigned.exists() else editors).values_list("pk", flat=True))
    text = f"{actor or 'Someone'} asked for a second review of “{excerpt(article.title)}”."
    url = f"{article.get_absolute_url()}?second=1"
    return [
        Notification(
            user_id=pk, kind=Kind.SECOND_REVIEW, actor=actor, article=article, text=text, url=url
        )
        for pk in recipients
    ]


def mentioned(comment_id: int, actor, user_ids: list[int]) -> list[Notification]:
    comment = Comment.objects.select_related("claim__article").get(pk=comment_id)
    claim = comment.claim
    text = (
        f"{actor or 'Someone'} mentioned you on the claim “{excerpt(claim.text, 60)}” in "
        f"“{excerpt(claim.article.title, 60)}”: “{excerpt(comment.text, 120)}”"
    )
    return [
        Notification(
            user_id=user_id,
            kind=Kind.MENTIONED,
            actor=actor,
            article_id=claim.article_id,
            claim=claim,
            text=text,
            url=f"{claim_url(claim.pk)}#comment-{comment.pk}",
        )
        for user_id in user_ids
        if user_id != getattr(actor, "pk", None)
    ]


def claim_changed(claim_id: int, actor, version: int | None, action: str) -> list[Notification]:
    """The editor whose verdict stood before this change (the claim's `version` after it;
    None for a change that leaves the version alone, its evidence), when someone else made
    it; once until they read it (a verdict and then a note do not make two)."""
    records = VerdictRecord.objects.filter(claim_id=claim_id)
    if version is not None:
        records = records.filter(claim_version__lt=version)
    before = records.order_by("-claim_version", "-pk").values("editor_id", "verdict").first()
    if not before or before["verdict"] == Verdict.UNREVIEWED or not before["editor_id"]:
        return []
    reviewer = before["editor_id"]
    if reviewer == getattr(actor, "pk", None):
        return []
    unread = Q(user_id=reviewer, claim_id=claim_id, kind=Kind.CLAIM_CHANGED, read_at=None)
    if Notification.objects.filter(unread).exists():
        return []
    claim = Claim.objects.select_related("article").only("text", "article__title").get(pk=claim_id)
    text = (
        f"{actor or 'Someone'} {audit.label(action)} on the claim “{excerpt(claim.text, 60)}” "
        f"in “{excerpt(claim.article.title, 60)}”, whose verdict you gave."
    )
    return [
        Notification(
            user_id=reviewer,
            kind=Kind.CLAIM_CHANGED,
            actor=actor,
            article_id=claim.article_id,
            claim=claim,
            text=text,
            url=claim_url(claim_id),
        )
    ]
