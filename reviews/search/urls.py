from django.urls import path

from reviews.search import views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("claims/<int:pk>/similar/", views.similar_claims, name="similar_claims"),
    path("claims/<int:pk>/same-as/", views.claim_same_as, name="claim_same_as"),
    path("claims/<int:pk>/memory/", views.evidence_memory, name="evidence_memory"),
]
