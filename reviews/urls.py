"""The review desk's own routes (namespace "reviews"); each leaf has its own urls.py."""

from django.urls import path

from reviews.views import (
    collaboration,
    comments,
    corrections,
    evidence,
    review,
    revisions,
    system,
    undo,
)

app_name = "reviews"
urlpatterns = [
    path("", review.article_list, name="article_list"),
    path("articles/", review.article_list_redirect, name="articles"),
    path("articles/<int:pk>/", review.article_review, name="article_review"),
    path("articles/<int:pk>/claims/", review.claim_window, name="claim_window"),
    path("articles/<int:pk>/text/", review.article_text, name="article_text"),
    path("articles/<int:pk>/claims/add/", review.claim_add, name="claim_add"),
    path("articles/<int:pk>/bulk/", review.bulk_action, name="bulk_action"),
    path("articles/<int:pk>/reject-below/", review.reject_below, name="reject_below"),
    path("articles/<int:pk>/more/", review.propose_more, name="propose_more"),
    path("articles/<int:pk>/undo/", undo.undo_last, name="undo"),
    path("claims/<int:pk>/card/", review.claim_card, name="claim_card"),
    path("claims/<int:pk>/review/", review.claim_review, name="claim_review"),
    *[
        path(f"claims/<int:pk>/{action}/", review.claim_state, {"action": action}, name=action)
        for action in ("accept", "reject", "restore")
    ],
    *[
        path(f"claims/<int:pk>/{action}/", review.claim_span, {"action": action}, name=action)
        for action in ("span", "split")
    ],
    path("claims/<int:pk>/merge/", corrections.claim_merge, name="merge"),
    path("claims/<int:pk>/unmerge/", corrections.merge_undo, name="merge_undo"),
    path("claims/<int:pk>/correct/", corrections.claim_correct, name="claim_correct"),
    path("claims/<int:pk>/evidence/new/", evidence.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/edit/", evidence.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
    path("sources/search/", evidence.source_search, name="source_search"),
    path("articles/<int:pk>/status/", collaboration.article_status, name="article_status"),
    path("articles/<int:pk>/assign/", collaboration.article_assign, name="article_assign"),
    path("articles/<int:pk>/language/", collaboration.article_language, name="article_language"),
    path("articles/assign/", collaboration.bulk_assign, name="bulk_assign"),
    path("articles/<int:pk>/history/", collaboration.article_history, name="article_history"),
    path("articles/<int:pk>/changes/", collaboration.article_changes, name="article_changes"),
    path("claims/<int:pk>/wording/", collaboration.claim_wording, name="claim_wording"),
    path("claims/<int:pk>/history/", collaboration.claim_history, name="claim_history"),
    path("claims/<int:pk>/second/", collaboration.second_opinion, name="second_opinion"),
    path("articles/<int:pk>/revisions/", revisions.article_revisions, name="article_revisions"),
    path(
        "articles/<int:pk>/revisions/<int:number>/",
        revisions.article_revision,
        name="article_revision",
    ),
    path("claims/<int:pk>/comments/", comments.comment_add, name="comment_add"),
    path("comments/<int:pk>/edit/", comments.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/withdraw/", comments.comment_withdraw, name="comment_withdraw"),
    path("agreement/", collaboration.agreement_overview, name="agreement"),
    path("accounts/token/", system.session_token, name="session_token"),
    path("healthz", system.healthz, name="healthz"),
]
