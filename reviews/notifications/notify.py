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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import connection, transaction
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
    """The notifications one transaction makes, after its commit: builders (one query or
    two each) and claim changes (all of them in three queries, however many a bulk action
    made)."""

    def __init__(self):
        self.builders: list[Callable[[], list[Notification]]] = []
        self.changes: list[Change] = []
        self.done = False
        # Links in the e-mails: SITE_URL when set, else the host the request came to.
        self.base_url = settings.SITE_URL or request_base_url.get()

    def flush(self) -> None:
        self.done = True
        made = []
        for builder in [*self.builders, partial(claims_changed, self.changes)]:
            try:
                made.extend(builder())
            except Exception:
                logger.exception("could not make notifications")
        if made:
            Notification.objects.bulk_create(made)
            send_emails(made, self.base_url)


def current_batch() -> Batch:
    """The batch of the transaction under way; a new one when there is none (or the one
    there was is done, or was dropped with a rolled-back transaction)."""
    batch = getattr(pending, "batch", None)
    waiting = batch is not None and not batch.done and connection.in_atomic_block
    if waiting and any(func == batch.flush for _, func, _ in connection.run_on_commit):
        return batch
    batch = Batch()
    if connection.in_atomic_block:
        pending.batch = batch
        transaction.on_commit(batch.flush, robust=True)
    return batch


def run_now(batch: Batch) -> None:
    """Outside a transaction the change is committed already: make them now."""
    if not connection.in_atomic_block:
        try:
            batch.flush()
        except Exception:
            logger.exception("could not make notifications")


def queue(builder: Callable[[], list[Notification]]) -> None:
    """Make these notifications once the current transaction commits (at once outside one)."""
    batch = current_batch()
    batch.builders.append(builder)
    run_now(batch)


def queue_change(claim_id: int, actor, version: int | None, action: str) -> None:
    batch = current_batch()
    batch.changes.append(Change(claim_id, actor, version, action))
    run_now(batch)


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


@dataclass
class Change:
    claim_id: int
    actor: object
    version: int | None  # the claim's version after the change; None: it kept its version
    action: str


def claims_changed(changes: list[Change]) -> list[Notification]:
    """For each change, the editor whose verdict stood before it (the last VerdictRecord
    under the version it made; for a change that kept the version, its evidence, the last
    one), when someone else made it; once per claim until they read it."""
    if not changes:
        return []
    ids = {change.claim_id for change in changes}
    history = defaultdict(list)
    records = VerdictRecord.objects.filter(claim_id__in=ids).order_by("claim_version", "pk")
    for row in records.values_list("claim_id", "claim_version", "editor_id", "verdict"):
        history[row[0]].append(row)
    told = []
    for change in changes:
        before = [
            r for r in history[change.claim_id] if change.version is None or r[1] < change.version
        ]
        if not before:
            continue
        _, _, reviewer, verdict = before[-1]
        if (
            verdict != Verdict.UNREVIEWED
            and reviewer
            and reviewer != getattr(change.actor, "pk", None)
        ):
            told.append((reviewer, change))
    if not told:
        return []
    unread = set(
        Notification.objects.filter(
            kind=Kind.CLAIM_CHANGED, read_at=None, claim_id__in={c.claim_id for _, c in told}
        ).values_list("user_id", "claim_id")
    )
    claims = Claim.objects.select_related("article").only("text", "article__title")
    claims = claims.in_bulk({c.claim_id for _, c in told})
    made = []
    for reviewer, change in told:
        if (reviewer, change.claim_id) in unread:
            continue  # one notice per claim until read: a verdict and its note tell once
        unread.add((reviewer, change.claim_id))
        claim = claims[change.claim_id]
        text = (
            f"{change.actor or 'Someone'} {audit.label(change.action)} on the claim "
            f"“{excerpt(claim.text, 60)}” in “{excerpt(claim.article.title, 60)}”, "
            "whose verdict you gave."
        )
        made.append(
            Notification(
                user_id=reviewer,
                kind=Kind.CLAIM_CHANGED,
                actor=change.actor,
                article_id=claim.article_id,
                claim=claim,
                text=text,
                url=claim_url(claim.pk),
            )
        )
    return made
