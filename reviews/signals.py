"""What the core announces to the leaves that care (notifications, the search leaf's claim
embeddings), so the core never imports them.

Sent inside the transaction of the change, after its audit event; a receiver that acts
outside the database (e-mail, queuing a task) waits for the commit (transaction.on_commit),
so a rolled-back write does nothing. Leaves connect in their AppConfig.ready().
"""

from django.dispatch import Signal

# article, actor, editors: the users just added to the article's assignees.
assigned = Signal()
# article, actor: the article was moved to "Needs second review".
second_review_requested = Signal()
# claim, actor, version (the claim's version after the change), action: any audited change
# of the claim's own fields (claims.update_claim).
claim_changed = Signal()
# comment, actor, mentioned: a comment saved (new or edited) and the users it newly names.
comment_saved = Signal()
# evidence, created (a new item), changed (the fields an edit changed), copied_from (the item
# it was copied from, or None): evidence added, edited or copied (the ledger archives the page).
evidence_saved = Signal()
# claim_ids: claims created (added, split off, proposed) or reworded.
claim_texts_changed = Signal()


def texts_changed(claim_ids) -> None:
    ids = [pk for pk in claim_ids if pk is not None]
    if ids:
        claim_texts_changed.send(sender=None, claim_ids=ids)
