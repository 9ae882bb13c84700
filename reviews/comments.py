"""A claim's discussion: posting, editing and withdrawing comments, and @mentions.

Each write runs in one transaction with its audit event (comment.add / comment.edit /
comment.withdraw), which bumps the article's revision, so open review pages redraw the
card through their usual poll. Nothing is deleted: an edit keeps the text before in its
event, a withdrawal keeps the row and shows it as withdrawn.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from reviews import signals, workflow
from reviews.models import Claim, Comment, Event

MAX_COMMENT_CHARS = 5_000
# @name as Django usernames are spelled (letters, digits, @.+-_), not part of an e-mail
# address (no word character just before the @), without a trailing full stop.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.+-]*[\w+-]|[\w])", re.UNICODE)


class CommentRefused(Exception):
    """A comment that cannot be saved or changed; the message is for the editor."""


def mentioned_names(text: str) -> list[str]:
    """Every @name in the text, in order, once each."""
    return list(dict.fromkeys(MENTION.findall(text)))


def resolve_mentions(text: str) -> list:
    """The editors the text names (exact usernames, any case); other @words name nobody."""
    names = mentioned_names(text)
    if not names:
        return []
    lookup = Q()
    for name in names:
        lookup |= Q(username__iexact=name)
    return list(workflow.assignable_editors().filter(lookup))


def clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise CommentRefused("Write something first: the comment is empty.")
    if len(text) > MAX_COMMENT_CHARS:
        raise CommentRefused(f"A comment can be at most {MAX_COMMENT_CHARS:,} characters.")
    if "\x00" in text:  # PostgreSQL refuses it in text; nobody types it
        raise CommentRefused("The comment contains a null character: remove it and post again.")
    return text


def recount(claim_id: int) -> None:
    """The claim's count of thread entries (withdrawn ones too: they stay in the thread),
    recounted from the rows, so a count that drifted is right again after the next write."""
    count = Comment.objects.filter(claim_id=claim_id).count()
    Claim.objects.filter(pk=claim_id).update(comment_count=count)


def post_comment(*, claim: Claim, author, text: str) -> Comment:
    text = clean_text(text)
    mentioned = resolve_mentions(text)
    with transaction.atomic():
        comment = Comment.objects.create(
            claim=claim, author=author, text=text, mentions=[u.username for u in mentioned]
        )
        recount(claim.pk)
        record(comment, author, "comment.add", None, {"text": text})
        signals.comment_saved.send(
            sender=Comment, comment=comment, actor=author, mentioned=mentioned
        )
    return comment


def editable(comment: Comment, user) -> None:
    if comment.author_id != user.pk:
        raise CommentRefused("Only its author can change a comment.")
    if comment.withdrawn:
        raise CommentRefused("This comment was withdrawn; it can no longer be changed.")


def edit_comment(*, comment: Comment, editor, text: str) -> Comment:
    """The author's new text; the old one stays in the comment.edit event. Only editors
    named for the first time are notified."""
    text = clean_text(text)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        editable(comment, editor)
        if text == comment.text:
            return comment
        before = comment.text
        mentioned = resolve_mentions(text)
        already = {name.lower() for name in comment.mentions}
        comment.text, comment.edited_at = text, timezone.now()
        comment.mentions = [u.username for u in mentioned]
        comment.save(update_fields=["text", "edited_at", "mentions"])
        record(comment, editor, "comment.edit", {"text": before}, {"text": text})
        new = [u for u in mentioned if u.username.lower() not in already]
        signals.comment_saved.send(sender=Comment, comment=comment, actor=editor, mentioned=new)
    return comment


def withdraw_comment(*, comment: Comment, editor) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        editable(comment, editor)
        comment.withdrawn_at = timezone.now()
        comment.save(update_fields=["withdrawn_at"])
        record(comment, editor, "comment.withdraw", {"text": comment.text}, {"withdrawn": True})
    return comment


def record(comment: Comment, actor, action: str, before, after) -> Event:
    claim = Claim.objects.only("article_id").get(pk=comment.claim_id)
    return Event.objects.record(
        actor=actor,
        article_id=claim.article_id,
        claim_id=comment.claim_id,
        obj=comment,
        action=action,
        before=before,
        after=after,
    )


def attach_comments(claims) -> None:
    """Each claim's thread as `claim.thread`, for the claims that have a comment (their
    count says so): one query for the comments, one for the addresses of those mentioned."""
    claims = list(claims)
    for claim in claims:
        claim.thread = []
    with_comments = [c for c in claims if getattr(c, "comment_count", 0)]
    if not with_comments:
        return
    rows = list(Comment.objects.filter(claim__in=with_comments).select_related("author"))
    by_claim = {c.pk: c for c in with_comments}
    names = {name.lower() for comment in rows for name in comment.mentions}
    people = {}
    if names:
        lookup = Q()
        for name in names:
            lookup |= Q(username__iexact=name)
        users = get_user_model().objects.filter(lookup).values_list("username", "email")
        people = {username.lower(): email for username, email in users}
    for comment in rows:
        comment.people = people
        by_claim[comment.claim_id].thread.append(comment)


def comment_html(comment: Comment) -> SafeString:
    """The text escaped, line breaks kept, each @name that named an editor marked as a
    mention: a mail link when the editor has an address. Other @words stay plain text."""
    known = {name.lower() for name in comment.mentions}
    people = getattr(comment, "people", {})
    parts, last = [], 0
    for match in MENTION.finditer(comment.text):
        name = match.group(1)
        if name.lower() not in known:
            continue
        parts.append(conditional_escape(comment.text[last : match.start()]))
        if email := people.get(name.lower()):
            parts.append(format_html('<a class="mention" href="mailto:{}">@{}</a>', email, name))
        else:
            parts.append(format_html('<strong class="mention">@{}</strong>', name))
        last = match.end()
    parts.append(conditional_escape(comment.text[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # every part is escaped
