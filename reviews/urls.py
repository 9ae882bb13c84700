from django.urls import path

from reviews import (
    collab_views,
    evidence_views,
    import_views,
    urls_dashboard,
    urls_exports,
    urls_search,
    views,
)

app_name = "reviews"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/new/", import_views.article_import, name="article_import"),
    path("articles/<int:pk>/", views.article_review, name="article_review"),
    path("articles/<int:pk>/prepare/", import_views.article_prepare, name="article_prepare"),
    path("articles/<int:pk>/claims/add/", views.claim_add, name="claim_add"),
    path("articles/<int:pk>/bulk/", views.bulk_action, name="bulk_action"),
    path("claims/<int:pk>/review/", views.claim_review, name="claim_review"),
    *[
        path(f"claims/<int:pk>/{action}/", views.claim_state, {"action": action}, name=action)
        for action in ("accept", "reject", "restore")
    ],
    *[
        path(f"claims/<int:pk>/{action}/", views.claim_span, {"action": action}, name=action)
        for action in ("span", "split", "merge")
    ],
    path("claims/<int:pk>/evidence/new/", evidence_views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/edit/", evidence_views.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/remove/", evidence_views.evidence_remove, name="evidence_remove"),
    path("sources/search/", evidence_views.source_search, name="source_search"),
    path("articles/<int:pk>/status/", collab_views.article_status, name="article_status"),
    path("articles/<int:pk>/assign/", collab_views.article_assign, name="article_assign"),
    path("articles/assign/", collab_views.bulk_assign, name="bulk_assign"),
    path("articles/<int:pk>/history/", collab_views.article_history, name="article_history"),
    path("articles/<int:pk>/changes/", collab_views.article_changes, name="article_changes"),
    path("claims/<int:pk>/wording/", collab_views.claim_wording, name="claim_wording"),
    path("claims/<int:pk>/history/", collab_views.claim_history, name="claim_history"),
    path("claims/<int:pk>/second/", collab_views.second_opinion, name="second_opinion"),
    path("agreement/", collab_views.agreement_overview, name="agreement"),
    path("healthz", views.healthz, name="healthz"),
]
# Search, exports and the dashboard keep their routes in their own modules, in the same namespace.
urlpatterns += urls_search.urlpatterns + urls_exports.urlpatterns + urls_dashboard.urlpatterns
