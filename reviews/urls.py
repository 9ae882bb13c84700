from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<int:pk>/", views.article_review, name="article_review"),
    path("articles/<int:pk>/bulk-verdict/", views.bulk_verdict, name="bulk_verdict"),
    path("claims/<int:pk>/review/", views.claim_review, name="claim_review"),
    path("healthz", views.healthz, name="healthz"),
]
