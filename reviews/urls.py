from django.urls import path

from reviews import import_views, urls_dashboard, urls_exports, urls_search, views

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
    path("healthz", views.healthz, name="healthz"),
]
# Search, exports and the dashboard keep their routes in their own modules, in the same namespace.
urlpatterns += urls_search.urlpatterns + urls_exports.urlpatterns + urls_dashboard.urlpatterns
