"""What the core announces to the leaves that care (the notifications leaf, mostly).

Sent inside the transaction of the change, after its audit event; a receiver that acts
outside the database (e-mail) waits for the commit (transaction.on_commit). The core never
imports a receiver: leaves connect in their AppConfig.ready().
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
