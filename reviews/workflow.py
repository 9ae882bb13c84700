"""Article status: the allowed transitions, who may make them, and the checks before each.

Every rule lives in this one table and the functions below; views only ask.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reviews import audit, signals
from reviews.agreement import disagreements
from reviews.languages import language_name
from reviews.models import Article, ArticleViewer, ClaimState, Event, Verdict, can_review

Status = Article.Status

# from-status -> {to-status: who may} ; "editor" = can_review, "admin" = staff.
TRANSITIONS: dict[str, dict[str, str]] = {
    Status.NEW: {Status.IN_REVIEW: "editor"},
    Status.IN_REVIEW: {Status.SECOND_REVIEW: "editor", Status.DONE: "editor", Status.NEW: "editor"},
    Status.SECOND_REVIEW: {Status.IN_REVIEW: "editor", Status.DONE: "editor"},
    Status.DONE: {Status.IN_REVIEW: "editor", Status.PUBLISHED: "admin"},
    Status.PUBLISHED: {Status.DONE: "admin"},
}
ACTION_LABELS = {
    Status.NEW: "Back to new",
    Status.IN_REVIEW: "Start review",
    Status.SECOND_REVIEW: "Ask for a second review",
    Status.DONE: "Mark done",
    Status.PUBLISHED: "Publish",
}


class TransitionRefused(Exception):
    """The status change is not allowed now; the message says why."""


def may(user, role: str) -> bool:
    return user.is_staff if role == "admin" else can_review(user)


def allowed_transitions(article: Article, user) -> list[tuple[str, str]]:
    labels = dict(ACTION_LABELS)
    if article.status != Status.NEW:
        labels[Status.IN_REVIEW] = "Back to review"
    return [
        (status, labels[status])
        for status, role in TRANSITIONS.get(article.status, {}).items()
        if may(user, role)
    ]


def blockers(article: Article, to: str) -> list[str]:
    """Why the article cannot move to `to` yet (empty when it can)."""
    live = article.claims.exclude(state=ClaimState.REJECTED)
    problems = []
    if to in (Status.DONE, Status.PUBLISHED):
        open_count = live.filter(Q(verdict=Verdict.UNREVIEWED) | Q(state=ClaimState.PROPOSED))
        if n := open_count.count():
            problems.append(f"{n} claim{'s are' if n != 1 else ' is'} not reviewed or decided yet.")
        # Wording changed in a new version of the article (reviews/revisions.py).
        if n := live.filter(needs_rereview=True).count():
            problems.append(
                f"{n} claim{'s' if n != 1 else ''} changed in the new version and need"
                f"{'s' if n == 1 else ''} a second look (Needs re-review)."
            )
    second_review = to == Status.DONE and article.status == Status.SECOND_REVIEW
    if second_review and (n := len(disagreements(article))):
        problems.append(
            f"{n} disagreement{'s' if n != 1 else ''} with the second review to resolve."
        )
    return problems


def change_status(article: Article, *, user, to: str, expected: str) -> Article:
    """Move the article to `to` if the rules allow it and nobody moved it meanwhile."""
    role = TRANSITIONS.get(expected, {}).get(to)
    if role is None:
        raise TransitionRefused(
            f"An article cannot go from “{Status(expected).label}” to “{Status(to).label}”."
        )
    if not may(user, role):
        raise TransitionRefused(
            "Only admins can publish or unpublish." if role == "admin" else "Only editors can."
        )
    if problems := blockers(article, to):
        raise TransitionRefused(" ".join(problems))
    with transaction.atomic():
        moved = Article.objects.filter(pk=article.pk, status=expected).update(status=to)
        if moved and to == Status.PUBLISHED and article.first_published_at is None:
            article.first_published_at = timezone.now()
            Article.objects.filter(pk=article.pk, first_published_at=None).update(
                first_published_at=article.first_published_at
            )
        if not moved:
            article.refresh_from_db()
            raise TransitionRefused(
                f"Someone already changed the status to “{article.get_status_display()}”."
            )
        article.status = to
        Event.objects.record(
            actor=user,
            article_id=article.pk,
            obj=article,
            action="article.status",
            before={"status": expected},
            after={"status": to},
        )
        if to == Status.SECOND_REVIEW:
            signals.second_review_requested.send(sender=Article, article=article, actor=user)
    return article


def header_context(article: Article, user) -> dict:
    """The review page header: status, the moves this user may make, who is assigned."""
    return {
        "article": article,
        "transitions": allowed_transitions(article, user),
        "assigned": list(article.assignees.all()),
        "language_name": language_name(article.language),
        # The text's version, once a new one has been imported (reviews/revisions.py).
        "text_revision": article.revisions.order_by("-number")
        .values_list("number", flat=True)
        .first(),
    }


def assignable_editors():
    return (
        get_user_model()
        .objects.filter(Q(is_staff=True) | Q(groups__permissions__codename="review_claim"))
        .filter(is_active=True)
        .distinct()
        .order_by("username")
    )


def assign(articles: list[Article], *, user, editors: list, replace: bool) -> None:
    """Set (replace) or add assignees, one audit event per article whose assignees changed."""
    with transaction.atomic():
        for article in articles:
            earlier = list(article.assignees.all())
            if replace:
                article.assignees.set(editors)
            else:
                article.assignees.add(*editors)
            now = list(article.assignees.all())
            before = sorted(u.username for u in earlier)
            after = sorted(u.username for u in now)
            if before != after:
                Event.objects.record(
                    actor=user,
                    article_id=article.pk,
                    obj=article,
                    action="article.assign",
                    before={"assignees": before},
                    after={"assignees": after},
                )
                added = [u for u in now if u not in earlier]
                signals.assigned.send(sender=Article, article=article, actor=user, editors=added)


def set_due(article: Article, *, user, due_at) -> bool:
    """Change the article's deadline (None: no deadline)."""
    return audit.set_article_field(
        article, user=user, action="article.due", field="due_at", value=due_at
    )


def recent_viewers(article: Article, user) -> list[str]:
    """Note this user as viewing, and name the others seen within the last poll periods."""
    now = timezone.now()
    ArticleViewer.objects.update_or_create(article=article, user=user, defaults={"last_seen": now})
    since = now - timedelta(seconds=settings.LIVE_POLL_SECONDS * 3)
    seen = article.viewers.filter(last_seen__gte=since).exclude(user=user)
    return sorted(seen.values_list("user__username", flat=True))
