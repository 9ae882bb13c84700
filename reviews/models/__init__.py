"""The data of a fact-check desk, one module per concern; import from `reviews.models`.

Behaviour that changes these rows (and writes the audit trail) lives in the domain
modules beside this package: reviews/claims.py, evidence.py, workflow.py, agreement.py.
"""

from reviews.models.article import Article, ArticleQuerySet, ArticleViewer, body_hash
from reviews.models.choices import ClaimOrigin, ClaimState, Stance, Verdict
from reviews.models.claim import Claim, ClaimEditRefused, StaleEdit, can_review
from reviews.models.comment import Comment
from reviews.models.evidence import Evidence, EvidenceQuerySet, Source
from reviews.models.history import AppendOnly, Correction, Event, SecondOpinion, VerdictRecord
from reviews.models.revision import ArticleRevision, ClaimPlacement
from reviews.models.submission import Submission

__all__ = [
    "AppendOnly",
    "Article",
    "ArticleQuerySet",
    "ArticleRevision",
    "ArticleViewer",
    "Claim",
    "ClaimEditRefused",
    "ClaimOrigin",
    "ClaimPlacement",
    "ClaimState",
    "Comment",
    "Correction",
    "Event",
    "Evidence",
    "EvidenceQuerySet",
    "SecondOpinion",
    "Source",
    "Stance",
    "Submission",
    "StaleEdit",
    "Verdict",
    "VerdictRecord",
    "body_hash",
    "can_review",
]
